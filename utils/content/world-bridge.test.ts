import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushCodeTokens } from '../detect';
import { validSlice } from './world-bridge';

/** A slice as the main world builds it: the tokens of each text, and where each text's tokens end. */
function sliceOf(texts: string[], done = true) {
  const tokens: string[] = [];
  const ends: number[] = [];
  for (const t of texts) if (pushCodeTokens(t, tokens) > 0) ends.push(tokens.length);
  return { slice: 7, tokens, ends, done };
}

describe('validSlice: what the content script believes of a main-world reply', () => {
  it('accepts every slice the walk itself produces, unchanged', () => {
    const text = fc.stringMatching(/^[0-9A-Z .,:-]{0,60}$/);
    fc.assert(
      fc.property(fc.array(text, { maxLength: 30 }), fc.boolean(), (texts, done) => {
        const slice = sliceOf(texts, done);
        expect(validSlice(JSON.parse(JSON.stringify(slice)))).toEqual(slice);
      }),
    );
  });

  it('rejects tokens that are not code-shaped, whatever else is right', () => {
    const good = sliceOf(['CPT 99213 and J1100', 'ZIP 62704']);
    for (const bad of ['<img>', '9921', '992133', 'j1100', 'W1234', 99213, null]) {
      const tokens = [...good.tokens];
      tokens[1] = bad as string;
      expect(validSlice({ ...good, tokens }), String(bad)).toBeNull();
    }
  });

  it('rejects token ends that go backwards, past the tokens, or leave tokens unowned', () => {
    const good = sliceOf(['99213 99214', '99215', 'J1100']);
    expect(good.ends).toEqual([2, 3, 4]);
    for (const ends of [
      [3, 2, 4],
      [2, 3, 5],
      [2, 3],
      [2, 3.5, 4],
      [-1, 3, 4],
      ['2', 3, 4],
    ]) {
      expect(validSlice({ ...good, ends }), JSON.stringify(ends)).toBeNull();
    }
  });

  it('rejects replies of the wrong shape or an unbelievable size', () => {
    const good = sliceOf(['99213']);
    for (const bad of [null, 'x', [], { ...good, slice: '7' }, { ...good, done: 1 }, { ...good, tokens: 'x' }, { ...good, ends: {} }]) {
      expect(validSlice(bad)).toBeNull();
    }
    const tokens = Array.from({ length: 200_001 }, () => '99213');
    expect(validSlice({ slice: 1, tokens, ends: [tokens.length], done: true })).toBeNull();
  });
});
