// Walks page text in ~8 ms slices, asks the worker about new codes once per slice, and follows changes.
// Two passes: the walk only tokenizes (cheap, every text node); context is weighed after the worker has said
// which tokens are codes, so the thousands of ZIPs and IDs that are not codes are never weighed.
import { findCodes, shouldMark, type CodeMatch, type Strictness } from '../detect';
import type { MarkStore, PageMark } from './mark-store';
import { TextWalk, WalkBatch } from './text-walk';
import type { MainWorldBridge, RemoteSlice, WalkSource } from './world-bridge';
import { yieldToPage } from './yield';
import { selfEvidentCategory, type CodeCategory } from '../../data/categories';

// Text under these is not page text a coder reads (or is theirs to edit): never marked. The elements that hold
// only text are told by name (a text node's parent, or the root itself); the rest can hide text at any depth,
// so they are a selector matched against every ancestor, the shorter the cheaper. An option may hold markup
// (a customizable select's does), so select and option are among the rest.
const TEXT_ONLY_SKIPS = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'iframe']);
const SKIP_ANCESTORS = [
  'svg',
  'canvas',
  'select',
  'option',
  'cpt-lens-ui',
  // The attribute, not isContentEditable: that one computes style, which costs seconds on a large page.
  '[contenteditable]:not([contenteditable="false"])',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

/** Whether text in el, or under it, sits in skipped markup. */
function inSkippedMarkup(el: Element): boolean {
  return TEXT_ONLY_SKIPS.has(el.localName) || el.closest(SKIP_ANCESTORS) !== null;
}
// Elements that can never host a shadow root (the HTML spec allows one on custom elements, div, span, p,
// section and a few more). Excluding the common ones in one native query leaves few elements to ask for a
// shadowRoot: every DOM property read from a content script's isolated world costs a wrapper lookup.
const NEVER_HOSTS =
  ':not(td,tr,th,tbody,thead,tfoot,table,col,colgroup,caption,a,li,ul,ol,dl,dt,dd,option,img,br,b,i,u,em,strong,small,code,pre,sup,sub,font,label,input,button,select,textarea,svg,path,g,script,style,link,meta)';
const SLICE_MS = 8;
const COARSE_THRESHOLD = 1000;

/** Set by the benchmark: records each slice as a User Timing measure "cpt-lens:…" the page can read. */
export const timing = { enabled: false };

function measure(name: string, start: number): void {
  if (timing.enabled) performance.measure(`cpt-lens:${name}`, { start, end: performance.now() });
}

export interface ScannerOptions {
  store: MarkStore;
  /** Which of codes the dataset holds. */
  known: (codes: string[]) => Promise<string[]>;
  settings: () => { strictness: Strictness; suppressed: string[]; categories: CodeCategory[] };
  signal: AbortSignal;
  /** Called once for each open shadow root found (the app gives it the highlight styles). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** The page's main world, which walks for us where it answers (see world-bridge.ts). */
  bridge?: MainWorldBridge | null;
}

/** The walk in the content script's own world: the fallback, and the path for a single text node. */
class LocalWalkSource implements WalkSource {
  private readonly walk: TextWalk;
  private readonly batches = new Map<number, WalkBatch>();
  private nextSlice = 1;

  constructor(root: Node) {
    this.walk = new TextWalk(root);
  }

  slice(deadline: number): RemoteSlice {
    const batch = new WalkBatch();
    const more = this.walk.slice(deadline, batch);
    const slice = this.nextSlice++;
    this.batches.set(slice, batch);
    return { slice, tokens: batch.tokens, ends: batch.tokenEnds, done: !more };
  }

  take(slice: number, indexes: number[]): Text[] {
    const batch = this.batches.get(slice)!;
    this.batches.delete(slice);
    return indexes.map((i) => batch.nodes[i]!);
  }

  end(): void {
    this.batches.clear();
  }
}

/** Header texts of a table's first head row, read once per table per walk. */
type HeaderCache = Map<Element, { cells: Set<Element>; texts: string[] } | null>;

/**
 * What a walk has found out once and reuses: table headers, and the matches of each short text already
 * weighed (a column of codes repeats the same few texts thousands of times), with the column header they
 * were weighed under, or null when their weighing did not ask for one.
 */
interface WalkMemo {
  headers: HeaderCache;
  matches: Map<string, { matches: CodeMatch[]; header: string | null }>;
}
/** Texts longer than this are weighed every time: they seldom repeat, and would hold memory. */
const MEMO_TEXT = 64;

/** Text of the header cell of the column a cell sits in, for column context ("ZIP", "CPT"). */
function columnHeaderOf(el: Element | null, cache: HeaderCache): string {
  // instanceof is answered in JavaScript; closest() is a call into the DOM (and text sits in its cell mostly).
  const cell = el instanceof HTMLTableCellElement ? el : (el?.closest('td,th') as HTMLTableCellElement | null | undefined);
  const table = cell?.closest('table');
  if (!cell || !table) return '';
  let head = cache.get(table);
  if (head === undefined) {
    const row = table.tHead?.rows[0] ?? table.rows[0];
    const cells = row ? Array.from(row.cells) : [];
    head = row ? { cells: new Set(cells), texts: cells.map((c) => c.textContent?.trim() ?? '') } : null;
    cache.set(table, head);
  }
  if (!head || head.cells.has(cell)) return '';
  return head.texts[cell.cellIndex] ?? '';
}

export class Scanner {
  readonly shadowRoots: ShadowRoot[] = [];
  private readonly o: ScannerOptions;
  /** The per-frame cache: whether the dataset holds a code, once asked. */
  private readonly cache = new Map<string, boolean>();
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
  readonly knows = (code: string): boolean | undefined => this.cache.get(code);

  private skipped(node: Node): boolean {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    return el !== null && inSkippedMarkup(el);
  }

  /** Scans roots (elements, documents or shadow roots), replacing the marks beneath them, as one batch. */
  scan(...roots: Node[]): Promise<void> {
    this.running = this.running
      .then(async () => {
        const { store } = this.o;
        // The nodes this scan marks (or finds to have none); on a rescan, other marks under its roots are stale.
        const hadMarks = store.size > 0;
        const touched = new Set<Text>();
        store.beginBatch();
        try {
          for (const root of roots) await this.scanNow(root, touched);
          if (hadMarks && !this.o.signal.aborted) store.dropUnder(roots, touched);
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

  private async scanNow(root: Node, touched: Set<Text>): Promise<void> {
    const { store, signal } = this.o;
    if (signal.aborted || !root.isConnected) return;
    if (root.nodeType === Node.TEXT_NODE) {
      if (this.skipped(root)) return store.dropNode(root as Text);
    } else if (root.nodeType === Node.ELEMENT_NODE && this.skipped(root)) {
      store.dropUnder([root], new Set());
      return;
    }
    if (root.nodeType !== Node.TEXT_NODE) this.findShadowRoots(root as ParentNode & Node);
    // The main world walks where it answers; if it stops answering mid-walk, this world walks the root again.
    const remote = this.o.bridge?.begin(root) ?? null;
    if (remote && (await this.walk(remote, touched))) return;
    if (!signal.aborted) await this.walk(new LocalWalkSource(root), touched);
  }

  /** Walks a source slice by slice, marking as the worker answers; false when the source failed. */
  private async walk(source: WalkSource, touched: Set<Text>): Promise<boolean> {
    const { signal } = this.o;
    const memo: WalkMemo = { headers: new Map(), matches: new Map() };
    let failed = false;
    // Each slice's question goes out while the walk goes on; marks are set as the answers come back, in order.
    let marking: Promise<void> = Promise.resolve();
    for (;;) {
      const sliceStart = performance.now();
      const slice = source.slice(sliceStart + SLICE_MS);
      measure('walk', sliceStart);
      if (!slice) {
        failed = true;
        break;
      }
      if (slice.ends.length > 0) {
        const answered = this.resolveCodes(new Set(slice.tokens));
        // Marking is sliced too, each part in a task of its own: answers that arrive together must not
        // chain their batches into one long task.
        marking = Promise.all([marking, answered]).then(async () => {
          await yieldToPage();
          if (signal.aborted || failed) return;
          let t = performance.now();
          // Most nodes found hold only numbers the dataset does not know (ZIPs, IDs): never handed over.
          const indexes = this.markableIndexes(slice);
          if (indexes.length === 0) return;
          const taken = source.take(slice.slice, indexes);
          if (!taken) {
            failed = true;
            return;
          }
          for (let from = 0; ;) {
            from = this.markNodes(taken, touched, memo, from, t + SLICE_MS);
            measure('mark', t);
            if (from >= taken.length) return;
            await yieldToPage();
            if (signal.aborted) return;
            t = performance.now();
          }
        });
      }
      if (slice.done) break;
      await yieldToPage();
      if (signal.aborted) break;
    }
    await marking;
    source.end();
    return !failed;
  }

  /** Open shadow roots under root (not in skipped markup): observed and scanned as trees of their own. */
  private findShadowRoots(root: ParentNode & Node): void {
    const t = performance.now();
    // The root itself may be the host: an added custom element is one.
    const candidates =
      root.nodeType === Node.ELEMENT_NODE ? [root as Element, ...root.querySelectorAll(NEVER_HOSTS)] : root.querySelectorAll(NEVER_HOSTS);
    for (const el of candidates) {
      const shadow = el.shadowRoot;
      if (!shadow || this.shadowRoots.includes(shadow) || this.skipped(el)) continue;
      this.shadowRoots.push(shadow);
      this.o.onShadowRoot?.(shadow);
      this.observe(shadow);
      void this.scan(shadow);
    }
    measure('hosts', t);
  }

  /** One question per slice, for the codes this frame has not asked about yet (the per-frame cache). */
  private resolveCodes(tokens: Set<string>): Promise<void> {
    const waits: Promise<void>[] = [];
    const unknown: string[] = [];
    for (const c of tokens) {
      if (this.cache.has(c)) continue;
      const pending = this.inFlight.get(c);
      if (pending) waits.push(pending);
      else unknown.push(c);
    }
    for (let i = 0; i < unknown.length; i += 1000) {
      const chunk = unknown.slice(i, i + 1000);
      const done = this.o.known(chunk).then(
        (known) => {
          const yes = new Set(known);
          for (const c of chunk) this.cache.set(c, yes.has(c));
        },
        () => undefined, // a failed question leaves these unmarked; the next scan asks again
      );
      void done.finally(() => chunk.forEach((c) => this.inFlight.delete(c)));
      for (const c of chunk) this.inFlight.set(c, done);
      waits.push(done);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** The slice's nodes with a token that can be marked. */
  private markableIndexes(slice: RemoteSlice): number[] {
    const { tokens, ends } = slice;
    const indexes: number[] = [];
    for (let i = 0; i < ends.length; i++) if (this.anyMarkable(tokens, i === 0 ? 0 : ends[i - 1]!, ends[i]!)) indexes.push(i);
    return indexes;
  }

  // Text hidden by CSS is still marked: its highlight is never painted or hovered, and asking the browser
  // whether it is visible would force a style recalculation of the whole page on every slice.
  /** Marks nodes[from…] until the deadline; returns where it stopped (nodes.length when done). */
  private markNodes(nodes: Text[], touched: Set<Text>, memo: WalkMemo, from: number, deadline: number): number {
    const { store } = this.o;
    const { strictness, suppressed, categories } = this.o.settings();
    for (let i = from; i < nodes.length; i++) {
      if ((i - from) % 16 === 15 && performance.now() > deadline) return i;
      const node = nodes[i]!;
      touched.add(node);
      // The node's text as it is now, read here (5,000 reads cost well under a millisecond): had the page
      // changed it since the walk, the observer has queued a rescan of it, and a node removed meanwhile is
      // dropped after this scan (dropDisconnected). Cards and lists check each mark against its node (markHolds).
      const parent = node.parentElement;
      if (parent && inSkippedMarkup(parent)) {
        store.dropNode(node);
        continue;
      }
      const text = node.data;
      const matches = this.matchesOf(text, parent, memo);
      const marks: PageMark[] = [];
      for (const match of matches) {
        const known = this.cache.get(match.code) === true;
        if (!categories.includes(match.category) || !shouldMark(match, known, strictness)) continue;
        const token = text.slice(match.start, match.spanEnd);
        if (suppressed.includes(token) || suppressed.includes(match.code)) continue;
        // A StaticRange: a live Range would be updated by the browser on every DOM change the page makes.
        const range = new StaticRange({ startContainer: node, startOffset: match.start, endContainer: node, endOffset: match.spanEnd });
        marks.push({ node, range, match, kind: known ? match.category : 'unknown', token });
      }
      store.setNode(node, marks);
    }
    return nodes.length;
  }

  /** findCodes on a node's text, or the matches of the same text weighed earlier in this walk under the same header. */
  private matchesOf(text: string, parent: Element | null, memo: WalkMemo): CodeMatch[] {
    let header: string | undefined;
    const headerOf = () => (header ??= columnHeaderOf(parent, memo.headers));
    const seen = memo.matches.get(text);
    if (seen && (seen.header === null || seen.header === headerOf())) return seen.matches;
    let asked = false;
    const matches = findCodes(text, {
      columnHeader: () => ((asked = true), headerOf()),
      isKnown: this.knows,
    });
    // Only what was weighed with every answer in: a code still unasked (its question failed) weighs otherwise later.
    if (text.length <= MEMO_TEXT && matches.every((m) => this.cache.has(m.code)))
      memo.matches.set(text, { matches, header: asked ? headerOf() : null });
    return matches;
  }

  /** Whether tokens[from…to) holds one that can be marked: one the dataset knows, or a self-evident F/T/U code. */
  private anyMarkable(tokens: string[], from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (this.cache.get(tokens[k]!) === true || selfEvidentCategory(tokens[k]!) !== null) return true;
    return false;
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
