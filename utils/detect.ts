// Finds billing-code candidates in plain text and weighs their context. Pure: no DOM, no extension APIs.
import { categoryAt, categoryOf, selfEvidentCategory, type CodeCategory } from '../data/categories';

export type Strictness = 'strict' | 'balanced' | 'everything';

export interface CodeMatch {
  /** Offsets of the code itself in the text. */
  start: number;
  end: number;
  code: string;
  category: CodeCategory;
  /** Attached modifiers, e.g. ["RT", "59"] for 27447-RT-59. */
  modifiers: string[];
  /** End offset including the attached modifiers: the span that is marked. */
  spanEnd: number;
  /** Context weight: above 0 looks like a code, below 0 like something else (ZIP, phone, money, an ID). */
  score: number;
  /** Why the score is what it is; filled only when findCodes is asked to explain (it costs strings). */
  cues: string[];
  /** The part of the score that a range's hyphen caused ("part of a longer number"), undone for ranges. */
  hyphenPenalty: number;
  /** Bare five digits and Level II shapes are candidates only when the dataset knows them; F/T/U shapes are self-evident. */
  needsDataset: boolean;
  /** Set when the code is one end of a range such as 99202-99205. */
  range?: { role: 'from' | 'to'; other: string };
}

/** What the caller knows about where the text sits (table column header, field label). */
export interface TextContext {
  /** The column's header text, or a function giving it: asked only when a candidate's context is weighed. */
  columnHeader?: string | (() => string);
  /** Fill CodeMatch.cues with the reasons (tests, a "why marked" view); off on the hot path. */
  explain?: boolean;
  /**
   * What the caller already knows about a code: false when the dataset lacks it. Such a candidate (of a shape
   * that needs the dataset) is never marked, so its context is not weighed: score -Infinity.
   */
  isKnown?: (code: string) => boolean | undefined;
}

// CPT numeric modifiers (the numbers only; their descriptors are not used here).
const CPT_MODIFIERS = new Set(
  '22 23 24 25 26 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 97 99'.split(' '),
);
// Alphabetic modifiers common enough to accept after a plain space ("71046 TC"); with "-" or ":" any Level II shape is accepted.
const SPACED_ALPHA_MODIFIERS = new Set(
  'TC RT LT XE XP XS XU GA GY GZ GT KX QW FA F1 F2 F3 F4 F5 F6 F7 F8 F9 TA T1 T2 T3 T4 T5 T6 T7 T8 T9 E1 E2 E3 E4 LC LD RC RI JW JZ PO PN GP GO GN'.split(
    ' ',
  ),
);
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP'.split(
    ' ',
  ),
);

/**
 * Calls visit for each code token: five digits, four digits + F/T/U/M, or a Level II letter (A-V) + four digits,
 * never touching another ASCII letter or digit (so never inside A57221 or L35000). The same tokens as
 * /(?<![A-Za-z0-9])(\d{5}|\d{4}[FTUM]|[A-V]\d{4})(?![A-Za-z0-9])/g, found by one pass over the char codes. The
 * detector's tokenizer for one text; the page scan tokenizes runs of text nodes with pushRunTokens.
 */
export function forEachCodeToken(text: string, visit: (start: number, code: string) => void): void {
  for (let start = nextCodeToken(text, 0); start >= 0; start = nextCodeToken(text, start + 5)) visit(start, text.slice(start, start + 5));
}

