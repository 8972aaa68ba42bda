// The one message protocol between the content script / popup and the background worker.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { CodeRecord, ReleaseInfo } from '../data/dataset';
import type { Locality } from '../data/gpci';
import { CODE_CATEGORIES, type CodeCategory } from '../data/categories';
import type { CodeEntry } from './dataset-store';
import type { Pin } from './db';

export type ReleaseBrief = Pick<ReleaseInfo, 'id' | 'releasedDate' | 'conversionFactor' | 'amaNotice' | 'recordCount'> & {
  /** Earlier releases the history covers, oldest first. */
  historyIds: string[];
};

export interface LookupResponse {
  release: ReleaseBrief;
  entries: Record<string, CodeEntry | null>;
}

/** What a page scan needs: every code the release holds, packed (code-set.ts); the full entries come on hover. */
export interface CodeListResponse {
  release: ReleaseBrief;
  codes: string;
}

export interface SearchHit {
  record: CodeRecord;
  /** Why it matched: exact code, code prefix, or words. */
  match: 'exact' | 'prefix' | 'words';
}

export interface DatasetStatus {
  release: ReleaseBrief & { installedAt: number; checkedAt: number; sha256: string };
}

export interface ProtocolMap {
  lookup(data: { codes: string[] }): LookupResponse;
  codeList(): CodeListResponse;
  search(data: { query: string; limit?: number; category?: CodeCategory | null }): SearchHit[];
  recentList(): string[];
  recentAdd(data: { code: string }): void;
  status(): DatasetStatus;
  pinsList(): Pin[];
  pinAdd(data: { code: string; modifier?: string; units?: number; note?: string }): Pin;
  pinRemove(data: { id: number }): boolean;
  pinUpdate(data: { id: number; units?: number; note?: string; modifier?: string }): Pin | null;
  pinsReorder(data: { ids: number[] }): Pin[];
  pinsClear(): Pin[];
  pinsRestore(data: { pins: Pin[] }): Pin[];
  /** Content script → worker after each scan: the count for this tab's badge. */
  pageCount(data: { count: number }): void;
  /** Popup → content script: the codes on the page, in page order, with a few words of context. */
  pageCodes(): { token: string; code: string; modifiers: string[]; context: string }[];
  /** Popup → content script: scroll to the n-th code and open its card. */
  revealCode(data: { index: number }): boolean;
  locality(data: { id: string }): Locality | null;
  localities(): Locality[];
  /** From a card: open the popup on this code. */
  openPopup(data: { code: string }): boolean;
  /** Background → content script (keyboard command): move to the next or previous code and open its card. */
  navigateCode(data: { direction: 1 | -1 }): boolean;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();

/** Raised for a message the worker will not act on: wrong sender or malformed data. */
export class ProtocolError extends Error {
  constructor(detail: string) {
    super(`CPT Lens refused a message: ${detail}`);
    this.name = 'ProtocolError';
  }
}

export const MAX_LOOKUP_BATCH = 2000;
const CODE_RE = /^[A-Z0-9]{5}$/;
const MODIFIER_RE = /^[A-Z0-9]{2}$/;

function record(data: unknown, what: string): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ProtocolError(`${what} needs an object`);
  return data as Record<string, unknown>;
}

export function validateLookup(data: unknown): { codes: string[] } {
  const codes = record(data, 'lookup').codes;
  if (!Array.isArray(codes)) throw new ProtocolError('lookup needs codes: string[]');
  if (codes.length > MAX_LOOKUP_BATCH) throw new ProtocolError(`lookup takes at most ${MAX_LOOKUP_BATCH} codes, got ${codes.length}`);
  for (const c of codes)
    if (typeof c !== 'string' || !CODE_RE.test(c)) throw new ProtocolError(`"${String(c).slice(0, 20)}" is not a five-character code`);
  return { codes: codes as string[] };
}

export function validateSearch(data: unknown): { query: string; limit: number; category: CodeCategory | null } {
  const d = record(data, 'search');
  if (typeof d.query !== 'string' || d.query.length > 200) throw new ProtocolError('search needs a query of at most 200 characters');
  const limit = d.limit === undefined ? 50 : d.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new ProtocolError('search limit must be 1-500');
  const category = d.category ?? null;
  if (category !== null && !CODE_CATEGORIES.includes(category as CodeCategory))
    throw new ProtocolError('search category must be cpt1, cpt2, cpt3, pla or level2');
  return { query: d.query, limit, category: category as CodeCategory | null };
}

