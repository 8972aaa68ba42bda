// Marks codes on the page with the CSS Custom Highlight API: the page's DOM is read, never changed.
import type { CodeCategory } from '../data/categories';
import { findCodes, type CodeMatch } from './detect';
import type { LookupResponse } from './messaging';

export const HIGHLIGHT_PREFIX = 'cpt-lens-';
const CATEGORIES: (CodeCategory | 'unknown')[] = ['cpt1', 'cpt2', 'cpt3', 'pla', 'level2', 'unknown'];
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'CODE-LENS-HOST']);
const SLICE_MS = 8;

export interface PageMark {
  range: Range;
  match: CodeMatch;
  known: boolean;
}

function skipped(el: Element | null, cache: Map<Element, boolean>): boolean {
  if (!el) return false;
  const hit = cache.get(el);
  if (hit !== undefined) return hit;
  const result =
    SKIP.has(el.tagName) ||
    (el as HTMLElement).isContentEditable ||
    el.getAttribute('aria-hidden') === 'true' ||
    (el instanceof HTMLElement && el.hidden) ||
    skipped(el.parentElement, cache);
  cache.set(el, result);
  return result;
}

const nextSlice = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Walks the text under root in ~8 ms slices, asks the worker about the codes it found, and sets the highlights. */
export async function markPage(root: Node, lookup: (codes: string[]) => Promise<LookupResponse>, signal: AbortSignal): Promise<PageMark[]> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const cache = new Map<Element, boolean>();
  const found: { node: Text; match: CodeMatch }[] = [];
  let sliceStart = performance.now();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const node = n as Text;
    if (node.data.length >= 4 && !skipped(node.parentElement, cache)) {
      for (const match of findCodes(node.data)) if (match.score >= 0) found.push({ node, match });
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextSlice();
      if (signal.aborted) return [];
      sliceStart = performance.now();
    }
  }
  const codes = [...new Set(found.map((f) => f.match.code))];
  const entries: LookupResponse['entries'] = {};
  for (let i = 0; i < codes.length; i += 1000) Object.assign(entries, (await lookup(codes.slice(i, i + 1000))).entries);
  if (signal.aborted) return [];
  const marks: PageMark[] = [];
  const groups = new Map<string, Range[]>();
  for (const { node, match } of found) {
    const known = entries[match.code] != null;
    if (match.needsDataset && !known) continue;
    const range = doc.createRange();
    range.setStart(node, match.start);
    range.setEnd(node, match.spanEnd);
    const name = known ? match.category : 'unknown';
    groups.set(name, [...(groups.get(name) ?? []), range]);
    marks.push({ range, match, known });
  }
  for (const cat of CATEGORIES) {
    const ranges = groups.get(cat) ?? [];
    if (ranges.length > 0) CSS.highlights.set(HIGHLIGHT_PREFIX + cat, new Highlight(...ranges));
    else CSS.highlights.delete(HIGHLIGHT_PREFIX + cat);
  }
  signal.addEventListener('abort', () => CATEGORIES.forEach((c) => CSS.highlights.delete(HIGHLIGHT_PREFIX + c)), { once: true });
  return marks;
}
