import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import type { CodeCategory } from './categories';
import { DATASET_FORMAT, HISTORY_FIELDS, PFS_VALUE_FIELDS, type CodeRecord, type Dataset, type PfsValues } from './dataset';
import type { Locality } from './gpci';
import type { Level2Modifier } from './hcpcs';

/**
 * The bundle is gzip'd JSON in columns: each record is an array in a fixed field
 * order, so field names are written once rather than 30,000 times.
 */
const LEVEL2_FIELDS = [
  'pricingIndicators',
  'multiplePricingIndicator',
  'coverageCode',
  'betos',
  'typeOfService',
  'addDate',
  'actionEffectiveDate',
  'terminationDate',
  'actionCode',
] as const;
const MUE_FIELDS = ['units', 'adjudicationIndicator', 'adjudicationText', 'rationale'] as const;
const LOCALITY_FIELDS = [
  'id',
  'mac',
  'state',
  'localityNumber',
  'name',
  'workGpci',
  'workGpciFloored',
  'peGpci',
  'mpGpci',
  'notes',
] as const;
const CATEGORIES: CodeCategory[] = ['cpt1', 'cpt2', 'cpt3', 'pla', 'level2'];

type Row = unknown[];

interface EncodedDataset {
  format: number;
  release: Dataset['release'];
  pfsFields: readonly string[];
  historyFields: readonly string[];
  releaseIds: string[];
  codes: Row[];
  modifiers: Row[];
  localities: Row[];
}

export class DatasetFormatError extends Error {
  constructor(detail: string) {
    super(`The dataset bundle is not usable: ${detail}`);
    this.name = 'DatasetFormatError';
  }
}

export function encodeDataset(ds: Dataset): Uint8Array {
  const releaseIds = [...ds.release.history.map((h) => h.id), ds.release.id];
  const relIndex = new Map(releaseIds.map((id, i) => [id, i]));
  const fieldIndex = new Map<string, number>(HISTORY_FIELDS.map((f, i) => [f, i]));
  const codes = ds.codes.map((c) => [
    c.code,
    c.modifier,
    CATEGORIES.indexOf(c.category),
    c.section,
    c.subsection,
    c.shortDescriptor,
    c.longDescriptor,
    c.pfs ? PFS_VALUE_FIELDS.map((f) => c.pfs![f]) : 0,
    c.level2 ? LEVEL2_FIELDS.map((f) => c.level2![f]) : 0,
    c.mue ? MUE_FIELDS.map((f) => c.mue![f]) : 0,
    c.firstSeen === '' ? -1 : relIndex.get(c.firstSeen)!,
    c.history.flatMap((h) => [relIndex.get(h.release)!, fieldIndex.get(h.field)!, h.value]),
  ]);
  const encoded: EncodedDataset = {
    format: DATASET_FORMAT,
    release: ds.release,
    pfsFields: PFS_VALUE_FIELDS,
    historyFields: HISTORY_FIELDS,
    releaseIds,
    codes,
    modifiers: ds.modifiers.map((m) => [m.modifier, m.longDescription, m.shortDescription]),
    localities: ds.localities.map((l) => LOCALITY_FIELDS.map((f) => l[f])),
  };
  return gzipSync(strToU8(JSON.stringify(encoded)), { level: 9 });
}

function fail(detail: string): never {
  throw new DatasetFormatError(detail);
}

function str(v: unknown, where: string): string {
  return typeof v === 'string' ? v : fail(`${where} should be text`);
}

function zip<T>(fields: readonly string[], row: unknown, where: string): T {
  if (!Array.isArray(row) || row.length !== fields.length) fail(`${where} should have ${fields.length} values`);
  const out: Record<string, unknown> = {};
  fields.forEach((f, i) => (out[f] = row[i]));
  return out as T;
}

/** A record in the bundle's compact form: values in a fixed order. The database stores these, in chunks. */
export type CodeRow = unknown[];

/** A bundle, checked whole, with its code rows left compact (records are made from them when read). */
export interface ParsedBundle {
  format: number;
  release: Dataset['release'];
  /** Release ids the rows' history and first-seen indexes point into. */
  releaseIds: string[];
  rows: CodeRow[];
  modifiers: Level2Modifier[];
  localities: Locality[];
}

