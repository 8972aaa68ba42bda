// The installed release's codes as one packed string (five characters each, sorted): what a page scan asks of
// every token, "is this a code?", answered in the page without a message per question. Pure.

/** The packed form of codes: sorted, unique, five characters each, end to end. */
export function packCodes(codes: Iterable<string>): string {
  return [...new Set(codes)]
    .filter((c) => c.length === 5)
    .sort()
    .join('');
}

export class CodeSet {
  private readonly packed: string;
  /** One bit per five-digit number: most tokens on a page (codes, ZIPs, IDs) are five digits, answered here. */
  private readonly digits = new Uint8Array(100_000 / 8);
  readonly size: number;

  /** packed as packCodes makes it (sorted: the other shapes are found by binary search); throws when its length is not. */
  constructor(packed: string) {
    if (typeof packed !== 'string' || packed.length % 5 !== 0) throw new Error('code list: not a list of five-character codes');
    this.packed = packed;
    this.size = packed.length / 5;
    for (let i = 0; i < packed.length; i += 5) {
      const n = fiveDigits(packed, i);
      if (n >= 0) this.digits[n >> 3]! |= 1 << (n & 7);
    }
  }

  /** Whether code is in the set. */
  has(code: string): boolean {
    return code.length === 5 && this.hasAt(code, 0);
  }

  /** Whether the five characters of text at start are a code in the set (text.length ≥ start + 5). */
  hasAt(text: string, start: number): boolean {
    const n = fiveDigits(text, start);
    if (n >= 0) return (this.digits[n >> 3]! & (1 << (n & 7))) !== 0;
    // A binary search that compares characters in place (no string is made).
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareAt(this.packed, mid * 5, text, start);
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
