// Builds the bundled dataset from the official CMS files into public/data/ (git-ignored).
// Writes to temporary files and renames them into place only when everything parsed,
// so a failed build leaves the previous bundle untouched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDatasetFromSources, checkSources } from '../data/build';
import { encodeDataset } from '../data/encoding';
import type { BundleManifest } from '../utils/dataset-store';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = resolve(root, process.env.CPT_LENS_CMS_DIR ?? '../shared/data/cms');
const outDir = resolve(root, process.env.CPT_LENS_DATA_OUT ?? 'public/data');

function main(): void {
  const started = Date.now();
  checkSources((p) => existsSync(join(cmsDir, p)), cmsDir);
  const dataset = buildDatasetFromSources((p) => {
    const full = join(cmsDir, p);
    return existsSync(full) ? new Uint8Array(readFileSync(full)) : null;
  });
  const bytes = encodeDataset(dataset);
  const manifest: BundleManifest = {
    release: dataset.release.id,
    releasedDate: dataset.release.releasedDate,
    recordCount: dataset.codes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    file: 'dataset.bin',
  };
  mkdirSync(outDir, { recursive: true });
  const tmpBin = join(outDir, '.dataset.bin.tmp');
  const tmpManifest = join(outDir, '.manifest.json.tmp');
  writeFileSync(tmpBin, bytes);
  writeFileSync(tmpManifest, JSON.stringify(manifest));
  renameSync(tmpBin, join(outDir, 'dataset.bin'));
  renameSync(tmpManifest, join(outDir, 'manifest.json'));
  for (const w of dataset.release.warnings) console.warn(`warning: ${w}`);
  console.log(
    `CPT Lens dataset ${manifest.release}: ${manifest.recordCount} records, ${dataset.localities.length} localities, ` +
      `${dataset.modifiers.length} modifiers, ${(manifest.bytes / 1024).toFixed(0)} KiB, in ${Date.now() - started} ms -> ${outDir}`,
  );
}

try {
  main();
} catch (e) {
  for (const f of ['.dataset.bin.tmp', '.manifest.json.tmp']) rmSync(join(outDir, f), { force: true });
  console.error(`\nCPT Lens could not build its dataset.\n${(e as Error).message}\n`);
  process.exit(1);
}
