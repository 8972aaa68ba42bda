import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeSet, packCodes } from './code-set';

// Digit-heavy, so both the five-digit bitmap and the search of the other shapes are exercised.
const code = fc.oneof(
  fc.stringMatching(/^[0-9]{5}$/),
  fc.stringMatching(/^[0-9A-Z]{5}$/),
  fc.constantFrom('00000', '99999', '0001U', 'A0000'),
);

describe('CodeSet: the packed code list a page scan asks', () => {
  it('answers as a Set of the same codes does, for codes in it, near it and of other lengths', () => {
    fc.assert(
      fc.property(
        fc.array(code, { maxLength: 200 }),
        fc.array(fc.oneof(code, fc.string({ maxLength: 7 })), { maxLength: 50 }),
        (codes, probes) => {
          const set = new CodeSet(packCodes(codes));
          const plain = new Set(codes);
          expect(set.size).toBe(plain.size);
          for (const c of [...codes, ...probes]) {
            expect(set.has(c), c).toBe(plain.has(c));
            // In place, inside a longer text, as the scanner asks.
            if (c.length === 5) expect(set.hasAt(`x ${c} y`, 2), c).toBe(plain.has(c));
          }
        },
      ),
    );
  });

  it('rejects a string that cannot be a packed list, and answers no for an empty one', () => {
    expect(() => new CodeSet('99213992')).toThrow('not a packed code list');
    expect(() => new CodeSet(packCodes(['J1100']) + '99')).toThrow('not a packed code list');
    expect(new CodeSet(packCodes([])).has('99213')).toBe(false);
    expect(new CodeSet(packCodes([])).size).toBe(0);
  });

  it('packs into characters that JSON and extension messaging carry unchanged', () => {
    const packed = packCodes(['00000', '99999', '12345', 'J1100', '0001U']);
    expect([...packed].every((ch) => ch.codePointAt(0)! >= 0x20 && !(ch.codePointAt(0)! >= 0xd800 && ch.codePointAt(0)! <= 0xdfff))).toBe(
      true,
    );
    const carried = JSON.parse(JSON.stringify(packed)) as string;
    expect(new TextDecoder().decode(new TextEncoder().encode(carried))).toBe(packed);
    expect(new CodeSet(carried).size).toBe(5);
  });
});
