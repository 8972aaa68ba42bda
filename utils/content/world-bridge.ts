// The scan runs in the page's main world; everything else stays in the content script.
//
// Why: every DOM node a content script touches gets a wrapper in its isolated world, and a 10,000-row table
// has ~85,000 text nodes. Walking them from the isolated world costs twice the walk itself and leaves the
// next minor GCs a long task's worth of wrappers to trace (`npm run bench:gc`). From the main world the walk
// creates none, and marking there spares the hand-over of the thousands of text nodes that hold codes. The
// content script gives the main world the release's code list (codes only, no descriptors: public CMS data)
// and the user's rules once per frame, then asks it to scan roots in slices.
//
// Trust: the main world is the page's. What it marks is only paint (CSS.highlights is shared by both worlds, so
// a page could paint our highlights anyway), and a hostile page can at worst hide codes from CPT Lens, which it
// can do anyway. Everything CPT Lens tells the user (a card, the popup's list of the page's codes) the content
// script works out itself from the text node's own text; the nodes the main world names for the list are
// checked to be Text of this document. Without an answer (no main-world script in this frame, a page that
// swallows the events, a malformed reply) the content script scans in its own world from then on. Nothing
// crosses but strings, numbers and the page's own nodes, and no page text ever leaves the page.
//
// Transport: a synchronous CustomEvent on the document each way, with a JSON string as detail (objects do
// not cross worlds in Chrome, and strings are safe in Firefox's Xrays); nodes travel as StaticRanges in a
// Highlight registered under CHANNEL for the length of one call (CSS.highlights is the page's, shared by both
// worlds), deleted as soon as they are read.
import { LocalScanHost, type ScanHost } from './scan-host';
import type { MarkRules } from './node-marker';

export const REQUEST_EVENT = 'cpt-lens:walk-request';
export const RESPONSE_EVENT = 'cpt-lens:walk-response';
export const CHANNEL = 'cpt-lens-channel';
const PROTOCOL = 2;

export type ScanRequest =
  | { op: 'hello' }
  | { op: 'configure'; codes: string; rules: MarkRules }
  | { op: 'open' }
  | { op: 'begin'; count: number }
  | { op: 'slice'; walk: number; deadline: number }
  | { op: 'end'; walk: number }
  | { op: 'close' }
  | { op: 'nodes' }
  | { op: 'clear' };

// ---------------------------------------------------------------------------------------------------------
// The main world's side.

/** Answers scan requests on doc. Called once, at document_start, from the main-world content script. */
export function serveScans(doc: Document): void {
  const host = new LocalScanHost();
  // Captured before the page's own scripts run, so a page that later replaces these cannot redirect answers.
  const dispatch = doc.dispatchEvent.bind(doc);
  const stringify = JSON.stringify;
  const parse = JSON.parse;

  const handle = (req: ScanRequest): unknown => {
    switch (req.op) {
      case 'hello':
        return { v: PROTOCOL };
      case 'configure':
        return { ok: host.configure(String(req.codes), req.rules) };
      case 'open':
        return { ok: host.open() };
      case 'begin': {
        const roots = takeFromChannel(Number(req.count));
        if (!roots || roots.some((r) => r !== doc && r.ownerDocument !== doc)) return { error: 'no roots' };
        const walk = host.begin(roots);
        return walk === null ? { error: 'not open' } : { walk };
      }
      case 'slice': {
        const more = host.slice(Number(req.walk), Number(req.deadline));
        return more === null ? { error: 'no such walk' } : { more };
      }
      case 'end':
        host.end(Number(req.walk));
        return {};
      case 'close': {
        const size = host.close();
        return size === null ? { error: 'not open' } : { size };
      }
      case 'nodes': {
        const nodes = host.markedNodes() ?? [];
        putInChannel(nodes);
        return { count: nodes.length };
      }
      case 'clear':
        host.clear();
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
      reply = handle(parse(detail) as ScanRequest);
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

/** The first count nodes in the channel, in order, or null when it holds fewer; either way the channel is gone after. */
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
  return nodes.length === count ? nodes : null;
}

// ---------------------------------------------------------------------------------------------------------
// The content script's side.

/** The content script's end of the bridge: the main world as a scan host. Every failure answers null. */
export class MainWorldBridge implements ScanHost {
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
  call(req: ScanRequest): unknown {
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

  configure(codes: string, rules: MarkRules): boolean {
    return field(this.call({ op: 'configure', codes, rules }), 'ok') === true;
  }

  open(): boolean {
    return field(this.call({ op: 'open' }), 'ok') === true;
  }

  begin(roots: Node[]): number | null {
    putInChannel(roots);
    const walk = field(this.call({ op: 'begin', count: roots.length }), 'walk');
    // Taken by the main world when it answered; removed here when it did not.
    CSS.highlights.delete(CHANNEL);
    return typeof walk === 'number' ? walk : null;
  }

  slice(walk: number, deadline: number): boolean | null {
    const more = field(this.call({ op: 'slice', walk, deadline }), 'more');
    return typeof more === 'boolean' ? more : null;
  }

  end(walk: number): void {
    this.call({ op: 'end', walk });
  }

  close(): number | null {
    const size = field(this.call({ op: 'close' }), 'size');
    return typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : null;
  }

  markedNodes(): Text[] | null {
    const count = field(this.call({ op: 'nodes' }), 'count');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
    const nodes = takeFromChannel(count);
    if (!nodes) return null;
    // Text of this document only (in its tree or an open shadow root's): nothing else is believed.
    for (const node of nodes) if (!(node instanceof Text) || node.ownerDocument !== this.doc) return null;
    // A node named twice is listed once.
    return [...new Set(nodes as Text[])];
  }

  clear(): void {
    this.call({ op: 'clear' });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A reply's field, or undefined when the reply is not an object. */
function field(reply: unknown, name: string): unknown {
  return isRecord(reply) ? reply[name] : undefined;
}
