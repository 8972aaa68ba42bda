/** An input file that cannot be used: says which file, which line, and what is wrong. */
export class DataFileError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly detail: string;

  constructor(file: string, line: number | null, detail: string) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${detail}`);
    this.name = 'DataFileError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}
