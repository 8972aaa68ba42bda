// A page's scan in one pass: the walk over its text marks each text node whose tokens hold a code as it passes
// it. DOM only, no extension APIs: the same code runs in the page's main world (served by world-bridge.ts)
// and, where no main world answers, in the content script's own world.
import { CodeSet } from '../code-set';
import { MarkStore } from './mark-store';
import { NodeMarker, skippedNode, type MarkRules } from './node-marker';
import { TextWalk, type TokenVisit } from './text-walk';

/**
 * Where a scan runs. Each call is synchronous and does a bounded amount of work; null (or false) means the
 * host failed, and the caller takes the scan over (see Scanner).
 */
export interface ScanHost {
  /** The release's codes (packed, see code-set.ts) and the user's rules every later mark is made by; drops every mark. */
  configure(codes: string, rules: MarkRules): boolean;
  /** Opens a batch: the highlights change once, at its close. */
  open(): boolean;
  /** A walk over roots, in order; the marks under them that the walk does not set again are dropped at close. */
  begin(roots: Node[]): number | null;
  /** Walks and marks until the deadline: true while more is left, false when done, null when the host failed. */
  slice(walk: number, deadline: number): boolean | null;
  end(walk: number): void;
  /** Closes the batch; how many marks the host holds, or null. */
  close(): number | null;
  /** The text nodes with marks, in document order, or null. */
  markedNodes(): Text[] | null;
  /** Drops every mark. */
  clear(): void;
}

/** Walks the host keeps at once; the oldest is forgotten beyond this (a caller that went away). */
const MAX_WALKS = 32;

interface Walk {
  roots: Node[];
  current: TextWalk | null;
  marker: NodeMarker;
}

/** The scan host that runs in the world it is made in, marking into a MarkStore of that world. */
export class LocalScanHost implements ScanHost {
  private store: MarkStore | null = null;
  private codes: CodeSet | null = null;
  private rules: MarkRules | null = null;
  private readonly walks = new Map<number, Walk>();
  private nextWalk = 1;
  private batch: { roots: Node[]; touched: Set<Text>; hadMarks: boolean; walks: number; fresh: boolean } | null = null;

  configure(codes: string, rules: MarkRules): boolean {
    this.codes = new CodeSet(codes);
    this.rules = rules;
    // Made here, not before: a store registers the page's highlights, which only a configured host may own.
    this.store ??= new MarkStore();
    this.store.clear();
    this.walks.clear();
    return true;
  }

  open(): boolean {
    if (!this.store) return false;
    if (!this.batch) {
      this.batch = { roots: [], touched: new Set(), hadMarks: this.store.size > 0, walks: 0, fresh: false };
      this.store.beginBatch();
    }
    return true;
  }

  begin(roots: Node[]): number | null {
    const { codes, rules, batch } = this;
    if (!codes || !rules || !batch) return null;
    batch.roots.push(...roots);
    batch.fresh = !batch.hadMarks && ++batch.walks === 1 && roots.length === 1;
    const id = this.nextWalk++;
    // Roots in skipped markup are walked not at all; what they held is dropped at close.
    const walkable = roots.filter((r) => !skippedNode(r));
    this.walks.set(id, { roots: walkable, current: null, marker: new NodeMarker(codes, rules) });
    if (this.walks.size > MAX_WALKS) this.walks.delete(this.walks.keys().next().value!);
    return id;
  }

  slice(id: number, deadline: number): boolean | null {
    const walk = this.walks.get(id);
    const { store, batch } = this;
    if (!walk || !store || !batch) return null;
    const { marker, roots } = walk;
    marker.newTask();
    // A first scan (one walk over one root, into an empty store) meets each node once and has no old marks to
    // drop: nothing to remember of the nodes it touched, and none to look up.
    const fresh = batch.fresh;
    const { touched } = batch;
    const visit: TokenVisit = (node, text, nodeStart, nodeEnd, starts, from, to) => {
      if (!marker.anyMarkable(text, starts, from, to)) return;
      const marks = marker.marksOf(node, text.slice(nodeStart, nodeEnd), to - from === 1 ? starts[from]! - nodeStart : -1);
      if (fresh) {
        if (marks.length > 0) store.addNew(node, marks);
        return;
      }
      touched.add(node);
      store.setNode(node, marks);
    };
    for (;;) {
      if (!walk.current) {
        const root = roots.shift();
        if (!root) return false;
        walk.current = new TextWalk(root);
      }
      if (walk.current.slice(deadline, visit)) return true;
      walk.current = null;
      if (performance.now() > deadline) return roots.length > 0;
    }
  }

  end(id: number): void {
    this.walks.delete(id);
  }

  close(): number | null {
    const { store, batch } = this;
    if (!store || !batch) return null;
    this.batch = null;
    if (batch.hadMarks) store.dropUnder(batch.roots, batch.touched);
    // Nodes the page removed meanwhile need no look here: each removal queues a rescan of its parent, whose
    // close drops the marks of nodes no longer connected (dropUnder).
    store.endBatch();
    return store.size;
  }

  markedNodes(): Text[] | null {
    return this.store ? this.store.nodes() : null;
  }

  clear(): void {
    this.store?.clear();
  }
}
