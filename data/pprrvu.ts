import { parseCsv, type CsvRow } from './csv';
import { DataFileError } from './errors';
import { normalizeSpace } from './text';

/** One PPRRVU record: one code + modifier (blank, 26, TC or 53), every field CMS defines. */
export interface PfsRecord {
  hcpcs: string;
  modifier: string;
  description: string;
  status: string;
  /** "+" where the RVUs are not used for Medicare payment. */
  notUsedForMedicare: string;
  workRvu: number;
  nonFacilityPeRvu: number;
  nonFacilityNa: string;
  facilityPeRvu: number;
  facilityNa: string;
  mpRvu: number;
  nonFacilityTotal: number;
  facilityTotal: number;
  pcTc: string;
  globalDays: string;
  preOp: number;
  intraOp: number;
  postOp: number;
  multipleProcedure: string;
  bilateralSurgery: string;
  assistantSurgery: string;
  coSurgeons: string;
  teamSurgery: string;
  /** Pricing indicator (2026 on; blank in earlier layouts). */
  pricingIndicator: string;
  endoscopicBase: string;
  conversionFactor: number;
  physicianSupervision: string;
  calculationFlag: string;
  imagingFamily: string;
  oppsNonFacilityPe: number;
  oppsFacilityPe: number;
  oppsMp: number;
}

export type PfsField = keyof PfsRecord;

export const PFS_NUMERIC_FIELDS = [
  'workRvu',
  'nonFacilityPeRvu',
  'facilityPeRvu',
  'mpRvu',
  'nonFacilityTotal',
  'facilityTotal',
  'preOp',
  'intraOp',
  'postOp',
  'conversionFactor',
  'oppsNonFacilityPe',
  'oppsFacilityPe',
  'oppsMp',
] as const satisfies readonly PfsField[];

export const PFS_FIELDS: readonly PfsField[] = [
  'hcpcs',
  'modifier',
  'description',
  'status',
  'notUsedForMedicare',
  'workRvu',
  'nonFacilityPeRvu',
  'nonFacilityNa',
  'facilityPeRvu',
  'facilityNa',
  'mpRvu',
  'nonFacilityTotal',
  'facilityTotal',
  'pcTc',
  'globalDays',
  'preOp',
  'intraOp',
  'postOp',
  'multipleProcedure',
  'bilateralSurgery',
  'assistantSurgery',
  'coSurgeons',
  'teamSurgery',
  'pricingIndicator',
  'endoscopicBase',
  'conversionFactor',
  'physicianSupervision',
  'calculationFlag',
  'imagingFamily',
  'oppsNonFacilityPe',
  'oppsFacilityPe',
  'oppsMp',
];

const NUMERIC = new Set<PfsField>(PFS_NUMERIC_FIELDS);

export interface PfsFile {
  /** The title line that names the year and release month (CSV only). */
  title: string;
  /** The AMA copyright statement as the file states it. */
  amaNotice: string;
  /** ISO date from "RELEASED mm/dd/yyyy" (CSV only), else "". */
  releasedDate: string;
  records: PfsRecord[];
}

/**
 * CSV columns by their joined header name (the header spans several lines).
 * Optional columns are absent in some years' layouts.
 */
export const CSV_COLUMNS: { field: PfsField; header: string; optional?: boolean }[] = [
  { field: 'hcpcs', header: 'HCPCS' },
  { field: 'modifier', header: 'MOD' },
  { field: 'description', header: 'DESCRIPTION' },
  { field: 'status', header: 'STATUS CODE' },
  { field: 'notUsedForMedicare', header: 'NOT USED FOR MEDICARE PAYMENT' },
  { field: 'workRvu', header: 'WORK RVU' },
  { field: 'nonFacilityPeRvu', header: 'NON-FAC PE RVU' },
  { field: 'nonFacilityNa', header: 'NON-FAC NA INDICATOR' },
  { field: 'facilityPeRvu', header: 'FACILITY PE RVU' },
  { field: 'facilityNa', header: 'FACILITY NA INDICATOR' },
  { field: 'mpRvu', header: 'MP RVU' },
  { field: 'nonFacilityTotal', header: 'NON-FACILITY TOTAL' },
  { field: 'facilityTotal', header: 'FACILITY TOTAL' },
  { field: 'pcTc', header: 'PCTC IND' },
  { field: 'globalDays', header: 'GLOB DAYS' },
  { field: 'preOp', header: 'PRE OP' },
  { field: 'intraOp', header: 'INTRA OP' },
  { field: 'postOp', header: 'POST OP' },
  { field: 'multipleProcedure', header: 'MULT PROC' },
  { field: 'bilateralSurgery', header: 'BILAT SURG' },
  { field: 'assistantSurgery', header: 'ASST SURG' },
  { field: 'coSurgeons', header: 'CO- SURG' },
  { field: 'teamSurgery', header: 'TEAM SURG' },
  { field: 'pricingIndicator', header: 'PRIC IND', optional: true },
  { field: 'endoscopicBase', header: 'ENDO BASE' },
  { field: 'conversionFactor', header: 'CONV FACTOR' },
  { field: 'physicianSupervision', header: 'PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES' },
  { field: 'calculationFlag', header: 'CALCULATION FLAG' },
  { field: 'imagingFamily', header: 'DIAGNOSTIC IMAGING FAMILY INDICATOR' },
  { field: 'oppsNonFacilityPe', header: 'NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT' },
  { field: 'oppsFacilityPe', header: 'FACILITY PE USED FOR OPPS PAYMENT AMOUNT' },
  { field: 'oppsMp', header: 'MP USED FOR OPPS PAYMENT AMOUNT' },
];

