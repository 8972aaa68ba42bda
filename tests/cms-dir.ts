import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The official CMS files: CPT_LENS_CMS_DIR, else ../shared/data/cms beside the project. */
export const CMS_DIR = resolve(process.env.CPT_LENS_CMS_DIR ?? '../shared/data/cms');

export function readCms(path: string): Uint8Array | null {
  const full = join(CMS_DIR, path);
  return existsSync(full) ? new Uint8Array(readFileSync(full)) : null;
}
