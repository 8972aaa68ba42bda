// The page's marks: ranges kept per text node and mirrored into CSS Custom Highlights (the DOM is never touched).
import type { CodeCategory } from '../../data/categories';
import type { CodeMatch } from '../detect';

export const HIGHLIGHT_PREFIX = 'cpt-lens-';
export type MarkKind = CodeCategory | 'unknown';
const KINDS: MarkKind[] = ['cpt1', 'cpt2', 'cpt3', 'pla', 'level2', 'unknown'];

/** What the store keeps of a mark: what it paints, and in which highlight. */
export interface StoredMark {
  node: Text;
  /** What the highlight paints. Static: the page's own DOM changes never pay to update it. */
  range: StaticRange;
  kind: MarkKind;
}

export interface PageMark extends StoredMark {
  match: CodeMatch;
  /** Code with modifiers as shown, e.g. "99213-25": the token "Not a code here" suppresses. */
  token: string;
}

export class MarkStore {
  private readonly byNode = new Map<Text, StoredMark[]>();
  /**
   * Whether marks given by addNew are held only as ranges in the highlights, not yet in byNode. A first scan's
   * thousands of marks are indexed only when something first asks by node (a rescan), read back from the
   * highlights: a Map keyed by a node gives it an identity hash, which costs more than the rest of marking it,
   * and marks kept as objects of ours made the minor GCs that fell inside a scan three times longer.
   */
  private unindexed = false;
  /** How many marks the store holds: every mark comes and goes through apply(). */
  private count = 0;
  private readonly highlights = new Map<MarkKind, Highlight>();

  constructor() {
    for (const k of KINDS) {
      const h = new Highlight();
      this.highlights.set(k, h);
      CSS.highlights.set(HIGHLIGHT_PREFIX + k, h);
    }
  }

  // Adding ranges to a registered Highlight one at a time makes the browser re-render every highlight on
  // each change; a scan's changes are therefore gathered and applied to the registry once, at its end.
  private depth = 0;
  private readonly added = new Set<StoredMark>();
  private readonly removed = new Set<StoredMark>();
  /**
   * Kinds that had no marks when the batch began: their marks go straight into a new, unregistered Highlight
   * (cheap to add to), registered at the end. A first scan's thousands of marks then cost the end of the
   * batch nothing, instead of one long task that rebuilds every Highlight.
   */
  private readonly staging = new Map<MarkKind, Highlight>();

  beginBatch(): void {
    if (this.depth++ > 0) return;
    for (const [kind, h] of this.highlights) if (h.size === 0) this.staging.set(kind, new Highlight());
  }

  endBatch(): void {
    if (--this.depth > 0) return;
    for (const [kind, h] of this.staging) {
      if (h.size === 0) continue;
      this.highlights.set(kind, h);
      CSS.highlights.set(HIGHLIGHT_PREFIX + kind, h);
    }
    this.staging.clear();
    // A few changes go in one by one; many are cheaper as one rebuilt Highlight per kind.
    if (this.added.size + this.removed.size <= 300) {
      for (const m of this.removed) this.highlights.get(m.kind)!.delete(m.range);
      for (const m of this.added) this.highlights.get(m.kind)!.add(m.range);
      this.added.clear();
      this.removed.clear();
      return;
    }
    const touched = new Set<MarkKind>();
    for (const m of this.removed) touched.add(m.kind);
    for (const m of this.added) touched.add(m.kind);
    for (const kind of touched) {
      // Rebuilding a changed Highlight in one constructor call is cheaper than thousands of add/delete calls.
      const ranges: StaticRange[] = [];
      for (const list of this.index().values()) for (const m of list) if (m.kind === kind) ranges.push(m.range);
      const next = new Highlight(...ranges);
      this.highlights.set(kind, next);
      CSS.highlights.set(HIGHLIGHT_PREFIX + kind, next);
    }
    this.added.clear();
    this.removed.clear();
  }

  /** byNode with every mark in it. */
  private index(): Map<Text, StoredMark[]> {
    if (this.unindexed) {
      this.unindexed = false;
      // Every mark so far came from addNew (see there): the highlights hold them all, the staged ones first.
      for (const [kind, h] of new Map([...this.highlights, ...this.staging])) {
        for (const range of h as unknown as Iterable<StaticRange>) {
          const node = range.startContainer as Text;
          const list = this.byNode.get(node);
          if (list) list.push({ node, range, kind });
          else this.byNode.set(node, [{ node, range, kind }]);
        }
      }
    }
    return this.byNode;
  }