const CODE_RE = /^[A-Z0-9]{5}$/;
const MODIFIER_RE = /^(|26|TC|53)$/;
const NUMBER_RE = /^-?(\d+\.?\d*|\.\d+)$/;

function parseNumber(raw: string, file: string, line: number, column: string): number {
  const s = raw.trim();
  if (!NUMBER_RE.test(s)) throw new DataFileError(file, line, `column "${column}" should be a number but is "${raw}"`);
  return Number(s);
}

// CMS files are Windows-1252; a stray no-break space (0xA0) stands for a plain space.
function cleanText(raw: string): string {
  return raw.replace(/\u00a0/g, ' ').trim();
}

function checkKey(rec: Pick<PfsRecord, 'hcpcs' | 'modifier'>, file: string, line: number): void {
  if (!CODE_RE.test(rec.hcpcs)) throw new DataFileError(file, line, `"${rec.hcpcs}" is not a HCPCS code`);
  if (!MODIFIER_RE.test(rec.modifier))
    throw new DataFileError(file, line, `"${rec.modifier}" is not a PPRRVU modifier (blank, 26, TC or 53)`);
}

/** Joined header names, one per column, from the header lines above the HCPCS,MOD,DESCRIPTION line. */
function headerNames(rows: CsvRow[], headerIndex: number): string[] {
  const width = rows[headerIndex]!.cells.length;
  const parts: string[][] = Array.from({ length: width }, () => []);
  let top = headerIndex;
  // Header lines above the last one carry text in the data columns; the title and
  // notice lines above them carry text in the description column only.
  while (top > 0) {
    const above = rows[top - 1]!.cells;
    if (!above.some((c, i) => i >= 3 && c.trim() !== '')) break;
    top--;
  }
  for (let r = top; r <= headerIndex; r++) {
    rows[r]!.cells.forEach((c, i) => {
      if (i < width && c.trim() !== '') parts[i]!.push(c.trim());
    });
  }
  return parts.map((p) => normalizeSpace(p.join(' ')).toUpperCase());
}

export function parsePprrvuCsv(text: string, file: string): PfsFile {
  const rows = parseCsv(text, file);
  const headerIndex = rows.findIndex(
    (r, i) => i < 40 && r.cells[0]?.trim() === 'HCPCS' && r.cells[1]?.trim() === 'MOD' && r.cells[2]?.trim() === 'DESCRIPTION',
  );
  if (headerIndex < 0)
    throw new DataFileError(
      file,
      null,
      'no PPRRVU header line starting "HCPCS,MOD,DESCRIPTION" in the first 40 lines; this is not a PPRRVU CSV file',
    );
  const headerLine = rows[headerIndex]!.line;
  const names = headerNames(rows, headerIndex);
  const columnOf = new Map<PfsField, number>();
  for (const col of CSV_COLUMNS) {
    const matches = names.flatMap((n, i) => (n === col.header ? [i] : []));
    if (matches.length === 0) {
      if (col.optional) continue;
      throw new DataFileError(file, headerLine, `missing column "${col.header}" in the PPRRVU header`);
    }
    if (matches.length > 1) throw new DataFileError(file, headerLine, `column "${col.header}" appears ${matches.length} times`);
    columnOf.set(col.field, matches[0]!);
  }

  const preamble = rows.slice(0, headerIndex).map((r) => normalizeSpace(r.cells.join(' ')));
  const title = preamble.find((l) => /Relative Value File/i.test(l)) ?? '';
  const amaNotice = preamble.find((l) => /American Medical Association/i.test(l)) ?? '';
  const released = preamble.map((l) => /RELEASED\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/i.exec(l)).find(Boolean);
  const releasedDate = released ? `${released[3]}-${released[1]!.padStart(2, '0')}-${released[2]!.padStart(2, '0')}` : '';

  const width = names.length;
  const records: PfsRecord[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length < width) {
      throw new DataFileError(
        file,
        row.line,
        `the row has ${row.cells.length} fields where the header has ${width}; the file may be truncated`,
      );
    }
    const rec = {} as Record<PfsField, string | number>;
    for (const col of CSV_COLUMNS) {
      const idx = columnOf.get(col.field);
      const raw = idx === undefined ? '' : row.cells[idx]!;
      rec[col.field] = NUMERIC.has(col.field) ? parseNumber(raw, file, row.line, col.header) : cleanText(raw);
    }
    const record = rec as unknown as PfsRecord;
    checkKey(record, file, row.line);
    records.push(record);
  }
  if (records.length === 0) throw new DataFileError(file, headerLine, 'the header is followed by no records; the file is truncated');
  return { title, amaNotice, releasedDate, records };
}

