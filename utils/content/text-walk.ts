// The walk over a tree's text, in slices: which text nodes hold code tokens, and the tokens. DOM only, no
// extension APIs, so the same code runs in the content script's isolated world and in the page's main world
// (see world-bridge.ts for why the main world scans).
import { pushRunTokens } from '../detect';

/**
 * Called for each text node of a run that holds code tokens. text is the run's (or the node's own), the node's
 * own text is text[nodeStart…nodeEnd), and its tokens are the five characters of text at starts[from…to), so a
 * token can be asked about without making it a string.
 */
export type TokenVisit = (node: Text, text: string, nodeStart: number, nodeEnd: number, starts: number[], from: number, to: number) => void;

// Reused by every run: where the run's tokens start and, for each, the index of the node it is in.
const runStarts: number[] = [];
const runOwners: number[] = [];

/**
 * The walk's work on a run of text nodes, consecutive in tree order, whose lengths were read: each node with
 * code tokens is visited with them. Their text is read as one string (a Range's), not node by node: from an
 * isolated world each data read converts a string across the binding, where a length is a number.
 */
function tokenizeRun(nodes: Text[], lengths: number[], count: number, visit: TokenVisit): void {
  if (count === 0) return;
  const text = textOfRun(nodes[0]!, nodes[count - 1]!, lengths[count - 1]!);
  let total = 0;
  for (let i = 0; i < count; i++) total += lengths[i]!;
  const starts = runStarts;
  const owners = runOwners;
  // The Range's text is exactly the nodes' texts end to end, unless it held a text node the walker does not
  // show (a CDATA section in an XML document): then each node is read on its own.
  if (text.length !== total) {
    for (let i = 0; i < count; i++) {
      if (lengths[i]! < 5) continue;
      const own = nodes[i]!.data;
      starts.length = owners.length = 0;
      pushRunTokens(own, [own.length], 1, starts, owners);
      if (starts.length > 0) visit(nodes[i]!, own, 0, own.length, starts, 0, starts.length);
    }
    return;
  }
  starts.length = owners.length = 0;
  pushRunTokens(text, lengths, count, starts, owners);
  // Each node's tokens are consecutive, and the nodes come in order: their starts add up along the way.
  let node = 0;
  let nodeStart = 0;
  for (let k = 0, from = 0; k < owners.length; k++) {
    if (owners[k + 1] === owners[k]) continue;
    const owner = owners[k]!;
    while (node < owner) nodeStart += lengths[node++]!;
    visit(nodes[owner]!, text, nodeStart, nodeStart + lengths[owner]!, starts, from, k + 1);
    from = k + 1;
  }
}

// One Range reads every run, and is parked in a document of its own after each: while a Range has its ends in
// the page's document, the browser updates it on every change the page makes, and a scan's ~330 Ranges left
// for the collector made a page's own DOM changes 11% slower.
let runRange: Range | null = null;
let parking: Text | null = null;

/** A text node in a document of its own: somewhere to point a Range or a range init at that is no page's node. */
export function parkingNode(): Text {
  return (parking ??= new Document().createTextNode(''));
}

/** The text from the start of first to lastLength into last. */
function textOfRun(first: Text, last: Text, lastLength: number): string {
  const range = (runRange ??= new Range());
  // Ends in another tree (the parking document's, or another frame's) move the whole Range to this one.
  range.setStart(first, 0);
  range.setEnd(last, lastLength);
  const text = range.toString();
  range.setStart(parkingNode(), 0);
  return text;
}

// Reused by every run of every walk: the nodes of the current run and their lengths.
const RUN = 256;
const runNodes: Text[] = [];
const runLengths: number[] = [];

/** A walk over the text nodes under one root (an element, document, shadow root or a text node itself). */
export class TextWalk {
  private readonly walker: TreeWalker | null;
  private single: Text | null;
  private finished = false;

  constructor(root: Node) {
    // Text nodes only, with no filter callback: whether one sits in skipped markup is asked later, only for the
    // few that hold a code.
    const doc = root.ownerDocument ?? (root as Document);
    this.single = root.nodeType === Node.TEXT_NODE ? (root as Text) : null;
    this.walker = this.single ? null : doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  }

  /** Visits the text nodes that hold code tokens until the deadline; true when it stopped there (more to do), false at the end. */
  slice(deadline: number, visit: TokenVisit): boolean {
    if (this.finished) return false;
    if (this.single) {
      tokenizeRun([this.single], [this.single.length], 1, visit);
      this.single = null;
      this.finished = true;
      return false;
    }
    const walker = this.walker!;
    for (;;) {
      let count = 0;
      while (count < RUN) {
        const node = walker.nextNode() as Text | null;
        if (!node) break;
        runNodes[count] = node;
        runLengths[count++] = node.length;
      }
      // In the same task as the lengths: the page cannot have changed the text in between.
      tokenizeRun(runNodes, runLengths, count, visit);
      runNodes.fill(null as unknown as Text, 0, count);
      if (count < RUN) {
        this.finished = true;
        return false;
      }
      // Reading the clock is not free: look once per run.
      if (performance.now() > deadline) return true;
    }
  }
}
