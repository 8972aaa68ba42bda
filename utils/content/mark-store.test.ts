import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeMatch } from '../detect';
import { MarkStore, sameMark, type PageMark } from './mark-store';

// The store's bookkeeping needs only a highlight registry and nodes with parents: small stand-ins for both,
// so which marks a rescan drops is checked without a browser (the end-to-end tests do it in Chromium).
beforeAll(() => {
  const g = globalThis as Record<string, unknown>;
  // Variadic, as the real one: new Highlight(...ranges).
  g.Highlight ??= class extends Set<unknown> {
    constructor(...ranges: unknown[]) {
      super(ranges);
    }
  };
  g.CSS ??= { highlights: new Map() };
});

interface FakeNode {
  name: string;
  parentNode: FakeNode | null;
  isConnected: boolean;
}

/** A tree of fakeNodes: parents[i] is node i's parent index (or -1 for the top, the document). */
function treeOf(parents: number[]): FakeNode[] {
  const nodes: FakeNode[] = parents.map((_, i) => ({ name: `n${i}`, parentNode: null, isConnected: true }));
  parents.forEach((p, i) => (nodes[i]!.parentNode = p >= 0 ? nodes[p]! : null));
  return nodes;
}

function markOn(node: FakeNode, kind: PageMark['kind'] = 'cpt1'): PageMark {
  const match = { start: 0, end: 5, spanEnd: 5, code: '99213' } as CodeMatch;
  return { node: node as unknown as Text, range: { startContainer: node } as unknown as StaticRange, match, kind, token: '99213' };
}

const highlight = (kind: string) => (CSS.highlights as unknown as Map<string, Set<unknown>>).get(`cpt-lens-${kind}`)!;

function marked(store: MarkStore, nodes: FakeNode[]): string[] {
  return nodes.filter((n) => store.marksOf(n as unknown as Node).length > 0).map((n) => n.name);
}

describe('MarkStore.dropUnder: the marks a rescan did not set again', () => {
  it('drops marks under the roots, keeps the kept ones and those elsewhere, and drops the disconnected', () => {
    //        0 (document)
    //       /          \
    //      1 (table)    2 (aside)
    //     / \            \
    //    3   4            5
    //   /     \
    //  6       7
    const nodes = treeOf([-1, 0, 0, 1, 1, 2, 3, 4]);
    const store = new MarkStore();
    for (const i of [5, 6, 7]) store.setNode(nodes[i] as unknown as Text, [markOn(nodes[i]!)]);
    // Rescanned the table: 7 was marked again, 6 was not; 5 lies outside it.
    store.dropUnder([nodes[1] as unknown as Node], new Set([nodes[7] as unknown as Text]));
    expect(marked(store, nodes)).toEqual(['n5', 'n7']);
    // A node gone from the document is dropped wherever it was.
    nodes[5]!.isConnected = false;
    store.dropUnder([nodes[1] as unknown as Node], new Set());
    expect(marked(store, nodes)).toEqual([]);
  });

  it('a text node rescanned alone is its own root', () => {
    const nodes = treeOf([-1, 0, 1]);
    const store = new MarkStore();
    store.setNode(nodes[2] as unknown as Text, [markOn(nodes[2]!)]);
    store.dropUnder([nodes[2] as unknown as Node], new Set());
    expect(marked(store, nodes)).toEqual([]);
  });

  it('agrees with walking up from each node, on any tree, roots and kept set', () => {
    const tree = fc
      .integer({ min: 2, max: 40 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 })))));
    fc.assert(
      fc.property(tree, fc.array(fc.nat()), fc.array(fc.nat()), fc.array(fc.nat()), (parents, markIdx, rootIdx, keepIdx) => {
        const nodes = treeOf(parents);
        const pick = (idx: number[]) => [...new Set(idx.map((i) => nodes[i % nodes.length]!))];
        const store = new MarkStore();
        const withMarks = pick(markIdx);
        for (const n of withMarks) store.setNode(n as unknown as Text, [markOn(n)]);
        const roots = pick(rootIdx);
        const keep = new Set(pick(keepIdx));
        store.dropUnder(roots as unknown as Node[], keep as unknown as Set<Text>);
        const under = (n: FakeNode) => {
          for (let at: FakeNode | null = n; at; at = at.parentNode) if (roots.includes(at)) return true;
          return false;
        };
        const expected = withMarks.filter((n) => keep.has(n) || !under(n)).map((n) => n.name);
        expect(marked(store, nodes).sort()).toEqual(expected.sort());
      }),
    );
  });
});

