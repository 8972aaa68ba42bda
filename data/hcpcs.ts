import { DataFileError } from './errors';

/** A HCPCS Level II procedure code, from the CMS quarterly file. Public domain. */
export interface Level2Record {
  code: string;
  longDescription: string;
  shortDescription: string;
  /** Up to four two-character pricing indicator codes. */
  pricingIndicators: string[];
  multiplePricingIndicator: string;
  coverageCode: string;
  betos: string;
  typeOfService: string;
  /** ISO dates or "". */
  addDate: string;
  actionEffectiveDate: string;
  terminationDate: string;
  actionCode: string;
}

export interface Level2Modifier {
  modifier: string;
  longDescription: string;
  shortDescription: string;
}

export interface HcpcsFile {
  codes: Level2Record[];
  modifiers: Level2Modifier[];
  /** Records passed over, with the reason: the file's own defects, not ours. */
  warnings: string[];
}

const RECORD_LENGTH = 320;
const LONG_FROM = 12;
const LONG_TO = 91;

function field(line: string, from: number, to: number): string {
  return line.slice(from - 1, to).trim();
}

function isoDate(raw: string, file: string, line: number): string {
  if (raw === '') return '';
  if (!/^\d{8}$/.test(raw)) throw new DataFileError(file, line, `a date should be 8 digits (yyyymmdd) but is "${raw}"`);
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

/** Joins the 80-character description slices of continuation records. */
function appendDescription(sofar: string, slice: string): string {
  const part = slice.trim();
  if (sofar === '') return part;
  if (part === '') return sofar;
  return `${sofar} ${part}`;
}

export function parseHcpcsLevel2(text: string, file: string): HcpcsFile {
  const lines = text.split(/\r?\n/);
  const codes: Level2Record[] = [];
  const modifiers: Level2Modifier[] = [];
  const warnings: string[] = [];
  let current: Level2Record | Level2Modifier | null = null;
  let currentKey = '';
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    if (raw.length > RECORD_LENGTH) {
      // CMS ships at least one over-long record; its fields cannot be located, so it is passed over.
      warnings.push(
        `${file}, line ${lineNo}: record for "${raw.slice(0, 5).trim()}" is ${raw.length} characters where the layout has ${RECORD_LENGTH}; passed over`,
      );
      current = null;
      return;
    }
    if (!'3478'.includes(raw[10] ?? 'x')) {
      throw new DataFileError(
        file,
        lineNo,
        `record identification code "${raw[10] ?? ''}" is not 3, 4, 7 or 8; this is not a HCPCS Level II file`,
      );
    }
    if (raw.length < LONG_TO)
      throw new DataFileError(
        file,
        lineNo,
        `a HCPCS record is ${RECORD_LENGTH} characters but this line has ${raw.length}; the file may be truncated`,
      );
    const line = raw.padEnd(RECORD_LENGTH);
    const recordId = line[10];
    const key = line.slice(0, 5);
    const longSlice = line.slice(LONG_FROM - 1, LONG_TO);
    if (recordId === '3') {
      const code = key.trim();
      if (!/^[A-Z]\d{4}$/.test(code)) throw new DataFileError(file, lineNo, `"${code}" is not a HCPCS Level II code`);
      const rec: Level2Record = {
        code,
        longDescription: longSlice.trim(),
        shortDescription: field(line, 92, 119),
        pricingIndicators: [field(line, 120, 121), field(line, 122, 123), field(line, 124, 125), field(line, 126, 127)].filter(Boolean),
        multiplePricingIndicator: field(line, 128, 128),
        coverageCode: field(line, 230, 230),
        betos: field(line, 257, 259),
        typeOfService: field(line, 261, 261),
        addDate: isoDate(field(line, 269, 276), file, lineNo),
        actionEffectiveDate: isoDate(field(line, 277, 284), file, lineNo),
        terminationDate: isoDate(field(line, 285, 292), file, lineNo),
        actionCode: field(line, 293, 293),
      };
      codes.push(rec);
      current = rec;
      currentKey = key;
    } else if (recordId === '7') {
      const rec: Level2Modifier = { modifier: key.trim(), longDescription: longSlice.trim(), shortDescription: field(line, 92, 119) };
      if (!/^[A-Z0-9]{2}$/.test(rec.modifier)) throw new DataFileError(file, lineNo, `"${rec.modifier}" is not a HCPCS modifier`);
      modifiers.push(rec);
      current = rec;
      currentKey = key;
    } else if (recordId === '4' || recordId === '8') {
      if (current === null) {
        warnings.push(`${file}, line ${lineNo}: continuation of "${key.trim()}" follows a record that was passed over; passed over`);
        return;
      }
      if (key !== currentKey)
        throw new DataFileError(file, lineNo, `continuation record for "${key.trim()}" follows the record of "${currentKey.trim()}"`);
      (current as { longDescription: string }).longDescription = appendDescription(current.longDescription, longSlice);
    } else {
      throw new DataFileError(
        file,
        lineNo,
        `record identification code "${recordId ?? ''}" is not 3, 4, 7 or 8; this is not a HCPCS Level II file`,
      );
    }
  });
  if (codes.length === 0) throw new DataFileError(file, null, 'no HCPCS procedure records found; this is not a HCPCS Level II file');
  return { codes, modifiers, warnings };
}
