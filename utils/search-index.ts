// Code search: exact / prefix for code-shaped input, words through a token index that narrows the
// candidates to a few hundred before fuse.js ranks them. Pure: no DOM, no extension APIs.
import Fuse from 'fuse.js';
import type { CodeCategory } from '../data/categories';
import { COMMON_CODES } from '../data/common-codes';
import { ACRONYMS, WORD_ALTERNATIVES } from '../data/synonyms';

export interface SearchDoc {
  code: string;
  category: CodeCategory;
  short: string;
  long: string;
  status: string;
  workRvu: number | null;
}

export interface SearchResult {
  doc: SearchDoc;
  match: 'exact' | 'prefix' | 'words';
}

export interface SearchOptions {
  limit?: number;
  category?: CodeCategory | null;
}

const CODE_SHAPED = /^(?:[a-v]\d{0,4}|\d{1,4}[ftum]?|\d{5})$/i;
const MAX_CANDIDATES = 300;
/** How many of the best-matched candidates fuse.js ranks. */
const FUSE_CANDIDATES = 40;

export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const tokens = lower.match(/[a-z0-9]+(?:\/[a-z0-9]*)?|[a-z0-9]+/g) ?? [];
  // Keep "w/o", "o/p" whole and also their parts, so both "w/o" and "o" find them.
  const out: string[] = [];
  for (const t of tokens) {
    out.push(t);
    if (t.includes('/')) for (const p of t.split('/')) if (p) out.push(p);
  }
  return out;
}

