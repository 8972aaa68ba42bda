import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import { readCms } from '../tests/cms-dir';
import { QUERIES } from '../tests/search/queries';
import { SearchIndex, tokenize } from './search-index';
import { searchDocsOf } from './search-docs';

let index: SearchIndex;

beforeAll(() => {
  index = new SearchIndex(searchDocsOf(buildDatasetFromSources(readCms).codes));
});

describe('search on the full dataset meets the labelled queries', () => {
  it('has at least 60 labelled queries', () => expect(QUERIES.length).toBeGreaterThanOrEqual(60));
  it.each(QUERIES.map((q) => [q.query, q] as const))('%s', (_q, q) => {
    const codes = index.search(q.query, { limit: 5 }).map((r) => r.doc.code);
    expect(codes.slice(0, q.within), `${q.query} → ${codes.join(' ')}`).toContain(q.expect);
  });
});

describe('search behaviour', () => {
  it('puts the exact code first, then prefixes in code order', () => {
    const r = index.search('9921', { limit: 6 });
    expect(r[0]!.doc.code).toBe('99211');
    const codes = r.map((x) => x.doc.code);
    expect([...codes].sort()).toEqual(codes);
    expect(index.search('99213')[0]).toMatchObject({ match: 'exact' });
  });
  it('filters by category', () => {
    const r = index.search('injection', { limit: 20, category: 'level2' });
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.doc.category === 'level2')).toBe(true);
  });
  it('tokenizes descriptor shorthand', () => {
    expect(tokenize('Scan of spine w/o contrast')).toEqual(['scan', 'of', 'spine', 'w/o', 'w', 'o', 'contrast']);
  });
  it('never throws on any input and respects the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 30 }), (q, limit) => {
        expect(index.search(q, { limit }).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });
});
