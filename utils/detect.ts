// Finds billing-code candidates in plain text. Pure: no DOM, no extension APIs.
import { categoryOf, type CodeCategory } from '../data/categories';

export interface CodeMatch {
  /** Offsets of the code itself (without modifiers) in the text. */
  start: number;
  end: number;
  code: string;
  category: CodeCategory;
  /** Attached modifiers, e.g. ["25"] for 99213-25. */
  modifiers: string[];
  /** End offset including attached modifiers. */
  spanEnd: number;
  /** Positive: looks like a code here; negative: looks like something else (ZIP, phone, money …). */
  score: number;
  /** Shapes that must be confirmed by the dataset (bare five digits, Level II) vs self-evident (F/T/U). */
  needsDataset: boolean;
}

// A code token: five digits, four digits + F/T/U/M, or a Level II letter + four digits,
// not touching other letters or digits (so never inside A57221 or L35000).
const TOKEN = /(?<![A-Za-z0-9])(\d{5}|\d{4}[FTUM]|[A-V]\d{4})(?![A-Za-z0-9])/g;
const MODIFIER = /^(?:[-: ]?)([0-9A-Z]{2})(?![A-Za-z0-9])/;
const KNOWN_MODIFIER = /^(?:2[2-9]|3[23]|4[78]|5[0-9]|6[2-6]|7[3-9]|8[0-2]|9[0-9]|TC|LT|RT|[A-Z][A-Z0-9])$/;

const NEGATIVE_BEFORE: [RegExp, number][] = [
  [/\$\s*$/, -10], // money
  [/\b(?:zip|postal)(?:\s*code)?\s*[:#]?\s*$/i, -10],
  [/\b[A-Z]{2},?\s+$/, -4], // "Springfield, IL 62704"
  [
    /\b(?:npi|tin|ein|member|claim|acct|account|policy|mrn|contract|carrier|locality|group|id|icn|dcn|check|eft|phone|fax|tel|ext)\b[^\n]{0,12}$/i,
    -6,
  ],
  [/[\d.][-.)/]\s?$/, -6], // part of a phone number, date or decimal
  [/\(\s*$/, -1],
];
const NEGATIVE_AFTER: [RegExp, number][] = [
  [/^\.\d/, -10], // decimal
  [/^-\d{4}\b/, -8], // ZIP+4
  [/^[-./]\d/, -4], // phone / date continuation
  [/^,\d{3}/, -10], // thousands separator
];
const POSITIVE_BEFORE: [RegExp, number][] = [[/\b(?:cpt|hcpcs|codes?|procedures?|px|services?|modifiers?|billed|proc)\b[^\n]{0,16}$/i, 4]];

function scoreContext(text: string, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - 24), start);
  // `end` is past any attached modifiers, so "-25" is not read as a phone or date continuation.
  const after = text.slice(end, end + 8);
  let score = 0;
  for (const [re, w] of NEGATIVE_BEFORE) if (re.test(before)) score += w;
  for (const [re, w] of NEGATIVE_AFTER) if (re.test(after)) score += w;
  for (const [re, w] of POSITIVE_BEFORE) if (re.test(before)) score += w;
  return score;
}

// ICD-10 (J45.909, E11.9) and ICD-9 (715.96) codes have a dot; the dot check in
// NEGATIVE_AFTER rejects the Level II shape followed by ".9"; ICD-10 with three
// characters before the dot never matches the five-character token.

export function findCodes(text: string): CodeMatch[] {
  const out: CodeMatch[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const code = m[1]!;
    const category = categoryOf(code);
    if (!category) continue;
    const start = m.index;
    const end = start + code.length;
    let spanEnd = end;
    const modifiers: string[] = [];
    // Attached modifiers: 99213-25, 27447-RT-59, HC:99213:25, 71046 TC. Never a range end (27437-27447).
    for (;;) {
      const mod = MODIFIER.exec(text.slice(spanEnd, spanEnd + 4));
      if (!mod || !KNOWN_MODIFIER.test(mod[1]!)) break;
      const sep = mod[0].length - 2;
      if (sep === 1 && text[spanEnd] === ' ' && !/^[A-Z]{2}$|^(?:2[2-9]|5[0-9]|[5-9][0-9])$/.test(mod[1]!)) break;
      modifiers.push(mod[1]!);
      spanEnd += mod[0].length;
    }
    const selfEvident = category === 'cpt2' || category === 'cpt3' || category === 'pla';
    out.push({
      start,
      end,
      code,
      category,
      modifiers,
      spanEnd,
      score: scoreContext(text, start, spanEnd) + (modifiers.length > 0 ? 3 : 0),
      needsDataset: !selfEvident,
    });
  }
  return out;
}
