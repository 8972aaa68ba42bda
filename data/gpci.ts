import { parseCsv } from './csv';
import { DataFileError } from './errors';
import { normalizeSpace } from './text';

export interface Locality {
  /** Stable key: MAC + locality number (one locality number repeats across MACs). */
  id: string;
  mac: string;
  state: string;
  localityNumber: string;
  name: string;
  /** Work GPCI without the 1.0 floor (the floor lapsed after 2026-01-31, per the file's note). */
  workGpci: number;
  /** Work GPCI with the 1.0 floor, as the file also gives it. */
  workGpciFloored: number;
  peGpci: number;
  mpGpci: number;
  /** Footnotes marked on the row with * or ** (Alaska work floor, frontier PE floor). */
  notes: string[];
}

export interface GpciFile {
  title: string;
  localities: Locality[];
  footnotes: string[];
}

function findColumn(names: string[], test: (n: string) => boolean, what: string, file: string, line: number): number {
  const i = names.findIndex(test);
  if (i < 0) throw new DataFileError(file, line, `missing column "${what}" in the GPCI header`);
  return i;
}

export function parseGpciCsv(text: string, file: string): GpciFile {
  const rows = parseCsv(text, file);
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => /locality number/i.test(c)));
  if (headerIndex < 0) throw new DataFileError(file, null, 'no header with a "Locality Number" column; this is not a GPCI file');
  const header = rows[headerIndex]!;
  const names = header.cells.map((c) => normalizeSpace(c).toLowerCase());
  const at = (test: (n: string) => boolean, what: string) => findColumn(names, test, what, file, header.line);
  const mac = at((n) => n.includes('contractor') || n === 'mac' || n.includes('carrier'), 'Medicare Administrative Contractor');
  const state = at((n) => n === 'state', 'State');
  const num = at((n) => n.includes('locality number'), 'Locality Number');
  const name = at((n) => n.includes('locality name'), 'Locality Name');
  const pwNoFloor = names.findIndex((n) => n.includes('pw gpci') && n.includes('without'));
  const pwFloor = names.findIndex((n) => n.includes('pw gpci') && !n.includes('without'));
  if (pwFloor < 0 && pwNoFloor < 0) throw new DataFileError(file, header.line, 'missing column "PW GPCI" in the GPCI header');
  const pe = at((n) => n.includes('pe gpci'), 'PE GPCI');
  const mp = at((n) => n.includes('mp gpci'), 'MP GPCI');

  const localities: Locality[] = [];
  const footnotes: string[] = [];
  let inData = true;
  for (const row of rows.slice(headerIndex + 1)) {
    const first = row.cells[mac]?.trim() ?? '';
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (inData && /^\d{5}$/.test(first)) {
      const number = (col: number, what: string): number => {
        const raw = row.cells[col]?.trim() ?? '';
        if (!/^\d+(\.\d+)?$/.test(raw)) throw new DataFileError(file, row.line, `column "${what}" should be a number but is "${raw}"`);
        return Number(raw);
      };
      if (row.cells.length < names.length)
        throw new DataFileError(
          file,
          row.line,
          `the row has ${row.cells.length} fields where the header has ${names.length}; the file may be truncated`,
        );
      const rawName = normalizeSpace(row.cells[name]!);
      const stars = /(\*+)$/.exec(rawName)?.[1] ?? '';
      const workNoFloor = number(pwNoFloor >= 0 ? pwNoFloor : pwFloor, 'PW GPCI');
      localities.push({
        id: `${first}-${row.cells[num]!.trim()}`,
        mac: first,
        state: row.cells[state]!.trim(),
        localityNumber: row.cells[num]!.trim(),
        name: rawName.replace(/\*+$/, '').trim(),
        workGpci: workNoFloor,
        workGpciFloored: pwFloor >= 0 ? number(pwFloor, 'PW GPCI (with 1.0 Floor)') : workNoFloor,
        peGpci: number(pe, 'PE GPCI'),
        mpGpci: number(mp, 'MP GPCI'),
        notes: stars ? [stars] : [],
      });
    } else {
      inData = false;
      const note = normalizeSpace(row.cells.join(' '));
      if (note) footnotes.push(note);
    }
  }
  if (localities.length === 0) throw new DataFileError(file, header.line, 'no locality rows after the header; the file is truncated');
  // Resolve the star markers to the footnote text they point at.
  for (const loc of localities) {
    loc.notes = loc.notes.map(
      (stars) =>
        footnotes
          .find((f) => f.startsWith(stars) && !f.startsWith(`${stars}*`))
          ?.slice(stars.length)
          .trim() ?? stars,
    );
  }
  return { title: normalizeSpace(rows[0]?.cells.join(' ') ?? ''), localities, footnotes };
}