describe('MarkStore.addNew: a first scan indexes its nodes only when something asks by node', () => {
  it('holds fresh nodes as setNode would: counted, in the highlight, found by node, dropped by a rescan', () => {
    const nodes = treeOf([-1, 0, 0, 1, 1]);
    const store = new MarkStore();
    store.beginBatch();
    for (const i of [2, 3, 4]) store.addNew(nodes[i] as unknown as Text, [markOn(nodes[i]!)]);
    store.addNew(nodes[1] as unknown as Text, []);
    store.endBatch();
    expect(store.size).toBe(3);
    const registered = highlight('cpt1');
    expect(registered.size).toBe(3);
    expect(marked(store, nodes)).toEqual(['n2', 'n3', 'n4']);
    // A later setNode of a fresh node replaces its marks rather than adding a second entry.
    store.setNode(nodes[3] as unknown as Text, [markOn(nodes[3]!), markOn(nodes[3]!)]);
    expect(store.size).toBe(4);
    store.dropUnder([nodes[1] as unknown as Node], new Set([nodes[4] as unknown as Text]));
    expect(marked(store, nodes)).toEqual(['n2', 'n4']);
    expect(registered.size).toBe(2);
  });

  it('reads fresh marks back from the highlights, each kind from its own, also before the batch ends', () => {
    const nodes = treeOf([-1, 0, 0, 0]);
    const store = new MarkStore();
    store.beginBatch();
    store.addNew(nodes[1] as unknown as Text, [markOn(nodes[1]!, 'level2'), markOn(nodes[1]!, 'cpt2')]);
    store.addNew(nodes[2] as unknown as Text, [markOn(nodes[2]!, 'level2')]);
    // Asked by node mid-batch: the marks are only in the staged highlights yet.
    expect(
      store
        .marksOf(nodes[1] as unknown as Node)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['cpt2', 'level2']);
    // Once indexed, a further addNew is a setNode: it replaces rather than adds.
    store.addNew(nodes[2] as unknown as Text, [markOn(nodes[2]!, 'cpt3')]);
    store.addNew(nodes[3] as unknown as Text, [markOn(nodes[3]!, 'cpt3')]);
    store.endBatch();
    expect(store.size).toBe(4);
    expect([highlight('level2').size, highlight('cpt2').size, highlight('cpt3').size]).toEqual([1, 1, 2]);
    store.dropNode(nodes[1] as unknown as Text);
    expect([highlight('level2').size, highlight('cpt2').size, store.size]).toEqual([0, 0, 2]);
    expect(marked(store, nodes)).toEqual(['n2', 'n3']);
  });
  it('marks of a kind that already had marks are kept, however many one batch adds', () => {
    // A second batch of addNew into a store that holds only an earlier batch's fresh marks: the kind is not
    // staged, so its marks are changes to a registered highlight, and past a few hundred that highlight is
    // rebuilt from what the store holds.
    const nodes = treeOf([-1, ...Array.from({ length: 400 }, () => 0)]);
    const store = new MarkStore();
    store.beginBatch();
    store.addNew(nodes[1] as unknown as Text, [markOn(nodes[1]!)]);
    store.endBatch();
    store.beginBatch();
    for (let i = 2; i < nodes.length; i++) store.addNew(nodes[i] as unknown as Text, [markOn(nodes[i]!)]);
    store.endBatch();
    expect(store.size).toBe(400);
    expect(highlight('cpt1').size).toBe(400);
    expect(marked(store, nodes)).toHaveLength(400);
  });
});

describe('sameMark: a hover over the same code of the same text is one mark, though worked out afresh', () => {
  const markOf = (node: object, start: number, token: string): PageMark => ({
    node: node as Text,
    range: { startOffset: start, endOffset: start + token.length } as StaticRange,
    match: { start, end: start + 5, spanEnd: start + token.length, code: token.slice(0, 5), modifiers: [] } as unknown as CodeMatch,
    kind: 'cpt1',
    token,
  });
  it('holds for equal node, place and token, and not when any of them differs', () => {
    const node = {};
    const mark = markOf(node, 4, '99213-25');
    expect(sameMark(mark, markOf(node, 4, '99213-25'))).toBe(true);
    expect(sameMark(mark, markOf({}, 4, '99213-25'))).toBe(false);
    expect(sameMark(mark, markOf(node, 10, '99213-25'))).toBe(false);
    expect(sameMark(mark, markOf(node, 4, '99213'))).toBe(false);
    expect(sameMark(mark, null)).toBe(false);
    expect(sameMark(undefined, mark)).toBe(false);
  });
});
