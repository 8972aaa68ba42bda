// Walks page text in ~8 ms slices, asks the worker about new codes once per slice, and follows changes.
import { findCodes, shouldMark, type CodeMatch, type Strictness } from '../detect';
import type { CodeEntry } from '../dataset-store';
import type { MarkStore, PageMark } from './mark-store';

const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'SVG',
  'CANVAS',
  'IFRAME',
  'CPT-LENS-UI',
]);
const SLICE_MS = 8;
const COARSE_THRESHOLD = 1000;

export interface ScannerOptions {
  store: MarkStore;
  lookup: (codes: string[]) => Promise<Record<string, CodeEntry | null>>;
  settings: () => { strictness: Strictness; suppressed: string[] };
  signal: AbortSignal;
  /** Yields to the event loop between slices (a test can make it synchronous). */
  yieldSlice?: () => Promise<void>;
}

/** Text of the header cell of the column a cell sits in, for column context ("ZIP", "CPT"). */
function columnHeaderOf(el: Element | null, cache: Map<Element, string>): string {
  const cell = el?.closest('td,th');
  if (!cell) return '';
  const hit = cache.get(cell);
  if (hit !== undefined) return hit;
  let header = '';
  const row = cell.parentElement;
  const table = cell.closest('table');
  if (row && table) {
    const index = [...row.children].indexOf(cell);
    const headRow = table.tHead?.rows[0] ?? table.rows[0];
    if (headRow && headRow !== row) header = headRow.cells[index]?.textContent?.trim() ?? '';
    else if (cell.tagName === 'TH') header = '';
  }
  cache.set(cell, header);
  return header;
}

export class Scanner {
  readonly shadowRoots: ShadowRoot[] = [];
  private readonly o: ScannerOptions;
  private readonly cache = new Map<string, CodeEntry | null>();
  private readonly observers: MutationObserver[] = [];
  private pending = new Set<Node>();
  private pendingCount = 0;
  private flushScheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(options: ScannerOptions) {
    this.o = options;
  }

  entryOf(code: string): CodeEntry | null | undefined {
    return this.cache.get(code);
  }

  private skipElement(el: Element): boolean {
    if (SKIP_TAGS.has(el.tagName)) return true;
    if ((el as HTMLElement).isContentEditable) return true;
    if (el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return true;
    return false;
  }

  private hiddenByCss(el: Element | null, cache: Map<Element, boolean>): boolean {
    if (!el) return false;
    const hit = cache.get(el);
    if (hit !== undefined) return hit;
    const hidden = typeof el.checkVisibility === 'function' ? !el.checkVisibility({ visibilityProperty: true }) : false;
    cache.set(el, hidden);
    return hidden;
  }

  private ancestorsSkipped(node: Node): boolean {
    for (let el = node.parentElement; el; el = el.parentElement) if (this.skipElement(el)) return true;
    return false;
  }

  /** Scans root (an element, document or shadow root), replacing the marks beneath it. */
  scan(root: Node): Promise<void> {
    this.running = this.running.then(() => this.scanNow(root)).catch((e: unknown) => console.warn('CPT Lens scan failed:', e));
    return this.running;
  }

  private async scanNow(root: Node): Promise<void> {
    const { store, signal } = this.o;
    if (signal.aborted || !root.isConnected) return;
    if (root.nodeType === Node.TEXT_NODE) {
      if (this.ancestorsSkipped(root)) return;
    } else if (root.nodeType === Node.ELEMENT_NODE && (this.skipElement(root as Element) || this.ancestorsSkipped(root))) {
      store.dropWithin(root);
      return;
    }
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const found: { node: Text; matches: CodeMatch[] }[] = [];
    const visited: Text[] = [];
    const headerCache = new Map<Element, string>();
    const hiddenCache = new Map<Element, boolean>();
    let sliceStart = performance.now();
    const flushSlice = async () => {
      const batch = found.splice(0);
      const seen = visited.splice(0);
      await this.markBatch(batch, seen, hiddenCache);
    };
    let node: Node | null = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode();
    while (node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        const el = node as Element;
        if (this.skipElement(el)) {
          store.dropWithin(el);
          node = nextOutside(walker);
          continue;
        }
        if (el.shadowRoot && !this.shadowRoots.includes(el.shadowRoot)) {
          this.shadowRoots.push(el.shadowRoot);
          this.observe(el.shadowRoot);
          void this.scan(el.shadowRoot);
        }
      } else {
        const text = node as Text;
        visited.push(text);
        if (text.data.length >= 4 && /\d{4}/.test(text.data)) {
          const matches = findCodes(text.data, { columnHeader: columnHeaderOf(text.parentElement, headerCache) });
          if (matches.length > 0) found.push({ node: text, matches });
        }
      }
      if (root.nodeType === Node.TEXT_NODE) break;
      node = walker.nextNode();
      if (performance.now() - sliceStart > SLICE_MS) {
        const flushing = flushSlice();
        await (this.o.yieldSlice ?? defaultYield)();
        await flushing;
        if (signal.aborted) return;
        sliceStart = performance.now();
      }
    }
    await flushSlice();
    store.dropDisconnected();
    store.changed();
  }

