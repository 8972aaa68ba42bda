// Runs the real build script as a user would, against fixture CMS folders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDataset } from '../data/encoding';
import { cmsFolder } from '../tests/fixtures/cms';

function writeFolder(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cms-'));
  for (const [p, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), bytes);
  }
  return dir;
}

function build(cmsDir: string, outDir: string): { code: number; output: string } {
  try {
    const output = execFileSync('npx', ['tsx', 'scripts/build-data.ts'], {
      env: { ...process.env, CPT_LENS_CMS_DIR: cmsDir, CPT_LENS_DATA_OUT: outDir },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: err.stdout + err.stderr };
  }
}

describe('npm run data', () => {
  it('builds a bundle and manifest, and a broken input leaves the previous bundle untouched', () => {
    const out = mkdtempSync(join(tmpdir(), 'bundle-'));
    const good = build(writeFolder(cmsFolder()), out);
    expect(good.code).toBe(0);
    const bundle = readFileSync(join(out, 'dataset.bin'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ release: 'RVU26C', bytes: bundle.length, recordCount: decodeDataset(bundle).codes.length });

    const files = cmsFolder();
    const csv = new TextDecoder().decode(files['RVU26C/PPRRVU2026_Jul_nonQPP.csv']);
    files['RVU26C/PPRRVU2026_Jul_nonQPP.csv'] = new TextEncoder().encode(csv.slice(0, csv.length - 60));
    const bad = build(writeFolder(files), out);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(
      /RVU26C\/PPRRVU2026_Jul_nonQPP\.csv, line 13: the row has \d+ fields where the header has 32; the file may be truncated/,
    );
    expect(readFileSync(join(out, 'dataset.bin')).equals(bundle)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('says which files are missing and where CMS publishes them', () => {
    const files = cmsFolder();
    delete files['MUE_2026Q2/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv'];
    delete files['RVU26B/GPCI2026.csv'];
    const res = build(writeFolder(files), mkdtempSync(join(tmpdir(), 'bundle-')));
    expect(res.code).toBe(1);
    expect(res.output).toContain('2 of them are missing');
    expect(res.output).toContain('MUE_2026Q2/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv');
    expect(res.output).toContain('RVU26B/GPCI2026.csv');
    expect(res.output).toMatch(/PFS Relative Value Files/);
    expect(res.output).toContain('CPT_LENS_CMS_DIR');
  });

  it('refuses a release file that is from another release', () => {
    const files = cmsFolder();
    files['RVU25D/PPRRVU2025_Oct.csv'] = files['history/PPRRVU24_JAN.csv']!;
    const res = build(writeFolder(files), mkdtempSync(join(tmpdir(), 'bundle-')));
    expect(res.code).toBe(1);
    expect(res.output).toContain('RVU25D/PPRRVU2025_Oct.csv, line 1: this is the RVU24A file');
  });
});