/** Fixed-width TXT layout (1-based inclusive positions), from the RVU PDF's record layout. */
const TXT_LAYOUT: { field: PfsField; from: number; to: number }[] = [
  { field: 'hcpcs', from: 1, to: 5 },
  { field: 'modifier', from: 6, to: 7 },
  { field: 'description', from: 8, to: 57 },
  { field: 'status', from: 58, to: 58 },
  { field: 'notUsedForMedicare', from: 59, to: 59 },
  { field: 'workRvu', from: 60, to: 65 },
  { field: 'nonFacilityPeRvu', from: 67, to: 72 },
  { field: 'nonFacilityNa', from: 73, to: 74 },
  { field: 'facilityPeRvu', from: 76, to: 81 },
  { field: 'facilityNa', from: 82, to: 83 },
  { field: 'mpRvu', from: 85, to: 89 },
  { field: 'nonFacilityTotal', from: 91, to: 96 },
  { field: 'facilityTotal', from: 97, to: 102 },
  { field: 'pcTc', from: 103, to: 103 },
  { field: 'globalDays', from: 104, to: 106 },
  { field: 'preOp', from: 107, to: 109 },
  { field: 'intraOp', from: 110, to: 112 },
  { field: 'postOp', from: 113, to: 115 },
  { field: 'multipleProcedure', from: 116, to: 116 },
  { field: 'bilateralSurgery', from: 117, to: 117 },
  { field: 'assistantSurgery', from: 118, to: 118 },
  { field: 'coSurgeons', from: 119, to: 119 },
  { field: 'teamSurgery', from: 120, to: 120 },
  { field: 'pricingIndicator', from: 121, to: 121 },
  { field: 'endoscopicBase', from: 128, to: 132 },
  { field: 'conversionFactor', from: 133, to: 140 },
  { field: 'physicianSupervision', from: 142, to: 143 },
  { field: 'calculationFlag', from: 144, to: 144 },
  { field: 'imagingFamily', from: 146, to: 147 },
  { field: 'oppsNonFacilityPe', from: 152, to: 157 },
  { field: 'oppsFacilityPe', from: 159, to: 164 },
  { field: 'oppsMp', from: 166, to: 171 },
];
const TXT_RECORD_LENGTH = 171;

export function parsePprrvuTxt(text: string, file: string): PfsFile {
  const lines = text.split(/\r?\n/);
  const notice: string[] = [];
  const records: PfsRecord[] = [];
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('HDR')) {
      notice.push(raw.slice(4).trim());
      return;
    }
    if (raw.length !== TXT_RECORD_LENGTH) {
      // Only the last line of a file can be cut short by truncation; elsewhere a wrong length means a wrong file.
      const truncated = raw.length < TXT_RECORD_LENGTH && lines.slice(i + 1).every((l) => l.trim() === '') && records.length > 0;
      throw new DataFileError(
        file,
        lineNo,
        `a PPRRVU record is ${TXT_RECORD_LENGTH} characters but this line has ${raw.length}; ${truncated ? 'the file may be truncated' : 'this is not a PPRRVU TXT file'}`,
      );
    }
    const rec = {} as Record<PfsField, string | number>;
    for (const col of TXT_LAYOUT) {
      const cell = raw.slice(col.from - 1, col.to);
      rec[col.field] = NUMERIC.has(col.field)
        ? parseNumber(cell, file, lineNo, `${col.field} (positions ${col.from}-${col.to})`)
        : cleanText(cell);
    }
    const record = rec as unknown as PfsRecord;
    checkKey(record, file, lineNo);
    records.push(record);
  });
  if (records.length === 0) throw new DataFileError(file, null, 'no PPRRVU records found; this is not a PPRRVU TXT file');
  const joined = normalizeSpace(notice.join(' '));
  // The AMA statement: the sentences up to the dental (ADA) statement that follows it in the HDR lines.
  const sentences = joined.split(/(?<=\.)\s+/);
  const dental = sentences.findIndex((x) => /dental/i.test(x));
  const amaNotice = dental > 0 ? sentences.slice(0, dental).join(' ') : joined;
  return { title: '', amaNotice, releasedDate: '', records };
}
