// The installed release's codes in one packed string: what a page scan asks of every token, "is this a code?",
// answered in the page without a message per question, and with nothing to build when the list arrives. Pure.
//
// The string is a bitmap of the five-digit codes (most tokens on a page are five digits: codes, ZIPs, IDs),
// one character per eight numbers, followed by the other codes (Level II, Category II/III, PLA), sorted, five
// characters each. Each bitmap character is 0x100 + its byte: a code point every channel carries unchanged (no
// control characters, no surrogates), and the bits read the same without taking the 0x100 off.

const DIGIT_CHARS = 100_000 / 8;

/** The packed form of codes (strings of another length are left out). */
export function packCodes(codes: Iterable<string>): string {
  const bits = new Uint8Array(DIGIT_CHARS);
  const others = new Set<string>();
  for (const code of codes) {
    if (code.length !== 5) continue;
    const n = fiveDigits(code, 0);
    if (n >= 0) bits[n >> 3]! |= 1 << (n & 7);
    else others.add(code);
  }
  let head = '';
  for (let i = 0; i < DIGIT_CHARS; i += 1024) head += String.fromCharCode(...Array.from(bits.subarray(i, i + 1024), (b) => 0x100 + b));
  return head + [...others].sort().join('');
}

export class CodeSet {
  private readonly packed: string;
  /** How many codes are not five digits: the sorted list after the bitmap. */
  private readonly others: number;

  /** packed as packCodes makes it; throws when its length cannot be that. */
  constructor(packed: string) {
    if (typeof packed !== 'string' || packed.length < DIGIT_CHARS || (packed.length - DIGIT_CHARS) % 5 !== 0)
      throw new Error('code list: not a packed code list (a 12,500-character bitmap and five-character codes)');
    this.packed = packed;
    this.others = (packed.length - DIGIT_CHARS) / 5;
  }

  /** How many codes the set holds. */
  get size(): number {
    let n = this.others;
    for (let i = 0; i < DIGIT_CHARS; i++) for (let c = this.packed.charCodeAt(i) & 0xff; c !== 0; c &= c - 1) n++;
    return n;
  }

  /** Whether code is in the set. */
  has(code: string): boolean {
    return code.length === 5 && this.hasAt(code, 0);
  }

  /** Whether the five characters of text at start are a code in the set (text.length ≥ start + 5). */
  hasAt(text: string, start: number): boolean {
    const n = fiveDigits(text, start);
    if (n >= 0) return ((this.packed.charCodeAt(n >> 3) >> (n & 7)) & 1) === 1;
    // A binary search that compares characters in place (no string is made).
    let lo = 0;
    let hi = this.others - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareAt(this.packed, DIGIT_CHARS + mid * 5, text, start);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** The number the five characters of s at i spell when all are digits, else -1. */
function fiveDigits(s: string, i: number): number {
  let n = 0;
  for (let k = i; k < i + 5; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Compares the five characters of a at i with those of b at j, by UTF-16 code unit (as Array.sort does). */
function compareAt(a: string, i: number, b: string, j: number): number {
  for (let k = 0; k < 5; k++) {
    const d = a.charCodeAt(i + k) - b.charCodeAt(j + k);
    if (d !== 0) return d;
  }
  return 0;
}