/** Where the next code token in text at or after from starts (tokens are five characters long), or -1. */
function nextCodeToken(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    if (!isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // An alphanumeric run [i, j): a token only when it is exactly five characters of a code's shape.
    const start = i;
    while (i < n && isAsciiAlnum(text.charCodeAt(i))) i++;
    if (i - start === 5 && categoryAt(text, start) !== null) return start;
  }
  return -1;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// Where a code may start: its shape without its edges, matched natively over many text nodes' text at once.
// Exactly the shapes categoryAt accepts, so a match needs no second look at its characters.
const CODE_SHAPE = /\d{4}[0-9FMTU]|[A-V]\d{4}/g;

/**
 * The code tokens of text nodes laid end to end in text, node i being lengths[i] long: each token's offset in
 * text goes to starts and its node's index to owners (a token is text.slice(start, start + 5)). The same tokens
 * as forEachCodeToken on each node alone, found by one native regex over the whole run, with the edges (a node's
 * ends are edges) checked here: the scanner's code is cold on every page load, and a regex scans a page's worth
 * of text faster than a cold char-code loop. Offsets, not strings: most tokens on a page are ZIPs and IDs, asked
 * about in place (CodeSet.hasAt) and never made into strings.
 */
export function pushRunTokens(text: string, lengths: ArrayLike<number>, count: number, starts: number[], owners: number[]): void {
  const re = CODE_SHAPE;
  re.lastIndex = 0;
  let node = 0;
  let nodeStart = 0;
  let nodeEnd = count > 0 ? lengths[0]! : 0;
  // test(), not exec(): it makes no match array, and every match is five characters long, ending at lastIndex.
  while (re.test(text)) {
    const at = re.lastIndex - 5;
    while (at >= nodeEnd && node < count - 1) {
      nodeStart = nodeEnd;
      nodeEnd += lengths[++node]!;
    }
    if (at >= nodeEnd) break;
    // Running on into the next node: no token of this node starts later, and the next node's may start at once.
    if (at + 5 > nodeEnd) {
      re.lastIndex = nodeEnd;
      continue;
    }
    if (at > nodeStart && isAsciiAlnum(text.charCodeAt(at - 1))) continue;
    if (at + 5 < nodeEnd && isAsciiAlnum(text.charCodeAt(at + 5))) continue;
    starts.push(at);
    owners.push(node);
  }
}

const NO_CUES = Object.freeze([]) as unknown as string[];

const MODIFIER_AT = /^([-:]|\s)([A-Z0-9]{2})(?![A-Za-z0-9])/;
const RANGE_JOIN = /^\s*(?:-|–|—|through|thru|to)\s*$/i;
const LIST_JOIN = /^\s*(?:,|;|\/|&|,?\s*and|,?\s*or)\s*$/i;

const LABELS =
  /\b(?:npi|tin|ein|ssn|taxonomy|member|subscriber|insured|patient|claim|icn|dcn|tcn|acct|account|policy|mrn|chart|record|contract(?:or)?|carrier|mac|locality|group|grp|id|check|eft|trace|invoice|order|batch|ref(?:erence)?|auth(?:orization)?|routing|license|dea|upin|ptan|room|rm|suite|ste|apt|unit|box|phone|ph|tel|telephone|mobile|cell|fax|ext|zip|postal|payer)\b\.?\s*(?:#|no\.?|num(?:ber)?|id|code)?\s*[:#]?\s*$/i;
const POSITIVE_WORDS =
  /\b(?:cpt|hcpcs|codes?|procedures?|proc|px|services?|svc|modifiers?|billed|bill|level\s+ii|e\/m|visit)\b\s*(?:code)?s?\s*(?:#|:|-)?\s*$/i;

const NEGATIVE_HEADER =
  /\b(?:zip|postal|phone|tel|fax|amount|amt|charge|paid|allowed|billed\s+amt|balance|\$|id|npi|tin|carrier|contractor|mac|member|claim|account|acct|icn|policy|check|date|dob|dos|icd|diag(?:nosis)?|dx|locality|payer)\b/i;
const POSITIVE_HEADER = /\b(?:cpt|hcpcs|codes?|procedure|proc|px|service|svc|modifier)\b/i;

// A page has few column headers and thousands of cells under them: each header is weighed once.
const headerWeights = new Map<string, number>();
function headerWeight(header: string): number {
  let weight = headerWeights.get(header);
  if (weight === undefined) {
    weight = POSITIVE_HEADER.test(header) ? 5 : NEGATIVE_HEADER.test(header) ? -10 : 0;
    if (headerWeights.size > 500) headerWeights.clear();
    headerWeights.set(header, weight);
  }
  return weight;
}

function scoreOf(
  text: string,
  m: { start: number; end: number; spanEnd: number; code: string; modifiers: string[] },
  ctx: TextContext,
): { score: number; cues: string[]; hyphenPenalty: number } {
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  const after = text.slice(m.spanEnd, m.spanEnd + 10);
  const explain = ctx.explain === true;
  // Cues are strings for people; off the explain path every candidate shares one frozen, empty list.
  const cues: string[] = explain ? [] : NO_CUES;
  let score = 0;
  let hyphenPenalty = 0;
  const cue = (weight: number, why: string) => {
    score += weight;
    if (explain) cues.push(`${weight > 0 ? '+' : ''}${weight} ${why}`);
  };
  // A code alone in its text node (a table cell) has nothing before or after it: its tests are skipped.
  const hasBefore = before.length > 0;
  const hasAfter = after.length > 0;
  if (hasBefore && /\$\s*$/.test(before)) cue(-10, 'money ($)');
  if (hasAfter && /^[.,]\d/.test(after)) cue(-10, 'decimal or thousands');
  if (hasAfter && /^\d{5}$/.test(m.code) && /^-\d{4}(?![A-Za-z0-9])/.test(after)) cue(-10, 'ZIP+4');
  if ((hasAfter && /^[-./)]\d/.test(after)) || (hasBefore && /\d\s?[-./(]\s?$/.test(before))) {
    cue(-8, 'part of a longer number (phone, date, ID)');
    hyphenPenalty = -8;
  }
  const state = hasBefore ? /\b([A-Z]{2}),?\s+$/.exec(before) : null;
  if (state && STATES.has(state[1]!)) cue(-10, `state ${state[1]} before (address)`);
  if (hasBefore && /\b(?:zip|postal)\b[^\n]{0,12}$/i.test(before)) cue(-10, 'ZIP label');
  if (hasBefore && LABELS.test(before)) cue(-7, 'an identifier label before');
  if (hasAfter && (/\b(?:am|pm)\b/i.test(after) || /^\s*(?:mg|ml|mm|kg|lb|%)\b/i.test(after))) cue(-4, 'a quantity or time');
  if (hasBefore && /\b(?:HC|HP|AD|ER|WK)\s*:\s*$/.test(before)) cue(5, 'X12 procedure qualifier');
  else if (hasBefore && /\*\s*$/.test(before)) cue(-6, 'an X12 element that is not a procedure');
  if (hasBefore && POSITIVE_WORDS.test(before)) cue(4, 'a code word before');
  if (m.modifiers.length > 0) cue(3, 'attached modifier');
  const header = (typeof ctx.columnHeader === 'function' ? ctx.columnHeader() : ctx.columnHeader) ?? '';
  const weight = header ? headerWeight(header) : 0;
  if (weight !== 0) cue(weight, `column "${header}"`);
  return { score, cues, hyphenPenalty };
}

/** Finds every code-shaped token with its modifiers, range/list links and context score. Never throws. */
export function findCodes(text: string, ctx: TextContext = {}): CodeMatch[] {
  const out: CodeMatch[] = [];
  forEachCodeToken(text, (start, code) => {
    const category = categoryOf(code);
    if (!category) return;
    const end = start + code.length;
    let spanEnd = end;
    const modifiers: string[] = [];
    // 99213-25, 27447-RT-59, HC:99213:25, 71046 TC, 99213 25. A range end (27437-27447) is never a modifier:
    // MODIFIER_AT requires the two characters not to run on into more.
    while (modifiers.length < 4) {
      const mod = MODIFIER_AT.exec(text.slice(spanEnd, spanEnd + 4));
      if (!mod) break;
      const [whole, sep, value] = mod as unknown as [string, string, string];
      const numeric = /^\d\d$/.test(value);
      const ok = numeric
        ? CPT_MODIFIERS.has(value) && (sep !== ' ' || modifiers.length === 0)
        : sep === ' '
          ? SPACED_ALPHA_MODIFIERS.has(value)
          : /^[A-Z][A-Z0-9]$|^\d[A-Z]$/.test(value);
      if (!ok || (sep !== '-' && sep !== ':' && sep !== ' ')) break;
      // "99213 25" with a plain space only when nothing numeric follows (not "99213 25 00").
      if (sep === ' ' && numeric && /^\s?\d/.test(text.slice(spanEnd + whole.length, spanEnd + whole.length + 2))) break;
      modifiers.push(value);
      spanEnd += whole.length;
    }
    const selfEvident = selfEvidentCategory(code) !== null;
    if (!selfEvident && ctx.isKnown?.(code) === false) {
      out.push({
        start,
        end,
        code,
        category,
        modifiers,
        spanEnd,
        score: -Infinity,
        cues: ctx.explain === true ? [] : NO_CUES,
        hyphenPenalty: 0,
        needsDataset: true,
      });
      return;
    }
    const { score, cues, hyphenPenalty } = scoreOf(text, { start, end, spanEnd, code, modifiers }, ctx);
    out.push({ start, end, code, category, modifiers, spanEnd, score, cues, hyphenPenalty, needsDataset: !selfEvident });
  });
  linkNeighbours(text, out, ctx.explain === true);
  return out;
}

/** Ranges (99202-99205, 3078F–3080F, 99202 through 99205) and lists (99213, 99214 and 99215) raise each other's score. */
function linkNeighbours(text: string, found: CodeMatch[], explain: boolean): void {
  const listed = new Set<CodeMatch>();
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1]!;
    const between = text.slice(a.spanEnd, b.start);
    if (between.length > 12) continue;
    if (a.modifiers.length === 0 && RANGE_JOIN.test(between) && sameShape(a.code, b.code) && a.code < b.code) {
      // A range undoes the "part of a longer number" penalty the hyphen caused.
      for (const [m, role, other] of [
        [a, 'from', b.code],
        [b, 'to', a.code],
      ] as const) {
        m.range = { role, other };
        m.score += 4 - m.hyphenPenalty;
        m.hyphenPenalty = 0;
        if (explain) m.cues = [...m.cues.filter((c) => !c.includes('longer number')), '+4 range'];
      }
    } else if (LIST_JOIN.test(between)) {
      for (const m of [a, b]) {
        if (listed.has(m)) continue;
        listed.add(m);
        m.score += 2;
        if (explain) m.cues.push('+2 listed with other codes');
      }
    }
  }
}

function sameShape(a: string, b: string): boolean {
  return a.length === b.length && a.replace(/\d/g, '9') === b.replace(/\d/g, '9');
}

/** Whether a candidate is marked, given whether the dataset knows it and the user's strictness. */
export function shouldMark(m: CodeMatch, known: boolean, strictness: Strictness): boolean {
  if (m.needsDataset && !known) return false;
  if (strictness === 'everything') return true;
  if (strictness === 'strict' && m.category === 'cpt1' && /^\d{5}$/.test(m.code)) return m.score > 0;
  return m.score >= 0;
}