export function validateCode(data: unknown, what: string): { code: string } {
  const code = record(data, what).code;
  if (typeof code !== 'string' || !CODE_RE.test(code)) throw new ProtocolError(`${what} needs a five-character code`);
  return { code };
}

export function validatePinAdd(data: unknown): { code: string; modifier: string; units: number; note: string } {
  const d = record(data, 'pinAdd');
  if (typeof d.code !== 'string' || !CODE_RE.test(d.code)) throw new ProtocolError('pinAdd needs a five-character code');
  const modifier = d.modifier ?? '';
  if (typeof modifier !== 'string' || (modifier !== '' && !MODIFIER_RE.test(modifier)))
    throw new ProtocolError('pinAdd modifier must be two characters');
  const units = d.units ?? 1;
  if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > 9999)
    throw new ProtocolError('pinAdd units must be 1-9999');
  const note = d.note ?? '';
  if (typeof note !== 'string' || note.length > 500) throw new ProtocolError('pinAdd note must be text of at most 500 characters');
  return { code: d.code, modifier, units, note };
}

export function validatePinUpdate(data: unknown): { id: number; units?: number; note?: string; modifier?: string } {
  const d = record(data, 'pinUpdate');
  const { id } = validatePinRemove({ id: d.id });
  const out: { id: number; units?: number; note?: string; modifier?: string } = { id };
  if (d.units !== undefined) {
    if (typeof d.units !== 'number' || !Number.isInteger(d.units) || d.units < 1 || d.units > 9999)
      throw new ProtocolError('pinUpdate units must be 1-9999');
    out.units = d.units;
  }
  if (d.note !== undefined) {
    if (typeof d.note !== 'string' || d.note.length > 500) throw new ProtocolError('pinUpdate note must be text of at most 500 characters');
    out.note = d.note;
  }
  if (d.modifier !== undefined) {
    if (typeof d.modifier !== 'string' || (d.modifier !== '' && !MODIFIER_RE.test(d.modifier)))
      throw new ProtocolError('pinUpdate modifier must be two characters');
    out.modifier = d.modifier;
  }
  return out;
}

export function validateIds(data: unknown): { ids: number[] } {
  const ids = record(data, 'pinsReorder').ids;
  if (!Array.isArray(ids) || ids.length > 1000 || !ids.every((i) => typeof i === 'number' && Number.isInteger(i) && i > 0))
    throw new ProtocolError('pinsReorder needs ids: number[]');
  return { ids: ids as number[] };
}

export function validatePins(data: unknown): { pins: Pin[] } {
  const pins = record(data, 'pinsRestore').pins;
  if (!Array.isArray(pins) || pins.length > 1000) throw new ProtocolError('pinsRestore needs pins: Pin[]');
  return {
    pins: pins.map((p) => {
      const ok = validatePinAdd(p);
      const r = p as Pin;
      if (typeof r.id !== 'number' || typeof r.order !== 'number' || typeof r.addedAt !== 'number')
        throw new ProtocolError('pinsRestore: a pin lacks id, order or addedAt');
      return { ...ok, id: r.id, order: r.order, addedAt: r.addedAt, ...(r.snapshot ? { snapshot: r.snapshot } : {}) };
    }),
  };
}

export function validateCount(data: unknown): { count: number } {
  const count = record(data, 'pageCount').count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new ProtocolError('pageCount needs a count');
  return { count };
}

export function validatePinRemove(data: unknown): { id: number } {
  const id = record(data, 'pinRemove').id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new ProtocolError('pinRemove needs a pin id');
  return { id };
}

export function validateLocality(data: unknown): { id: string } {
  const id = record(data, 'locality').id;
  if (typeof id !== 'string' || !/^\d{5}-\d{2}$/.test(id)) throw new ProtocolError('locality needs an id like 10112-00');
  return { id };
}

export function validateOpenPopup(data: unknown): { code: string } {
  const code = record(data, 'openPopup').code;
  if (typeof code !== 'string' || !/^[A-Z0-9]{5}(?:-[A-Z0-9]{2}){0,4}$/.test(code)) throw new ProtocolError('openPopup needs a code');
  return { code };
}

/** Only this extension's own pages and content scripts may talk to the worker. */
export function checkSender(sender: { id?: string } | undefined, ownId: string): void {
  if (!sender || sender.id !== ownId) throw new ProtocolError(`message from another extension or a web page (${sender?.id ?? 'no id'})`);
}