/** Unzips and checks every part of a bundle; a fault names the row. Rows are checked, not turned into records. */
export function parseBundle(bytes: Uint8Array): ParsedBundle {
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(gunzipSync(bytes)));
  } catch (e) {
    fail(`it is not gzip'd JSON (${(e as Error).message})`);
  }
  const enc = raw as Partial<EncodedDataset>;
  if (typeof enc !== 'object' || enc === null) fail('it holds no object');
  if (enc.format !== DATASET_FORMAT) fail(`format ${String(enc.format)} where this version reads format ${DATASET_FORMAT}`);
  if (!enc.release || typeof enc.release.id !== 'string' || !/^RVU\d\d[A-D]/.test(enc.release.id)) fail('release id missing');
  if (!Array.isArray(enc.codes) || !Array.isArray(enc.modifiers) || !Array.isArray(enc.localities) || !Array.isArray(enc.releaseIds))
    fail('a table is missing');
  if (
    JSON.stringify(enc.pfsFields) !== JSON.stringify(PFS_VALUE_FIELDS) ||
    JSON.stringify(enc.historyFields) !== JSON.stringify(HISTORY_FIELDS)
  ) {
    fail('its PFS field list differs from this version of CPT Lens');
  }
  const releaseIds = enc.releaseIds;
  enc.codes.forEach((row, i) => checkRow(row, i, releaseIds));
  if (enc.codes.length !== enc.release.recordCount) fail(`it says ${enc.release.recordCount} records but holds ${enc.codes.length}`);
  const modifiers: Level2Modifier[] = enc.modifiers.map((row, i) =>
    zip<Level2Modifier>(['modifier', 'longDescription', 'shortDescription'], row, `modifier row ${i + 1}`),
  );
  const localities: Locality[] = enc.localities.map((row, i) => zip<Locality>(LOCALITY_FIELDS, row, `locality row ${i + 1}`));
  return { format: enc.format, release: enc.release, releaseIds, rows: enc.codes, modifiers, localities };
}

function checkRow(row: unknown, i: number, releaseIds: string[]): void {
  const where = `code row ${i + 1}`;
  if (!Array.isArray(row) || row.length !== 12) fail(`${where} should have 12 values`);
  const [code, modifier, cat, section, subsection, short, long, pfs, level2, mue, first, hist] = row as unknown[];
  str(code, `${where} code`);
  str(modifier, `${where} modifier`);
  str(section, `${where} section`);
  str(subsection, `${where} subsection`);
  str(short, `${where} descriptor`);
  str(long, `${where} descriptor`);
  if (CATEGORIES[cat as number] === undefined) fail(`${where}: unknown category ${String(cat)}`);
  if (pfs !== 0 && (!Array.isArray(pfs) || pfs.length !== PFS_VALUE_FIELDS.length))
    fail(`${where} PFS values should have ${PFS_VALUE_FIELDS.length} values`);
  if (level2 !== 0 && (!Array.isArray(level2) || level2.length !== LEVEL2_FIELDS.length))
    fail(`${where} Level II values should have ${LEVEL2_FIELDS.length} values`);
  if (mue !== 0 && (!Array.isArray(mue) || mue.length !== MUE_FIELDS.length))
    fail(`${where} MUE values should have ${MUE_FIELDS.length} values`);
  if (first !== -1 && releaseIds[first as number] === undefined) fail(`${where}: first release ${String(first)}`);
  if (!Array.isArray(hist) || hist.length % 3 !== 0) fail(`${where}: history should be triples`);
  for (let h = 0; h < hist.length; h += 3) {
    if (releaseIds[hist[h] as number] === undefined) fail(`${where}: history release ${String(hist[h])}`);
    if (HISTORY_FIELDS[hist[h + 1] as number] === undefined) fail(`${where}: history field ${String(hist[h + 1])}`);
  }
}

/** The code a row is for (rows are checked by parseBundle before they are stored). */
export const codeOfRow = (row: CodeRow): string => row[0] as string;

/** A record from a checked row. */
export function recordOfRow(row: CodeRow, releaseIds: string[]): CodeRecord {
  const [code, modifier, cat, section, subsection, short, long, pfs, level2, mue, first, hist] = row as [
    string,
    string,
    number,
    string,
    string,
    string,
    string,
    unknown[] | 0,
    unknown[] | 0,
    unknown[] | 0,
    number,
    unknown[],
  ];
  const history: CodeRecord['history'] = [];
  for (let h = 0; h < hist.length; h += 3) {
    history.push({
      release: releaseIds[hist[h] as number]!,
      field: HISTORY_FIELDS[hist[h + 1] as number]!,
      value: hist[h + 2] as string | number,
    });
  }
  return {
    code,
    modifier,
    category: CATEGORIES[cat]!,
    section,
    subsection,
    shortDescriptor: short,
    longDescriptor: long,
    pfs: pfs === 0 ? null : zip<PfsValues>(PFS_VALUE_FIELDS, pfs, 'PFS values'),
    level2: level2 === 0 ? null : zip<NonNullable<CodeRecord['level2']>>(LEVEL2_FIELDS, level2, 'Level II values'),
    mue: mue === 0 ? null : zip<NonNullable<CodeRecord['mue']>>(MUE_FIELDS, mue, 'MUE values'),
    firstSeen: first === -1 ? '' : releaseIds[first]!,
    history,
  };
}

export function decodeDataset(bytes: Uint8Array): Dataset {
  const b = parseBundle(bytes);
  const codes = b.rows.map((row) => recordOfRow(row, b.releaseIds));
  return { format: b.format, release: b.release, codes, modifiers: b.modifiers, localities: b.localities };
}