/** Levenshtein distance, giving up early once it exceeds max. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

export class SearchIndex {
  readonly docs: SearchDoc[];
  private readonly byCode: SearchDoc[];
  private readonly postings = new Map<string, number[]>();
  /** Tokens of the short descriptor: a match there says more than one deep in a long Level II text. */
  private readonly shortTokens: Set<string>[] = [];
  private readonly vocabulary: string[];
  private readonly vocabularyByFirst = new Map<string, string[]>();

  constructor(docs: SearchDoc[]) {
    this.docs = docs;
    this.byCode = [...docs].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    docs.forEach((d, i) => {
      this.shortTokens.push(new Set(tokenize(d.short)));
      for (const t of new Set(tokenize(`${d.short} ${d.long}`))) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
    });
    this.vocabulary = [...this.postings.keys()].sort();
    for (const t of this.vocabulary) {
      const k = t[0]!;
      const list = this.vocabularyByFirst.get(k);
      if (list) list.push(t);
      else this.vocabularyByFirst.set(k, [t]);
    }
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = options.limit ?? 50;
    const q = query.trim();
    if (q === '') return [];
    const keep = (d: SearchDoc) => !options.category || d.category === options.category;
    if (CODE_SHAPED.test(q)) {
      const hits = this.byPrefix(q.toUpperCase(), limit, keep);
      if (hits.length > 0 || /\d/.test(q)) return hits;
    }
    return this.byWords(q, limit, keep);
  }

  private byPrefix(prefix: string, limit: number, keep: (d: SearchDoc) => boolean): SearchResult[] {
    let lo = 0;
    let hi = this.byCode.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.byCode[mid]!.code < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: SearchResult[] = [];
    for (let i = lo; i < this.byCode.length && out.length < limit; i++) {
      const d = this.byCode[i]!;
      if (!d.code.startsWith(prefix)) break;
      if (keep(d)) out.push({ doc: d, match: d.code === prefix ? 'exact' : 'prefix' });
    }
    return out;
  }

  /** Vocabulary tokens a query word can stand for, each with a match quality (3 exact … 1 typo). */
  private expandWord(word: string, last: boolean): Map<string, number> {
    const found = new Map<string, number>();
    const add = (t: string, q: number) => found.set(t, Math.max(found.get(t) ?? 0, q));
    if (this.postings.has(word)) add(word, 3);
    // Descriptors abbreviate: "comprehen" for "comprehensive", "ther" for "therapeutic". A longer stem is a better match.
    for (let n = word.length - 1; n >= 4; n--) if (this.postings.has(word.slice(0, n))) add(word.slice(0, n), 2 * (n / word.length));
    // The word being typed (the last one) matches as a prefix.
    if (last || word.length >= 4) {
      let lo = 0;
      let hi = this.vocabulary.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.vocabulary[mid]! < word) lo = mid + 1;
        else hi = mid;
      }
      // A one- or two-letter fragment prefixes thousands of words: the first 40 are plenty while typing.
      const cap = word.length < 3 ? 40 : 200;
      for (let i = lo, n = 0; i < this.vocabulary.length && n < cap; i++, n++) {
        const t = this.vocabulary[i]!;
        if (!t.startsWith(word)) break;
        if (t !== word) add(t, 2);
      }
    }
    // Typos: same first letter, within one edit (two for long words); tried when the word is unknown, except for
    // the word being typed while it still prefixes real words (it is probably not finished, not misspelt).
    const stillTyping = last && [...found.values()].some((q) => q === 2);
    if (!this.postings.has(word) && word.length >= 5 && !stillTyping) {
      const max = word.length >= 8 ? 2 : 1;
      for (const t of this.vocabularyByFirst.get(word[0]!) ?? []) {
        if (t.length >= 4 && t !== word && withinEdits(word, t, max)) {
          add(t, 2.5);
          // A corrected word brings its descriptor abbreviations along ("mamogram" → mammogram → mammo).
          for (const alt of WORD_ALTERNATIVES[t] ?? []) if (this.postings.has(alt)) add(alt, 2.5);
        }
      }
    }
    return found;
  }

  private byWords(query: string, limit: number, keep: (d: SearchDoc) => boolean): SearchResult[] {
    const words = tokenize(query).filter((w, i, all) => !(w.length === 1 && all.some((o) => o.includes('/') && o.includes(w))));
    // Each requirement is one typed word: a set of alternatives, any of which satisfies it.
    const requirements: Map<string, number>[] = [];
    const fuseWords: string[] = [];
    words.forEach((w, i) => {
      const last = i === words.length - 1;
      const acronym = ACRONYMS[w];
      if (acronym) {
        for (const part of acronym) requirements.push(this.expandWord(part, false));
        fuseWords.push(...acronym);
        return;
      }
      fuseWords.push(w);
      const alts = new Map<string, number>();
      for (const alt of [w, ...(WORD_ALTERNATIVES[w] ?? [])])
        for (const [t, q] of this.expandWord(alt, last)) alts.set(t, Math.max(alts.get(t) ?? 0, q));
      requirements.push(alts);
    });
    if (requirements.length === 0) return [];
    const matched = new Map<number, { count: number; quality: number }>();
    requirements.forEach((alts) => {
      const seen = new Map<number, number>();
      for (const [t, q] of alts) for (const d of this.postings.get(t) ?? []) seen.set(d, Math.max(seen.get(d) ?? 0, q));
      for (const [d, q] of seen) {
        const m = matched.get(d) ?? { count: 0, quality: 0 };
        m.count++;
        m.quality += q;
        for (const t of this.shortTokens[d]!) {
          if (alts.has(t)) {
            m.quality += 1;
            break;
          }
        }
        matched.set(d, m);
      }
    });
    const ranked = [...matched.entries()]
      .filter(([d]) => keep(this.docs[d]!))
      .sort((a, b) => b[1].count - a[1].count || b[1].quality - a[1].quality)
      .slice(0, MAX_CANDIDATES);
    if (ranked.length === 0) return [];
    const best = ranked[0]![1].count;
    const candidates = ranked
      .filter(([, m]) => m.count >= Math.max(1, best - 1))
      .slice(0, FUSE_CANDIDATES)
      .map(([d, m]) => ({ doc: this.docs[d]!, ...m }));
    // fuse.js orders the best-matched candidates by how closely the descriptor reads like the query. Bitap's cost
    // grows with text length and with patterns past its 32-character word, so it sees the short descriptor, the
    // head of the long one, and at most 32 characters of query.
    const texts = candidates.map((c) => ({ c, short: c.doc.short, head: c.doc.long.slice(0, 60) }));
    const fuse = new Fuse(texts, { keys: [{ name: 'short', weight: 2 }, 'head'], includeScore: true, ignoreLocation: true, threshold: 1 });
    const fuseScore = new Map(fuse.search(fuseWords.join(' ').slice(0, 32)).map((r) => [r.item.c, r.score ?? 1]));
    const score = (c: (typeof candidates)[number]) =>
      c.count * 10 +
      c.quality -
      (fuseScore.get(c) ?? 1) * 2 +
      (c.doc.status === 'A' ? 0.5 : 0) +
      (COMMON_CODES.has(c.doc.code) ? 1.5 : 0) -
      c.doc.short.length / 200 -
      (c.doc.category === 'cpt2' ? 1 : 0);
    return candidates
      .sort((a, b) => score(b) - score(a) || (a.doc.code < b.doc.code ? -1 : 1))
      .slice(0, limit)
      .map((c) => ({ doc: c.doc, match: 'words' }));
  }
}