  setNode(node: Text, marks: StoredMark[]): void {
    this.dropNode(node);
    if (marks.length === 0) return;
    this.byNode.set(node, marks);
    for (const m of marks) this.apply(m, true);
  }

  /**
   * setNode for a node the caller knows has no marks here (a first scan's walk meets each node once), into a
   * store that holds only addNew's marks: they are painted and counted, and nothing else is kept of them.
   * Only marks bound for a highlight staged in this batch stay unindexed: a registered highlight that a batch
   * changes much is rebuilt from the index, which would not hold them.
   */
  addNew(node: Text, marks: StoredMark[]): void {
    let staged = this.byNode.size === 0;
    for (let i = 0; staged && i < marks.length; i++) staged = this.staging.has(marks[i]!.kind);
    if (!staged) return this.setNode(node, marks);
    if (marks.length === 0) return;
    this.unindexed = true;
    for (let i = 0; i < marks.length; i++) this.apply(marks[i]!, true);
  }

  dropNode(node: Text): void {
    const index = this.index();
    const old = index.get(node);
    if (!old) return;
    index.delete(node);
    for (const m of old) this.apply(m, false);
  }

  private apply(m: StoredMark, add: boolean): void {
    this.count += add ? 1 : -1;
    const staged = this.staging.get(m.kind);
    if (staged) {
      if (add) staged.add(m.range);
      else staged.delete(m.range);
      return;
    }
    if (this.depth > 0) {
      if (add) this.added.add(m);
      else if (!this.added.delete(m)) this.removed.add(m);
      return;
    }
    if (add) this.highlights.get(m.kind)!.add(m.range);
    else this.highlights.get(m.kind)!.delete(m.range);
  }

  /**
   * Drops the marks of nodes under any of roots (or gone from the document) except keep's: what a rescan of
   * roots did not mark again is stale. Each ancestor is looked at once, however many marked nodes share it.
   */
  dropUnder(roots: Node[], keep: Set<Text>): void {
    const under = new Map<Node, boolean>(roots.map((r) => [r, true]));
    const chain: Node[] = [];
    for (const node of [...this.index().keys()]) {
      if (keep.has(node)) continue;
      let at: Node | null = node;
      let found: boolean | undefined;
      while (at && (found = under.get(at)) === undefined) {
        chain.push(at);
        at = at.parentNode;
      }
      for (const n of chain) under.set(n, found === true);
      chain.length = 0;
      if (found === true || !node.isConnected) this.dropNode(node);
    }
  }

  clear(): void {
    for (const node of [...this.index().keys()]) this.dropNode(node);
  }

  marksOf(node: Node): readonly StoredMark[] {
    return this.index().get(node as Text) ?? [];
  }

  /** The text nodes with marks, in document order. */
  nodes(): Text[] {
    return [...this.index().keys()].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  get size(): number {
    return this.count;
  }
}

/** A live Range over a mark, for geometry (client rects, card placement); made only when asked. */
export function liveRange(mark: PageMark): Range {
  const range = new Range();
  range.setStart(mark.node, Math.min(mark.range.startOffset, mark.node.length));
  range.setEnd(mark.node, Math.min(mark.range.endOffset, mark.node.length));
  return range;
}

/** The caret (text node + offset) under a point, with the standard API first. */
function caretAt(x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (
      x: number,
      y: number,
      options?: { shadowRoots?: ShadowRoot[] },
    ) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y, { shadowRoots });
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = doc.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function pointIn(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  return false;
}

/** Whether two marks are the same mark of the same text (marks are worked out afresh for each hit test). */
export function sameMark(a: PageMark | null | undefined, b: PageMark | null | undefined): boolean {
  return !!a && !!b && a.node === b.node && a.range.startOffset === b.range.startOffset && a.token === b.token;
}

/** The mark under the pointer: the caret's text node's marks, worked out from its text, hit-tested by their boxes. */
export function markAtPoint(marksAt: (node: Node) => PageMark[], x: number, y: number, shadowRoots: ShadowRoot[]): PageMark | null {
  const caret = caretAt(x, y, shadowRoots);
  if (!caret) return null;
  for (const m of marksAt(caret.node)) {
    if (caret.offset >= m.match.start && caret.offset <= m.match.spanEnd && pointIn(liveRange(m), x, y)) return m;
  }
  return null;
}
