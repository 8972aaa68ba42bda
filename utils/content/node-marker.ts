// Which marks a text node gets: the one set of rules for every place a page is marked (the content script's
// world, the page's main world) and for the node under the pointer. DOM only, no extension APIs.
import type { CodeCategory } from '../../data/categories';
import type { CodeSet } from '../code-set';
import { findCodes, shouldMark, type CodeMatch, type Strictness } from '../detect';
import type { MarkKind, PageMark } from './mark-store';
import { parkingNode } from './text-walk';

/** The user's settings that decide what is marked. */
export interface MarkRules {
  strictness: Strictness;
  suppressed: string[];
  categories: CodeCategory[];
}

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

// Matched against a text node's parent alone: whether it, or its own parent, is skipped markup, or it holds only
// text. One call tests both elements; the child combinator is matched natively, without a second call.
const SKIP_PARENT_OR_ABOVE = [...TEXT_ONLY_SKIPS, SKIP_ANCESTORS, `:is(${SKIP_ANCESTORS}) > *`].join(',');

/** Whether text in el, or under it, sits in skipped markup. */
export function inSkippedMarkup(el: Element): boolean {
  return TEXT_ONLY_SKIPS.has(el.localName) || el.closest(SKIP_ANCESTORS) !== null;
}

/** Whether a node (an element, or a text node by its parent) sits in skipped markup. */
export function skippedNode(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el !== null && inSkippedMarkup(el);
}

/** Header texts of a table's first head row, read once per table per marker. */
type TableHead = { row: Element; texts: string[] } | null;
/** The heads of the tables met, and the last one (cells come table by table): no lookup by element per cell. */
interface HeaderCache {
  heads: Map<Element, TableHead>;
  /** The row section (or table) the last cell's row sat in, and that table's head. */
  lastSection: Element | null;
  lastHead: TableHead;
}

/** Texts longer than this are weighed every time: they seldom repeat, and would hold memory. */
const MEMO_TEXT = 64;

/**
 * Text of the header cell of the column a text sits in, for column context ("ZIP", "CPT"). parent is the text
 * node's parent, up and above the two elements over it: the marker has read them already for the skip check, and
 * a text sits in its cell mostly, so they are the cell's row and row section.
 */
function columnHeaderOf(parent: Element | null, up: Element | null, above: Element | null, cache: HeaderCache): string {
  // instanceof is answered in JavaScript; closest() is a call into the DOM.
  let cell: HTMLTableCellElement | null;
  let row: Element | null;
  let section: Element | null;
  if (parent instanceof HTMLTableCellElement) {
    cell = parent;
    row = up;
    section = above;
  } else {
    cell = parent?.closest('td,th') ?? null;
    if (!cell) return '';
    row = cell.parentElement;
    section = row?.parentElement ?? null;
  }
  let head: TableHead | undefined;
  if (section !== null && section === cache.lastSection) head = cache.lastHead;
  else {
    // A cell's table is its row's section's parent (or its row's parent): read as properties, without a selector.
    const table =
      section instanceof HTMLTableElement
        ? section
        : section?.parentElement instanceof HTMLTableElement
          ? section.parentElement
          : cell.closest('table');
    if (!table) return '';
    head = cache.heads.get(table);
    if (head === undefined) {
      const headRow = table.tHead?.rows[0] ?? table.rows[0];
      head = headRow ? { row: headRow, texts: Array.from(headRow.cells, (c) => c.textContent?.trim() ?? '') } : null;
      cache.heads.set(table, head);
    }
    cache.lastSection = section;
    cache.lastHead = head;
  }
  // Compared, not looked up: a Set of cells would give every cell of the page an identity hash.
  if (!head || row === head.row) return '';
  return head.texts[cell.cellIndex] ?? '';
}

const NO_MARKS: PlannedMark[] = [];

/**
 * A text with one code token, the token (at) told by what findCodes and the rules read of it: its category,
 * whether it is five digits, and whether the dataset knows it. "IL 60601" and "TX 75201" (two known codes)
 * share a shape, and get the same marks under the same header: none. The weighing never reads more of a lone
 * token (ranges and lists need two), so texts of one shape differ only in which code the marks would name.
 */
export function shapeOf(text: string, at: number, known: boolean): string {
  const first = text.charCodeAt(at);
  const last = text.charCodeAt(at + 4);
  const kind = String.fromCharCode(first <= 57 ? 48 : 65, last <= 57 ? 48 : last, known ? 49 : 48);
  return text.slice(0, at) + '\u0000' + kind + text.slice(at + 5);
}

// One StaticRange init for every range made (the constructor copies it). In between it points at the parking
// node, so it never keeps a removed page node alive.
let rangeInit: StaticRangeInit | null = null;

/** What a text gets marked with, before the ranges are made: the same for every node holding that text. */
interface PlannedMark {
  match: CodeMatch;
  kind: MarkKind;
  token: string;
}

/** A short text's plan, and the column header it was weighed under (null when its weighing asked for none). */
interface MemoEntry {
  plan: PlannedMark[];
  header: string | null;
}

/**
 * Weighs text nodes under fixed rules and a fixed code set, remembering for its own life (one scan, one list,
 * one card) what it found out once: table headers, and the marks of each
 * short text already weighed (a column of codes repeats the same few texts thousands of times), with the
 * column header they were weighed under, or null when their weighing did not ask for one.
 */
