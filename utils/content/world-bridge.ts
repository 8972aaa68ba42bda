// The walk over page text runs in the page's main world; everything else stays in the content script.
//
// Why: every DOM node a content script touches gets a wrapper in its isolated world, and a 10,000-row table
// has ~85,000 text nodes. Walking them from the isolated world costs twice the walk itself and leaves the
// next minor GCs a long task's worth of wrappers to trace (`npm run bench:gc`). From the main world the same
// walk creates none, so it hands over only the few thousand text nodes whose tokens the dataset knows.
//
// Trust: the main world is the page's. Its answers are only a hint of where codes may be: the content script
// checks every node handed over (a Text under the root it asked about, so of this document), reads the text
// itself and runs the detector on it, so a hostile page can at worst hide codes from CPT Lens — which it can
// do anyway. Without an answer (no main-world script in this frame, a page that swallows the events, a
// malformed reply) the content script walks in its own world. Nothing crosses but strings and the page's
// own nodes, and no page text ever leaves the page.
//
// Transport: a synchronous CustomEvent on the document each way, with a JSON string as detail (objects do
// not cross worlds in Chrome, and strings are safe in Firefox's Xrays); nodes travel as StaticRanges in a
// Highlight registered under CHANNEL for the length of one call (CSS.highlights is the page's, shared by both
// worlds), deleted as soon as they are read.
import { categoryOf } from '../../data/categories';
import { TextWalk, WalkBatch } from './text-walk';

export const REQUEST_EVENT = 'cpt-lens:walk-request';
export const RESPONSE_EVENT = 'cpt-lens:walk-response';
export const CHANNEL = 'cpt-lens-channel';
const PROTOCOL = 1;
/** Walks the main world keeps at once; the oldest is forgotten beyond this (a content script that went away). */
const MAX_WALKS = 32;
/** Slices a walk keeps waiting for their nodes to be taken. */
const MAX_SLICES = 256;
/** A slice answer larger than this is not believed (one slice of ~8 ms finds a few thousand tokens). */
const MAX_TOKENS = 200_000;

export type WalkRequest =
  | { op: 'hello' }
  | { op: 'begin' }
  | { op: 'slice'; walk: number; deadline: number }
  | { op: 'take'; walk: number; slice: number; indexes: number[] }
  | { op: 'end'; walk: number };

