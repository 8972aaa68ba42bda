import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../tests/corpus/cases';
import { findCodes, forEachCodeToken, pushRunTokens, shouldMark, type CodeMatch } from './detect';

const marked = (text: string, ctx = {}, strictness: 'strict' | 'balanced' | 'everything' = 'balanced') =>
  findCodes(text, ctx)
    .filter((m) => shouldMark(m, true, strictness))
    .map((m) => text.slice(m.start, m.spanEnd));

describe('the detector on the corpus (dataset assumed to know every token)', () => {
  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(marked(c.text, { columnHeader: c.columnHeader })).toEqual(c.marks);
  });
});

describe('detector details', () => {
  it('reads modifiers and marks the span with them', () => {
    const [m] = findCodes('Billed 27447-RT-59 today');
    expect(m).toMatchObject({ code: '27447', modifiers: ['RT', '59'], start: 7, end: 12, spanEnd: 18 });
  });
  it('scores the same with or without explanations', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const plain = findCodes(text).map((m) => m.score);
        const explained = findCodes(text, { explain: true });
        expect(explained.map((m) => m.score)).toEqual(plain);
        for (const m of explained) expect(m.cues.reduce((s, c) => s + Number(c.split(' ')[0]), 0)).toBe(m.score);
      }),
      { numRuns: 500 },
    );
  });
  it('skips weighing tokens the caller knows are not codes, and marks the same spans', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const known = (c: string) => c !== '99213';
        const full = findCodes(text).filter((m) => shouldMark(m, known(m.code), 'balanced'));
        const lazy = findCodes(text, { isKnown: known }).filter((m) => shouldMark(m, known(m.code), 'balanced'));
        expect(lazy.map((m) => [m.start, m.spanEnd])).toEqual(full.map((m) => [m.start, m.spanEnd]));
      }),
      { numRuns: 500 },
    );
  });
  it('links range ends', () => {
    const [a, b] = findCodes('99202-99205');
    expect(a!.range).toEqual({ role: 'from', other: '99205' });
    expect(b!.range).toEqual({ role: 'to', other: '99202' });
  });
  it('needs the dataset for five-digit and Level II shapes, not for F/T/U', () => {
    const found = findCodes('99213 J1100 3074F 0657T 0001U');
    expect(found.map((m) => [m.code, m.needsDataset])).toEqual([
      ['99213', true],
      ['J1100', true],
      ['3074F', false],
      ['0657T', false],
      ['0001U', false],
    ]);
    expect(shouldMark(found[0]!, false, 'everything')).toBe(false);
    expect(shouldMark(found[2]!, false, 'balanced')).toBe(true);
  });
  it('Strict needs a positive cue for a bare five-digit number; Everything ignores context', () => {
    expect(marked('see 99213 today', {}, 'strict')).toEqual([]);
    expect(marked('see CPT 99213 today', {}, 'strict')).toEqual(['99213']);
    expect(marked('see 99213-25 today', {}, 'strict')).toEqual(['99213-25']);
    expect(marked('J1100 given', {}, 'strict')).toEqual(['J1100']);
    expect(marked('Anchorage, AK 99503', {}, 'everything')).toEqual(['99503']);
    expect(marked('Anchorage, AK 99503', {}, 'balanced')).toEqual([]);
  });
  it('explains its score', () => {
    const [m] = findCodes('ZIP 99213', { explain: true });
    expect(m!.score).toBeLessThan(0);
    expect(m!.cues.join()).toMatch(/ZIP label/);
  });
});

