// Walks page text in ~8 ms slices, asks the worker about new codes once per slice, and follows changes.
import { findCodes, shouldMark, type CodeMatch, type Strictness } from '../detect';
import type { CodeEntry } from '../dataset-store';
import type { MarkStore, PageMark } from './mark-store';
import type { CodeCategory } from '../../data/categories';

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

/** Set by the benchmark: records each slice as a User Timing measure "cpt-lens:…" the page can read. */
export const timing = { enabled: false };

function measure(name: string, start: number): void {
  if (timing.enabled) performance.measure(`cpt-lens:${name}`, { start, end: performance.now() });
}

export interface ScannerOptions {
  store: MarkStore;
  lookup: (codes: string[]) => Promise<Record<string, CodeEntry | null>>;
  settings: () => { strictness: Strictness; suppressed: string[]; categories: CodeCategory[] };
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
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly observers: MutationObserver[] = [];
  private pending = new Set<Node>();
  private pendingCount = 0;
  private flushScheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(options: ScannerOptions) {
    this.o = options;
  }

  /** What the per-frame cache says: true/false once asked, undefined before. */
  private readonly knownNow = (code: string): boolean | undefined => (this.cache.has(code) ? this.cache.get(code) != null : undefined);

  entryOf(code: string): CodeEntry | null | undefined {
    return this.cache.get(code);
  }

  private skipElement(el: Element): boolean {
    if (SKIP_TAGS.has(el.tagName)) return true;
    // The attribute, not isContentEditable: that one computes style, which costs seconds on a large page.
    // The walk meets ancestors before descendants, so an editable subtree is skipped whole.
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && editable !== 'false') return true;
    if (el.getAttribute('aria-hidden') === 'true' || (el as HTMLElement).hidden) return true;
    return false;
  }

  private ancestorsSkipped(node: Node): boolean {
    for (let el = node.parentElement; el; el = el.parentElement) if (this.skipElement(el)) return true;
    return false;
  }

  /** Scans roots (elements, documents or shadow roots), replacing the marks beneath them, as one batch. */
  scan(...roots: Node[]): Promise<void> {
    this.running = this.running
      .then(async () => {
        const { store } = this.o;
        store.beginBatch();
        try {
          for (const root of roots) await this.scanNow(root);
        } finally {
          const t = performance.now();
          store.endBatch();
          measure('highlight', t);
        }
        store.dropDisconnected();
        store.changed();
      })
      .catch((e: unknown) => console.warn('CPT Lens scan failed:', e));
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
    await this.walk(root);
  }

  private async walk(root: Node): Promise<void> {
    const { store, signal } = this.o;
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const found: { node: Text; matches: CodeMatch[] }[] = [];
    const visited: Text[] = [];
    const headerCache = new Map<Element, string>();
    let sliceStart = performance.now();
    let steps = 0;
    const hadMarks = store.size > 0;
    // Each slice's lookup goes out while the walk goes on; marks are set as the answers come back, in order.
    let marking: Promise<void> = Promise.resolve();
    const flushSlice = () => {
      const batch = found.splice(0);
      const seen = visited.splice(0);
      const answered = this.resolveCodes(batch);
      marking = Promise.all([marking, answered]).then(() => {
        const t = performance.now();
        this.markBatch(batch, seen);
        measure('mark', t);
      });
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
        // Only a rescan needs to know which nodes were visited (to drop their stale marks).
        if (hadMarks) visited.push(text);
        if (text.data.length >= 4 && /\d{4}/.test(text.data)) {
          const matches = findCodes(text.data, { columnHeader: columnHeaderOf(text.parentElement, headerCache), isKnown: this.knownNow });
          if (matches.length > 0) found.push({ node: text, matches });
        }
      }
      if (root.nodeType === Node.TEXT_NODE) break;
      node = walker.nextNode();
      // Reading the clock is not free: look every 64 nodes.
      if ((++steps & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
        flushSlice();
        measure('walk', sliceStart);
        await (this.o.yieldSlice ?? defaultYield)();
        if (signal.aborted) return;
        sliceStart = performance.now();
      }
    }
    flushSlice();
    measure('walk', sliceStart);
    await marking;
  }

  /** One lookup per slice, for the codes this frame has not asked about yet (the per-frame cache). */
  private resolveCodes(batch: { node: Text; matches: CodeMatch[] }[]): Promise<void> {
    const codes = [...new Set(batch.flatMap((b) => b.matches.map((m) => m.code)))];
    const unknown = codes.filter((c) => !this.cache.has(c) && !this.inFlight.has(c));
    for (let i = 0; i < unknown.length; i += 1000) {
      const chunk = unknown.slice(i, i + 1000);
      const done = this.o.lookup(chunk).then(
        (entries) => {
          for (const c of chunk) this.cache.set(c, entries[c] ?? null);
        },
        () => undefined, // a failed lookup leaves these unmarked; the next scan asks again
      );
      void done.finally(() => chunk.forEach((c) => this.inFlight.delete(c)));
      for (const c of chunk) this.inFlight.set(c, done);
    }
    return Promise.all(codes.map((c) => this.inFlight.get(c)).filter(Boolean)).then(() => undefined);
  }

  // Text hidden by CSS is still marked: its highlight is never painted or hovered, and asking the browser
  // whether it is visible would force a style recalculation of the whole page on every slice.
  private markBatch(batch: { node: Text; matches: CodeMatch[] }[], visited: Text[]): void {
    const { store } = this.o;
    const { strictness, suppressed, categories } = this.o.settings();
    const withMatches = new Set(batch.map((b) => b.node));
    for (const t of visited) if (!withMatches.has(t)) store.dropNode(t);
    for (const { node, matches } of batch) {
      if (!node.isConnected) {
        store.dropNode(node);
        continue;
      }
      const marks: PageMark[] = [];
      for (const match of matches) {
        const known = this.cache.get(match.code) != null;
        if (!categories.includes(match.category) || !shouldMark(match, known, strictness)) continue;
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
      else void this.scan(...outermost(roots).filter((r) => r.isConnected));
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

// scheduler.yield() where the browser has it; otherwise a message-channel hop, which (unlike setTimeout)
// is not clamped to 4 ms when nested.
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
const defaultYield = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
};