export class NodeMarker {
  private readonly codes: CodeSet;
  private readonly known: (code: string) => boolean;
  private readonly rules: MarkRules;
  private readonly headers: HeaderCache = { heads: new Map(), lastSection: null, lastHead: null };
  private readonly memo = new Map<string, MemoEntry>();
  /**
   * The element two above the last checked text node's parent (the row section of a cell's text, the list of an
   * item's), and whether it sits in skipped markup. The cells of a table section share it: closest() runs once
   * for them all, and each node's own parent and grandparent are matched in one call. closest() tests every
   * ancestor, which made it the costliest call of marking.
   */
  private checkedAbove: Element | null = null;
  private checkedAboveSkipped = false;
  /** The shapes (shapeOf) of texts with one code token that got no marks, with the header they were weighed under, or null. */
  private readonly unmarked = new Map<string, string | null>();
  /** The node being marked: its parent and the two elements over it, read once for the skip check and the header. */
  private parent: Element | null = null;
  private up: Element | null = null;
  private above: Element | null = null;

  constructor(codes: CodeSet, rules: MarkRules) {
    this.codes = codes;
    this.known = (code) => codes.has(code);
    this.rules = rules;
  }

  /** Whether a node's tokens (the five characters of text at starts[from…to)) hold a code worth weighing. */
  anyMarkable(text: string, starts: number[], from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const at = starts[k]!;
      // A code-shaped token ending in F, T or U is self-evident (selfEvidentCategory), asked without a call.
      const last = text.charCodeAt(at + 4);
      if (last === 70 || last === 84 || last === 85 || this.codes.hasAt(text, at)) return true;
    }
    return false;
  }

  /**
   * Forgets what it read of the tree's shape (the element above, the last row section): the page may move its
   * elements between two tasks, never within one. Called at the start of each slice of a walk.
   */
  newTask(): void {
    this.checkedAbove = null;
    this.headers.lastSection = null;
  }

  /** Whether the current node's text sits in skipped markup (inSkippedMarkup of its parent). */
  private skipped(): boolean {
    const { parent, above } = this;
    if (parent === null) return false;
    if (parent.matches(SKIP_PARENT_OR_ABOVE)) return true;
    if (above === null) return false;
    if (above !== this.checkedAbove) {
      this.checkedAbove = above;
      this.checkedAboveSkipped = above.closest(SKIP_ANCESTORS) !== null;
    }
    return this.checkedAboveSkipped;
  }

  /**
   * The marks the node's text gets as it is now: none when it has none or sits in skipped markup. text is the
   * node's text when the caller has just read it (the walk has, with its run), saving a read of node.data, and
   * only the offset of its one code token when the caller knows it has exactly one (else -1).
   */
  marksOf(node: Text, text?: string, only = -1): PageMark[] {
    const parent = (this.parent = node.parentElement);
    const up = (this.up = parent?.parentElement ?? null);
    this.above = up?.parentElement ?? null;
    const own = text ?? node.data;
    // The cheaper question first. A short text's plan comes from the memos mostly, and is often empty (ZIPs and
    // IDs that spell a code): the skip check is asked only when it has marks. A long text may be a script's,
    // not worth weighing when skipped.
    const long = own.length > MEMO_TEXT;
    const plan = long && this.skipped() ? NO_MARKS : this.planOf(own, only);
    const marks: PageMark[] = [];
    if (plan.length === 0 || (!long && this.skipped())) return marks;
    // Indexed loops: this runs cold on every page load, where an iterator and destructuring cost.
    const init = (rangeInit ??= { startContainer: node, startOffset: 0, endContainer: node, endOffset: 0 });
    init.startContainer = init.endContainer = node;
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i]!;
      init.startOffset = p.match.start;
      init.endOffset = p.match.spanEnd;
      // A StaticRange: a live Range would be updated by the browser on every DOM change the page makes.
      marks.push({ node, range: new StaticRange(init), match: p.match, kind: p.kind, token: p.token });
    }
    init.startContainer = init.endContainer = parkingNode();
    return marks;
  }

  /** The current node's column header. */
  private header(): string {
    return columnHeaderOf(this.parent, this.up, this.above, this.headers);
  }

  /**
   * What text is marked with, or what the same text was marked with earlier under the same header; nothing,
   * when text has one code token (at only) and a text of the same shape got nothing under the same header.
   */
  private planOf(text: string, only: number): PlannedMark[] {
    const seen = this.memo.get(text);
    // A memo hit makes no closure: this runs for every marked node of the page.
    let header: string | undefined;
    if (seen) {
      if (seen.header === null) return seen.plan;
      header = this.header();
      if (seen.header === header) return seen.plan;
    }
    const shape = only >= 0 && text.length <= MEMO_TEXT ? shapeOf(text, only, this.codes.hasAt(text, only)) : null;
    if (shape !== null) {
      const unmarked = this.unmarked.get(shape);
      if (unmarked === null) return NO_MARKS;
      if (unmarked !== undefined && unmarked === (header ??= this.header())) return NO_MARKS;
    }
    let asked = false;
    let suppressedAny = false;
    const headerOf = () => (header ??= this.header());
    const matches = findCodes(text, { columnHeader: () => ((asked = true), headerOf()), isKnown: this.known });
    const { strictness, suppressed, categories } = this.rules;
    const plan: PlannedMark[] = [];
    for (const match of matches) {
      const known = this.known(match.code);
      if (!categories.includes(match.category) || !shouldMark(match, known, strictness)) continue;
      const token = text.slice(match.start, match.spanEnd);
      if (suppressed.includes(token) || suppressed.includes(match.code)) {
        suppressedAny = true;
        continue;
      }
      plan.push({ match, kind: known ? match.category : 'unknown', token });
    }
    // A code the user suppressed says nothing of other codes in the same place: that text is remembered as itself.
    if (shape !== null && plan.length === 0 && !suppressedAny) this.unmarked.set(shape, asked ? headerOf() : null);
    else if (text.length <= MEMO_TEXT) this.memo.set(text, { plan, header: asked ? headerOf() : null });
    return plan;
  }
}
