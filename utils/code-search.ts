import type { CodeRecord } from '../data/dataset';
import type { LensDb } from './db';
import type { SearchHit } from './messaging';

const CODE_SHAPED = /^[A-Z]?\d{1,4}[A-Z0-9]?$|^[A-Z]$/;

/** Exact and prefix matches on the code index for code-shaped input; all-words match on descriptors otherwise. */
export async function searchCodes(db: LensDb, query: string, limit: number): Promise<SearchHit[]> {
  const q = query.trim().toUpperCase();
  if (q === '') return [];
  if (CODE_SHAPED.test(q)) {
    const rows = await db.codes
      .where('code')
      .startsWith(q)
      .filter((r) => r.modifier === '')
      .limit(limit)
      .toArray();
    return rows.map((record) => ({ record, match: record.code === q ? 'exact' : 'prefix' }));
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hits: CodeRecord[] = [];
  await db.codes
    .filter((r) => r.modifier === '' && words.every((w) => `${r.shortDescriptor} ${r.longDescriptor}`.toLowerCase().includes(w)))
    .until(() => hits.length >= limit)
    .each((r) => {
      hits.push(r);
    });
  return hits.map((record) => ({ record, match: 'words' }));
}
