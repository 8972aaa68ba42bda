import { unzipSync } from 'fflate';
import { buildDataset, type Dataset } from './dataset';
import { DataFileError } from './errors';
import { parseGpciCsv } from './gpci';
import { parseHcpcsLevel2 } from './hcpcs';
import { parseMueCsv } from './mue';
import { parsePprrvuCsv, parsePprrvuTxt, type PfsFile } from './pprrvu';
import { releaseIdFromTitle } from './release';
import { CURRENT_RELEASE, GPCI_SOURCE, HCPCS_SOURCE, HISTORY_RELEASES, MUE_SOURCE, type SourceFile } from './sources';
import { decodeText } from './text';

/** Reads a file's bytes by its path relative to the CMS folder; null when it is absent. */
export type ReadSource = (path: string) => Uint8Array | null;

export class MissingSourcesError extends Error {
  readonly missing: SourceFile[];
  constructor(folder: string, missing: SourceFile[]) {
    super(
      [
        `CPT Lens builds its dataset from official CMS files, and ${missing.length} of them are missing from ${folder}:`,
        ...missing.map((m) => `  - ${m.path}  (${m.what})`),
        'CMS publishes them on its "PFS Relative Value Files" page (PPRRVU and GPCI files), its "Quarterly HCPCS update"',
        'page (HCPCS Level II file) and its NCCI "Medically Unlikely Edits" page (practitioner MUE table).',
        'Put them there under these names, or point CPT_LENS_CMS_DIR at a folder that holds them.',
      ].join('\n'),
    );
    this.name = 'MissingSourcesError';
    this.missing = missing;
  }
}

function bytesOf(read: ReadSource, src: SourceFile): Uint8Array {
  const bytes = read(src.path);
  if (!bytes) throw new DataFileError(src.path, null, 'the file is missing');
  if (!src.member) return bytes;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, { filter: (f) => f.name === src.member });
  } catch (e) {
    throw new DataFileError(src.path, null, `not a readable zip (${(e as Error).message})`);
  }
  const member = members[src.member];
  if (!member) throw new DataFileError(src.path, null, `the zip holds no ${src.member}`);
  return member;
}

function readPfs(read: ReadSource, src: SourceFile, expectedId: string): PfsFile {
  const name = src.member ? `${src.path}:${src.member}` : src.path;
  const text = decodeText(bytesOf(read, src), name, 'windows-1252');
  const file = /\.txt$/i.test(src.member ?? src.path) ? parsePprrvuTxt(text, name) : parsePprrvuCsv(text, name);
  if (file.title) {
    const id = releaseIdFromTitle(file.title);
    if (id && id !== expectedId)
      throw new DataFileError(name, 1, `this is the ${id} file ("${file.title}") where ${expectedId} was expected`);
  }
  return file;
}

export function checkSources(read: (path: string) => boolean, folder: string): void {
  const all = [CURRENT_RELEASE.pfs, ...HISTORY_RELEASES.map((h) => h.pfs), GPCI_SOURCE, HCPCS_SOURCE, MUE_SOURCE];
  const missing = all.filter((s) => !read(s.path));
  if (missing.length > 0) throw new MissingSourcesError(folder, missing);
}

/** Parses every source and builds the dataset. Throws DataFileError naming the file and line on bad input. */
export function buildDatasetFromSources(read: ReadSource): Dataset {
  const text = (src: SourceFile) => decodeText(bytesOf(read, src), src.path, 'windows-1252');
  return buildDataset({
    current: { id: CURRENT_RELEASE.id, file: readPfs(read, CURRENT_RELEASE.pfs, CURRENT_RELEASE.id), source: CURRENT_RELEASE.pfs.path },
    history: HISTORY_RELEASES.map((h) => ({ id: h.id, file: readPfs(read, h.pfs, h.id) })),
    hcpcs: { file: parseHcpcsLevel2(text(HCPCS_SOURCE), HCPCS_SOURCE.path), source: HCPCS_SOURCE.path },
    gpci: { file: parseGpciCsv(text(GPCI_SOURCE), GPCI_SOURCE.path), source: GPCI_SOURCE.path },
    mue: { file: parseMueCsv(text(MUE_SOURCE), MUE_SOURCE.path), source: MUE_SOURCE.path },
  });
}