  private async markBatch(
    batch: { node: Text; matches: CodeMatch[] }[],
    visited: Text[],
    hiddenCache: Map<Element, boolean>,
  ): Promise<void> {
    const { store } = this.o;
    const unknown = [...new Set(batch.flatMap((b) => b.matches.map((m) => m.code)))].filter((c) => !this.cache.has(c));
    for (let i = 0; i < unknown.length; i += 1000) {
      const chunk = unknown.slice(i, i + 1000);
      const entries = await this.o.lookup(chunk);
      for (const c of chunk) this.cache.set(c, entries[c] ?? null);
    }
    const { strictness, suppressed } = this.o.settings();
    for (const t of visited) if (!batch.some((b) => b.node === t)) store.dropNode(t);
    for (const { node, matches } of batch) {
      if (!node.isConnected || this.hiddenByCss(node.parentElement, hiddenCache)) {
        store.dropNode(node);
        continue;
      }
      const marks: PageMark[] = [];
      for (const match of matches) {
        const known = this.cache.get(match.code) != null;
        if (!shouldMark(match, known, strictness)) continue;
        const token = node.data.slice(match.start, match.spanEnd);
        if (suppressed.includes(token) || suppressed.includes(match.code)) continue;
        const range = new Range();
        range.setStart(node, match.start);
        range.setEnd(node, match.spanEnd);
        marks.push({ node, range, match, kind: known ? match.category : 'unknown', token });
      }
      store.setNode(node, marks);
    }
  }

  /** Follows the page: rescans only changed subtrees, batched; a burst becomes one coarse rescan. */
  observe(root: Node): void {
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (isOwnUi(r.target)) continue;
        if (r.type === 'characterData') this.pending.add(r.target);
        else {
          for (const n of r.addedNodes) if (!isOwnUi(n)) this.pending.add(n);
          if (r.removedNodes.length > 0) this.pending.add(r.target);
        }
        this.pendingCount++;
      }
      this.scheduleFlush(root);
    });
    observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.observers.push(observer);
  }

  private scheduleFlush(root: Node): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const run = () => {
      this.flushScheduled = false;
      const roots = [...this.pending];
      const coarse = this.pendingCount > COARSE_THRESHOLD;
      this.pending = new Set();
      this.pendingCount = 0;
      if (coarse) void this.scan(root);
      else for (const r of outermost(roots)) void this.scan(r.nodeType === Node.TEXT_NODE || r.isConnected ? r : root);
      this.o.store.dropDisconnected();
    };
    // One batch per frame; a hidden tab gets no frames, so fall back to a timer.
    if (document.visibilityState === 'visible') requestAnimationFrame(run);
    else setTimeout(run, 50);
  }

  disconnect(): void {
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
  }
}

function isOwnUi(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el && el.closest('cpt-lens-ui') !== null;
}

function outermost(nodes: Node[]): Node[] {
  return nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
}

function nextOutside(walker: TreeWalker): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode() || walker.currentNode === walker.root) return null;
  }
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