const alnum = /[A-Za-z0-9]/;
const codeish = fc.constantFrom(
  '99213',
  '3074F',
  '0657T',
  '0001U',
  'J1100',
  'G0439',
  '-25',
  '-RT',
  ' TC',
  ':',
  '$',
  '.50',
  ' ',
  '\n',
  '-',
  'ZIP ',
  'NPI ',
  'AK ',
  'CPT ',
  ', ',
  ' and ',
  '99202-99205',
  'A57221',
);
const textArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(fc.oneof(codeish, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((parts) => parts.join('')),
);

describe('detector properties', () => {
  it('never throws, and finds the same codes when run twice', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const a = findCodes(text);
        const b = findCodes(text);
        expect(b).toEqual(a);
      }),
      { numRuns: 2000 },
    );
  });
  it('never reports a span inside a longer alphanumeric token', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        for (const m of findCodes(text) as CodeMatch[]) {
          expect(alnum.test(text[m.start - 1] ?? '')).toBe(false);
          expect(alnum.test(text[m.end] ?? '')).toBe(false);
          expect(alnum.test(text[m.spanEnd] ?? '')).toBe(false);
          expect(text.slice(m.start, m.end)).toBe(m.code);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('the char-code tokenizer finds exactly the tokens of the reference regex', () => {
    const reference = /(?<![A-Za-z0-9])(\d{5}|\d{4}[FTUM]|[A-V]\d{4})(?![A-Za-z0-9])/g;
    const tokenArb = fc.oneof(
      textArb,
      fc
        .array(fc.constantFrom('1', '0', '9', 'F', 'T', 'U', 'M', 'f', 'A', 'V', 'W', 'Z', 'z', '-', ' ', 'é', '٣', '\u00a0'), {
          maxLength: 40,
        })
        .map((a) => a.join('')),
    );
    fc.assert(
      fc.property(tokenArb, (text) => {
        const ours: [number, string][] = [];
        forEachCodeToken(text, (start, code) => ours.push([start, code]));
        const theirs = [...text.matchAll(reference)].map((m) => [m.index, m[1]] as [number, string]);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });
  it('finds in text nodes laid end to end exactly the tokens of each node alone, with their nodes', () => {
    // Digits and code letters glued across node edges, empty nodes, and more text than the lengths cover.
    const chars = fc
      .array(fc.constantFrom('1', '0', '9', '5', 'F', 'T', 'U', 'M', 'J', 'A', 'V', 'W', 'z', '-', ' ', '\n', 'é'), { maxLength: 14 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 12 }), chars, (parts, tail) => {
        const expected: string[] = [];
        const expectedOwners: number[] = [];
        parts.forEach((part, i) => {
          const alone: string[] = [];
          forEachCodeToken(part, (_, code) => alone.push(code));
          expected.push(...alone);
          expectedOwners.push(...alone.map(() => i));
        });
        const text = parts.join('') + tail;
        const starts = [-1];
        const owners: number[] = [];
        pushRunTokens(
          text,
          parts.map((p) => p.length),
          parts.length,
          starts,
          owners,
        );
        expect(starts[0]).toBe(-1);
        expect(starts.slice(1).map((at) => text.slice(at, at + 5))).toEqual(expected);
        expect(owners).toEqual(expectedOwners);
      }),
      { numRuns: 5000 },
    );
  });
  it("finds a node's code glued to its neighbours' digits, and none that only the glue makes", () => {
    const starts: number[] = [];
    const owners: number[] = [];
    // "1000" + "99213" + "7" reads 1000992137 end to end; "992" + "13" reads 99213.
    pushRunTokens('1000992137' + '99213', [4, 5, 1, 3, 2], 5, starts, owners);
    expect(starts).toEqual([4]);
    expect(owners).toEqual([1]);
  });
  it('explains every candidate of a list, the ones the dataset lacks too, and shares no cue list between them', () => {
    const text = 'CPT 99213, 99214 and 99215';
    const explained = findCodes(text, { explain: true, isKnown: (c) => c !== '99214' });
    expect(explained.map((m) => m.cues.includes('+2 listed with other codes'))).toEqual([true, true, true]);
    // Off the explain path the cue lists are one frozen, empty list: nothing may write to it.
    const quiet = findCodes(text, { isKnown: (c) => c !== '99214' });
    expect(quiet.every((m) => m.cues.length === 0 && Object.isFrozen(m.cues))).toBe(true);
    expect(quiet.map((m) => m.score)).toEqual(explained.map((m) => m.score));
  });
  it('asks for the column header only when a candidate is weighed, and weighs it the same', () => {
    let asked = 0;
    const header = () => (asked++, 'Patient ZIP');
    expect(findCodes('Claim 10000123 on 04/12/2026', { columnHeader: header })).toEqual([]);
    expect(asked).toBe(0);
    const lazy = findCodes('IL 60601', { columnHeader: header });
    expect(asked).toBe(1);
    expect(lazy).toEqual(findCodes('IL 60601', { columnHeader: 'Patient ZIP' }));
    expect(findCodes('60601', { columnHeader: header, isKnown: () => false })[0]!.score).toBe(-Infinity);
    expect(asked).toBe(1);
  });
  it('handles 1 MB of random text', () => {
    const rng = fc.sample(fc.string({ minLength: 1000, maxLength: 1000, unit: 'binary' }), { numRuns: 1000, seed: 42 });
    const text = rng.join('');
    expect(text.length).toBeGreaterThanOrEqual(1_000_000);
    const found = findCodes(text);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.code);
  });
});
