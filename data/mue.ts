import { parseCsv } from './csv';
import { DataFileError } from './errors';
import { normalizeSpace } from './text';

export interface MueRecord {
  code: string;
  units: number;
  /** MUE adjudication indicator: 1 line edit, 2 date of service (policy), 3 date of service (clinical). */
  adjudicationIndicator: number;
  adjudicationText: string;
  rationale: string;
}

export interface MueFile {
  notice: string;
  records: MueRecord[];
}

export function parseMueCsv(text: string, file: string): MueFile {
  const rows = parseCsv(text, file);
  const headerIndex = rows.findIndex((r, i) => i < 20 && /^HCPCS\s*\/\s*CPT\s+Code$/i.test(normalizeSpace(r.cells[0] ?? '')));
  if (headerIndex < 0)
    throw new DataFileError(file, null, 'no header starting "HCPCS/CPT Code" in the first 20 rows; this is not an MUE table');
  const header = rows[headerIndex]!;
  const names = header.cells.map((c) => normalizeSpace(c).toLowerCase());
  const col = (word: string, what: string) => {
    const i = names.findIndex((n) => n.includes(word));
    if (i < 0) throw new DataFileError(file, header.line, `missing column "${what}" in the MUE header`);
    return i;
  };
  const units = col('mue values', 'MUE Values');
  const indicator = col('adjudication indicator', 'MUE Adjudication Indicator');
  const rationale = col('rationale', 'MUE Rationale');
  const records: MueRecord[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length < names.length)
      throw new DataFileError(
        file,
        row.line,
        `the row has ${row.cells.length} fields where the header has ${names.length}; the file may be truncated`,
      );
    const code = row.cells[0]!.trim();
    if (!/^[A-Z0-9]{5}$/.test(code)) throw new DataFileError(file, row.line, `"${code}" is not a HCPCS/CPT code`);
    const u = row.cells[units]!.trim();
    if (!/^\d+$/.test(u)) throw new DataFileError(file, row.line, `MUE units should be a whole number but are "${u}"`);
    const ind = normalizeSpace(row.cells[indicator]!);
    const m = /^([123])\s+(.*)$/.exec(ind);
    if (!m) throw new DataFileError(file, row.line, `MUE adjudication indicator should start with 1, 2 or 3 but is "${ind}"`);
    records.push({
      code,
      units: Number(u),
      adjudicationIndicator: Number(m[1]),
      adjudicationText: m[2]!,
      rationale: normalizeSpace(row.cells[rationale]!),
    });
  }
  if (records.length === 0) throw new DataFileError(file, header.line, 'no MUE rows after the header; the file is truncated');
  const notice = normalizeSpace(
    rows
      .slice(0, headerIndex)
      .map((r) => r.cells.join(' '))
      .join(' '),
  );
  return { notice, records };
}