/** One slice of a main-world walk: node i of the slice has tokens[ends[i - 1] ?? 0 … ends[i]). */
export interface RemoteSlice {
  slice: number;
  tokens: string[];
  ends: number[];
  done: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// The main world's side.

/** Answers walk requests on doc. Called once, at document_start, from the main-world content script. */
export function serveWalks(doc: Document): void {
  const walks = new Map<number, { walk: TextWalk; slices: Map<number, WalkBatch> }>();
  let nextId = 1;
  // Captured before the page's own scripts run, so a page that later replaces these cannot redirect answers.
  const dispatch = doc.dispatchEvent.bind(doc);
  const stringify = JSON.stringify;
  const parse = JSON.parse;

  const handle = (req: WalkRequest): unknown => {
    switch (req.op) {
      case 'hello':
        return { v: PROTOCOL };
      case 'begin': {
        const root = takeFromChannel(1)?.[0];
        if (!root || (root !== doc && root.ownerDocument !== doc)) return { error: 'no root' };
        const id = nextId++;
        walks.set(id, { walk: new TextWalk(root), slices: new Map() });
        if (walks.size > MAX_WALKS) walks.delete(walks.keys().next().value!);
        return { walk: id };
      }
      case 'slice': {
        const entry = walks.get(req.walk);
        if (!entry) return { error: 'no such walk' };
        const batch = new WalkBatch();
        const more = entry.walk.slice(Number(req.deadline), batch);
        const id = nextId++;
        if (batch.nodes.length > 0) entry.slices.set(id, batch);
        if (entry.slices.size > MAX_SLICES) entry.slices.delete(entry.slices.keys().next().value!);
        return { slice: id, tokens: batch.tokens, ends: batch.tokenEnds, done: !more } satisfies RemoteSlice;
      }
      case 'take': {
        const batch = walks.get(req.walk)?.slices.get(req.slice);
        walks.get(req.walk)?.slices.delete(req.slice);
        if (!batch) return { error: 'no such slice' };
        const nodes: Node[] = [];
        for (const i of req.indexes) if (batch.nodes[i]) nodes.push(batch.nodes[i]);
        putInChannel(nodes);
        return { count: nodes.length };
      }
      case 'end':
        walks.delete(req.walk);
        return {};
      default:
        return { error: 'unknown op' };
    }
  };

  doc.addEventListener(REQUEST_EVENT, (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string') return;
    let reply: unknown;
    try {
      reply = handle(parse(detail) as WalkRequest);
    } catch (e) {
      reply = { error: String(e) };
    }
    dispatch(new CustomEvent(RESPONSE_EVENT, { detail: stringify(reply) }));
  });
}

/**
 * Puts nodes in the channel for the other world to take within this call, two to a StaticRange (as its start
 * and end): a range is only a pair of points, and each range costs the taker a wrapper.
 */
function putInChannel(nodes: Node[]): void {
  const ranges: StaticRange[] = [];
  for (let i = 0; i < nodes.length; i += 2) {
    const end = nodes[i + 1] ?? nodes[i]!;
    ranges.push(new StaticRange({ startContainer: nodes[i]!, startOffset: 0, endContainer: end, endOffset: 0 }));
  }
  CSS.highlights.set(CHANNEL, new Highlight(...ranges));
}

/** The first count nodes in the channel, in order, or null when it is empty; either way the channel is gone after. */
function takeFromChannel(count: number): Node[] | null {
  const channel = CSS.highlights.get(CHANNEL);
  CSS.highlights.delete(CHANNEL);
  if (!channel) return null;
  const nodes: Node[] = [];
  for (const range of channel as unknown as Iterable<AbstractRange>) {
    if (nodes.length >= count) break;
    nodes.push(range.startContainer);
    if (nodes.length < count) nodes.push(range.endContainer);
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------------------
// The content script's side.

/** What the content script walks with: the main world's walk, or its own. */
export interface WalkSource {
  /** The next slice until the deadline, or null when the source failed (the caller walks again by itself). */
  slice(deadline: number): RemoteSlice | null;
  /** The text nodes at slice's node indexes, checked to be Text under the root; null when the source failed. */
  take(slice: number, indexes: number[]): Text[] | null;
  end(): void;
}

/** The content script's end of the bridge, or null when no main world answers in this document. */
export class MainWorldBridge {
  private readonly doc: Document;
  /** The reply to the request being dispatched; '' outside a dispatch, so stray events are ignored. */
  private reply: string | null = '';

  private constructor(doc: Document, signal: AbortSignal) {
    this.doc = doc;
    doc.addEventListener(
      RESPONSE_EVENT,
      (event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        if (this.reply === null && typeof detail === 'string') this.reply = detail;
      },
      { signal },
    );
  }

  /** The bridge, until signal aborts; null (and nothing left listening) when no main world answers. */
  static connect(doc: Document, signal: AbortSignal): MainWorldBridge | null {
    const stop = new AbortController();
    signal.addEventListener('abort', () => stop.abort(), { once: true });
    const bridge = new MainWorldBridge(doc, stop.signal);
    const hello = bridge.call({ op: 'hello' });
    if (isRecord(hello) && hello.v === PROTOCOL) return bridge;
    stop.abort();
    return null;
  }

  /** One request, answered within this dispatch; undefined when nothing (or nothing readable) came back. */
  call(req: WalkRequest): unknown {
    this.reply = null;
    try {
      this.doc.dispatchEvent(new CustomEvent(REQUEST_EVENT, { detail: JSON.stringify(req) }));
      const reply = this.reply as string | null;
      return reply === null ? undefined : (JSON.parse(reply) as unknown);
    } catch {
      return undefined;
    } finally {
      this.reply = '';
    }
  }

  /** A main-world walk over root, or null (Text roots are not worth the round trip; walk them locally). */
  begin(root: Node): WalkSource | null {
    if (root.nodeType === Node.TEXT_NODE) return null;
    putInChannel([root]);
    const begun = this.call({ op: 'begin' });
    // Taken by the main world when it answered; removed here when it did not.
    CSS.highlights.delete(CHANNEL);
    if (!isRecord(begun) || typeof begun.walk !== 'number') return null;
    const walk = begun.walk;
    let failed = false;
    const fail = () => {
      failed = true;
      this.call({ op: 'end', walk });
      return null;
    };
    return {
      slice: (deadline) => {
        if (failed) return null;
        const res = this.call({ op: 'slice', walk, deadline });
        return validSlice(res) ?? fail();
      },
      take: (slice, indexes) => {
        if (failed) return null;
        const res = this.call({ op: 'take', walk, slice, indexes });
        const taken = takeFromChannel(indexes.length);
        // Every node asked for: with one missing, the last range's end would stand in for it.
        if (!isRecord(res) || res.count !== indexes.length || !taken || taken.length !== indexes.length) return fail();
        // A shadow root is walked as a root of its own: contains() crossing no shadow boundary is what is meant.
        for (const node of taken) if (!(node instanceof Text) || !root.contains(node)) return fail();
        return taken as Text[];
      },
      end: () => {
        if (!failed) this.call({ op: 'end', walk });
        failed = true;
      },
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A slice reply in the shape asked for, with code-shaped tokens only; null otherwise. */
export function validSlice(value: unknown): RemoteSlice | null {
  if (!isRecord(value)) return null;
  const { slice, tokens, ends, done } = value;
  if (typeof slice !== 'number' || typeof done !== 'boolean' || !Array.isArray(tokens) || !Array.isArray(ends)) return null;
  if (tokens.length > MAX_TOKENS || ends.length > tokens.length) return null;
  for (const t of tokens) if (typeof t !== 'string' || categoryOf(t) === null) return null;
  let last = 0;
  for (const e of ends) {
    if (typeof e !== 'number' || !Number.isInteger(e) || e < last || e > tokens.length) return null;
    last = e;
  }
  if (last !== tokens.length) return null;
  return { slice, tokens: tokens as string[], ends: ends as number[], done };
}
