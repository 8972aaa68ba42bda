import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCodes, forEachCodeToken, shouldMark, type Strictness } from '../detect';
import { shapeOf } from './node-marker';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const four = fc.tuple(digit, digit, digit, digit).map((d) => d.join(''));
/** Two codes of one shape class (what shapeOf keeps of a token): five digits, 1234F/T/U/M, or a Level II letter and four digits. */
const codePair = fc.oneof(
  fc.tuple(four, digit, four, digit).map(([a, x, b, y]) => [a + x, b + y] as const),
  fc.tuple(fc.constantFrom('F', 'T', 'U', 'M'), four, four).map(([l, a, b]) => [a + l, b + l] as const),
  fc.tuple(fc.constantFrom(...'ABCEGJKLQV'), fc.constantFrom(...'ABCEGJKLQV'), four, four).map(([l, m, a, b]) => [l + a, m + b] as const),
);
const piece = fc.oneof(
  fc.constantFrom(' ', '-', ':', '.', ',', '$', '(', ')', '*', '/', '#', '\n', 'a', 'Z', 'T', 'C', '2', '5', '9', '0'),
  fc.constantFrom('IL ', 'TX ', 'ZIP ', 'CPT ', 'NPI ', 'HC:', 'Ref # ', 'through ', ' and ', 'mg', ' pm', '-25', '-RT', ' TC', '-1234'),
);
const affix = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const STRICTNESS: Strictness[] = ['strict', 'balanced', 'everything'];

/** What the rules read of a match: everything but the code itself. */
function weighed(text: string, header: string, known: boolean, strictness: Strictness) {
  return findCodes(text, { columnHeader: header, isKnown: () => known }).map((m) => ({
    start: m.start,
    spanEnd: m.spanEnd,
    category: m.category,
    modifiers: m.modifiers,
    score: m.score,
    range: m.range,
    marked: shouldMark(m, known, strictness),
  }));
}

describe('shapeOf', () => {
  it('texts of one shape, each with one code token, are weighed alike under every header and strictness', () => {
    fc.assert(
      fc.property(affix, codePair, affix, fc.boolean(), (before, [a, b], after, known) => {
        const one = before + a + after;
        const other = before + b + after;
        const tokens = (t: string) => {
          const at: number[] = [];
          forEachCodeToken(t, (start) => at.push(start));
          return at;
        };
        fc.pre(tokens(one).join() === `${before.length}` && tokens(other).join() === `${before.length}`);
        expect(shapeOf(one, before.length, known)).toBe(shapeOf(other, before.length, known));
        for (const header of ['', 'CPT', 'Patient ZIP'])
          for (const strictness of STRICTNESS)
            expect(weighed(other, header, known, strictness)).toEqual(weighed(one, header, known, strictness));
      }),
      { numRuns: 3000 },
    );
  });

  it('tells apart what the rules weigh differently: a non-numeric Category I code, a category, whether the dataset knows it', () => {
    const shapes = [shapeOf('0002M', 0, true), shapeOf('99213', 0, true), shapeOf('99213', 0, false), shapeOf('3074F', 0, true)];
    expect(new Set(shapes).size).toBe(4);
    // The rest of the text is kept as it is.
    expect(shapeOf('IL 99213', 3, true)).not.toBe(shapeOf('TX 99213', 3, true));
  });
});
