import Papa from 'papaparse';
import { DataFileError } from './errors';

export interface CsvRow {
  /** 1-based line on which the row starts. */
  line: number;
  cells: string[];
}

/** Parses CSV text into rows that remember their starting line, for error messages. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let consumed = 0;
  let failure: DataFileError | null = null;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    step(result, parser) {
      const err = result.errors[0];
      if (err && err.type === 'Quotes') {
        failure = new DataFileError(file, line, `broken CSV quoting (${err.message}); the file may be truncated`);
        parser.abort();
        return;
      }
      rows.push({ line, cells: result.data });
      const cursor = result.meta.cursor;
      for (let i = consumed; i < cursor; i++) if (text.charCodeAt(i) === 10) line++;
      consumed = cursor;
    },
  });
  if (failure) throw failure;
  // Papa reports a trailing newline as one empty row; drop blank rows at the end.
  while (rows.length > 0 && rows[rows.length - 1]!.cells.every((c) => c.trim() === '')) rows.pop();
  return rows;
}
