// Scans page text in ~8 ms slices and follows changes. The scan itself (walk and marks in one pass) runs in a
// scan host: the page's main world where it answers (world-bridge.ts), this world otherwise. This side finds
// shadow roots, keeps the release's code set for cards, lists and fields, and takes over when a host fails.
import { CodeSet } from '../code-set';
import type { PageMark } from './mark-store';
import { NodeMarker, skippedNode, type MarkRules } from './node-marker';
import { LocalScanHost, type ScanHost } from './scan-host';
import { yieldToPage } from './yield';

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
  /** The release's codes, packed (code-set.ts): asked once per frame. */
  codes: () => Promise<string>;
  settings: () => MarkRules;
  signal: AbortSignal;
  /** Called once for each open shadow root found (the app gives it the highlight styles). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** After each scan: how many marks the page holds. */
  onMarked?: (count: number) => void;
  /** The page's main world, which scans for us where it answers (see world-bridge.ts). */
  bridge?: ScanHost | null;
}

export class Scanner {
  readonly shadowRoots: ShadowRoot[] = [];
  private readonly o: ScannerOptions;
  private host: ScanHost;
  /** The local host once this world scans by itself: after the main world failed, or where it never answered. */
  private local: LocalScanHost | null = null;
  /** The release's codes as the worker packed them (kept for a host taking over), and this world's set of them. */
  private packed: string | null = null;
  private codeSet: CodeSet | null = null;
  private configured: Promise<boolean> | null = null;
  private readonly observed: Node[] = [];
  private readonly observers: MutationObserver[] = [];
  private pending = new Set<Node>();
  private pendingCount = 0;
  private flushScheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(options: ScannerOptions) {
    this.o = options;
    this.host = options.bridge ?? this.localHost();
  }

  /** Whether the release holds a code; undefined before the code list has come. */
  readonly knows = (code: string): boolean | undefined => this.codeSet?.has(code);

  private localHost(): LocalScanHost {
    return (this.local ??= new LocalScanHost());
  }

  /** The code list and rules in the host, once per frame and again after rescanAll(); false when it could not be. */
  private configure(): Promise<boolean> {
    return (this.configured ??= (async () => {
      // Asked once per frame: a new release reaches the pages loaded after it, as its cards do.
      const packed = (this.packed ??= await this.o.codes());
      // Reading the packed list needs no building, so this world's own set (cards, lists, fields) costs nothing.
      this.codeSet ??= new CodeSet(packed);
      const t = performance.now();
      let ok = this.host.configure(packed, this.o.settings());
      if (!ok && this.host !== this.local) {
        this.host = this.localHost();
        ok = this.host.configure(packed, this.o.settings());
      }
      measure('configure', t);
      return ok;
    })().catch((e: unknown) => {
      this.configured = null; // the next scan asks again
      throw e;
    }));
  }

  /**
   * The main world failed (stopped answering, or answered nonsense): this world scans from now on, and its
   * marks replace the main world's in the page's highlight registry.
   */
  private takeOver(): Promise<void> {
    if (this.host === this.local) return Promise.resolve();
    this.host.clear();
    this.host = this.localHost();
    return this.rescanAll();
  }

  /** Settings that decide marks changed: every mark is made again under them. */
  rescanAll(): Promise<void> {
    this.configured = null;
    return this.scan(...this.observed);
  }

  /** Drops every mark (the user paused CPT Lens here). */
  clear(): void {
    this.host.clear();
  }

  /** The marks a text node has under the current rules, worked out here from its own text (for cards and lists). */
  marksAt(node: Node, marker = this.marker()): PageMark[] {
    if (!marker || node.nodeType !== Node.TEXT_NODE) return [];
    return marker.marksOf(node as Text);
  }

  /** A marker for a run of marksAt calls (one list) that share what it works out; null before the code list. */
  private marker(): NodeMarker | null {
    return this.codeSet ? new NodeMarker(this.codeSet, this.o.settings()) : null;
  }

  /** Every mark of the page in document order, each worked out here from its node's own text. */
  async allMarks(): Promise<PageMark[]> {
    await this.running;
    let nodes = this.host.markedNodes();
    if (nodes === null) {
      // A main world that names other than this document's text nodes is not believed again.
      await this.takeOver();
      nodes = this.host.markedNodes() ?? [];
    }
    const marker = this.marker();
    return marker ? nodes.flatMap((n) => this.marksAt(n, marker)) : [];
  }

  /** Scans roots (elements, documents, shadow roots or text nodes), replacing the marks beneath them, as one batch. */
  scan(...roots: Node[]): Promise<void> {
    this.running = this.running
      .then(async () => {
        if (!(await this.configure())) return;
        const live = roots.filter((r) => r.isConnected);
        // Even with no root left: the batch's close drops the marks of nodes the page removed.
        if (this.o.signal.aborted) return;
        if (!(await this.scanNow(live)) && !this.o.signal.aborted) void this.takeOver();
      })
      .catch((e: unknown) => console.warn('CPT Lens scan failed:', e));
    return this.running;
  }

  /** One batch over roots in the current host; false when the host failed. */
  private async scanNow(roots: Node[]): Promise<boolean> {
    const { signal } = this.o;
    const host = this.host;
    for (const root of roots) if (root.nodeType !== Node.TEXT_NODE && !skippedNode(root)) this.findShadowRoots(root as ParentNode & Node);
    let t = performance.now();
    if (!host.open()) return false;
    const walk = host.begin(roots);
    if (walk === null) return false;
    let ok = true;
    for (;;) {
      const more = host.slice(walk, t + SLICE_MS);
      measure('scan', t);
      if (more === null) ok = false;
      if (!more) break;
      await yieldToPage();
      if (signal.aborted) break;
      t = performance.now();
    }
    t = performance.now();
    host.end(walk);
    const size = host.close();
    measure('highlight', t);
    if (size === null) return false;
    this.o.onMarked?.(size);
    return ok;
  }

  /** Open shadow roots under root (not in skipped markup): observed and scanned as trees of their own. */
  private findShadowRoots(root: ParentNode & Node): void {
    const t = performance.now();
    // The root itself may be the host: an added custom element is one.
    const candidates =
      root.nodeType === Node.ELEMENT_NODE ? [root as Element, ...root.querySelectorAll(NEVER_HOSTS)] : root.querySelectorAll(NEVER_HOSTS);
    for (const el of candidates) {
      const shadow = el.shadowRoot;
      if (!shadow || this.shadowRoots.includes(shadow) || skippedNode(el)) continue;
      this.shadowRoots.push(shadow);
      this.o.onShadowRoot?.(shadow);
      this.observe(shadow);
      void this.scan(shadow);
    }
    measure('hosts', t);
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
    if (!this.observed.includes(root)) this.observed.push(root);
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
    };
    // One batch per frame; a hidden tab gets no frames, so fall back to a timer.
    if (document.visibilityState === 'visible') requestAnimationFrame(run);
    else setTimeout(run, 50);
  }

  disconnect(): void {
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
    this.observed.length = 0;
  }
}

function isOwnUi(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return !!el && el.closest('cpt-lens-ui') !== null;
}

function outermost(nodes: Node[]): Node[] {
  return nodes.filter((n) => !nodes.some((o) => o !== n && o.contains(n)));
}
