import type { CodeRecord } from '../data/dataset';
import type { Text } from '../data/meanings';
import { codeOfRow, parseBundle, recordOfRow, type CodeRow, type ParsedBundle } from '../data/encoding';
import type { CodeChunk, InstalledRelease, LensDb, PinSnapshot } from './db';

export interface BundleManifest {
  release: string;
  releasedDate: string;
  recordCount: number;
  sha256: string;
  bytes: number;
  file: string;
}

/** Where a dataset comes from: the bundle inside the extension, or (later) a release server. */
export interface DatasetSource {
  manifest(): Promise<BundleManifest>;
  bytes(manifest: BundleManifest): Promise<Uint8Array>;
}

export class DatasetIntegrityError extends Error {
  constructor(detail: string) {
    super(`The dataset failed verification: ${detail}`);
    this.name = 'DatasetIntegrityError';
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function installedRelease(db: LensDb): Promise<InstalledRelease | undefined> {
  return (await db.meta.get('release'))?.value;
}

/** The chunk a code's rows are stored in. */
export const chunkOf = (code: string): string => code.slice(0, 3);

/**
 * Replaces the dataset tables in one transaction: either the whole new release is
 * in, or (on any failure) the previous one is still there. User tables are untouched.
 */
export async function installDataset(db: LensDb, bundle: ParsedBundle, sha256: string): Promise<InstalledRelease> {
  const release: InstalledRelease = { ...bundle.release, releaseIds: bundle.releaseIds, sha256, installedAt: Date.now() };
  const chunks = new Map<string, CodeRow[]>();
  for (const row of bundle.rows) {
    const prefix = chunkOf(codeOfRow(row));
    let rows = chunks.get(prefix);
    if (!rows) chunks.set(prefix, (rows = []));
    rows.push(row);
  }
  const codes = [...new Set(bundle.rows.map(codeOfRow))].sort();
  await db.transaction('rw', [db.codeChunks, db.codeList, db.modifiers, db.localities, db.meta], async () => {
    await Promise.all([db.codeChunks.clear(), db.codeList.clear(), db.modifiers.clear(), db.localities.clear()]);
    await db.codeChunks.bulkAdd([...chunks].map(([prefix, rows]): CodeChunk => ({ prefix, rows })));
    await db.codeList.add({ id: 'codes', codes });
    await db.modifiers.bulkAdd(bundle.modifiers);
    await db.localities.bulkAdd(bundle.localities);
    await db.meta.put({ key: 'release', value: release });
  });
  return release;
}

/**
 * Makes sure the database holds the source's release: verifies the bytes against
 * the manifest's sha256 and size, decodes and checks them, then installs. Does
 * nothing when that exact bundle is already installed.
 */
export async function ensureDataset(db: LensDb, source: DatasetSource, text: Text): Promise<InstalledRelease> {
  const manifest = await source.manifest();
  const current = await installedRelease(db);
  if (current && current.sha256 === manifest.sha256) {
    const checkedAt = Date.now();
    await db.meta.update('release', { 'value.checkedAt': checkedAt });
    return { ...current, checkedAt };
  }
  const started = performance.now();
  const bytes = await source.bytes(manifest);
  if (bytes.length !== manifest.bytes) throw new DatasetIntegrityError(`${bytes.length} bytes where the manifest says ${manifest.bytes}`);
  const digest = await sha256Hex(bytes);
  if (digest !== manifest.sha256) throw new DatasetIntegrityError(`sha256 ${digest} where the manifest says ${manifest.sha256}`);
  const ds = parseBundle(bytes);
  if (ds.release.id !== manifest.release)
    throw new DatasetIntegrityError(`the bundle holds ${ds.release.id} where the manifest says ${manifest.release}`);
  const installed = await installDataset(db, ds, digest);
  await reresolvePins(db, installed, text);
  const seedMs = Math.round(performance.now() - started);
  await db.meta.update('release', { 'value.seedMs': seedMs });
  return { ...installed, seedMs };
}

export function snapshotOf(rec: CodeRecord | undefined, release: string): PinSnapshot | undefined {
  if (!rec) return undefined;
  return {
    release,
    status: rec.pfs?.status ?? '',
    workRvu: rec.pfs?.workRvu ?? 0,
    nonFacilityTotal: rec.pfs?.nonFacilityTotal ?? 0,
    facilityTotal: rec.pfs?.facilityTotal ?? 0,
    descriptor: rec.shortDescriptor || rec.longDescriptor,
  };
}

/** Every stored row of the given codes, as records, by code. */
export async function recordsOf(db: LensDb, release: InstalledRelease, codes: string[]): Promise<Map<string, CodeRecord[]>> {
  const wanted = new Set(codes);
  const chunks = await db.codeChunks.bulkGet([...new Set(codes.map(chunkOf))]);
  const out = new Map<string, CodeRecord[]>();
  for (const chunk of chunks)
    for (const row of chunk?.rows ?? []) {
      const code = codeOfRow(row);
      if (!wanted.has(code)) continue;
      let list = out.get(code);
      if (!list) out.set(code, (list = []));
      list.push(recordOfRow(row, release.releaseIds));
    }
  return out;
}

/** Every record of the release (the search index is built from them). */
export async function allRecords(db: LensDb, release: InstalledRelease): Promise<CodeRecord[]> {
  const out: CodeRecord[] = [];
  await db.codeChunks.each((chunk) => {
    for (const row of chunk.rows) out.push(recordOfRow(row, release.releaseIds));
  });
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.modifier < b.modifier ? -1 : a.modifier > b.modifier ? 1 : 0));
}

export async function pinRecord(db: LensDb, release: InstalledRelease, code: string, modifier: string): Promise<CodeRecord | undefined> {
  const rows = (await recordsOf(db, release, [code])).get(code) ?? [];
  return rows.find((r) => r.modifier === modifier) ?? rows.find((r) => r.modifier === '');
}

/**
 * After a new release: each pin is looked up again and marked where its figures changed, in the words of the
 * messages (text). Pins are never dropped.
 */
export async function reresolvePins(db: LensDb, installed: InstalledRelease, text: Text): Promise<void> {
  const release = installed.id;
  await db.transaction('rw', db.pins, db.codeChunks, async () => {
    for (const pin of await db.pins.toArray()) {
      const now = snapshotOf(await pinRecord(db, installed, pin.code, pin.modifier), release);
      const was = pin.snapshot;
      const changed: string[] = [];
      if (!now) changed.push(text('pinGone', release, pin.code));
      else if (was && was.release !== release) {
        const fields: (keyof PinSnapshot)[] = ['status', 'workRvu', 'nonFacilityTotal', 'facilityTotal', 'descriptor'];
        for (const f of fields)
          if (was[f] !== now[f]) changed.push(text('pinChanged', release, text(`pinField_${f}`), String(was[f]), String(now[f])));
      }
      await db.pins.update(pin.id!, { snapshot: now ?? was, ...(changed.length > 0 ? { changed } : {}) });
    }
  });
}

/** A code as the card needs it: the base row and its PFS component rows (26, TC, 53). */
export interface CodeEntry {
  base: CodeRecord;
  components: CodeRecord[];
}

/** The release's codes, as a set (read once per worker life by the service). */
export async function codeSetOf(db: LensDb): Promise<Set<string>> {
  return new Set((await db.codeList.get('codes'))?.codes ?? []);
}

export async function lookupCodes(db: LensDb, release: InstalledRelease, codes: string[]): Promise<Record<string, CodeEntry | null>> {
  const unique = [...new Set(codes)];
  const grouped = await recordsOf(db, release, unique);
  const out: Record<string, CodeEntry | null> = {};
  for (const c of unique) out[c] = null;
  for (const [code, group] of grouped) {
    // A code present only as component rows (no blank-modifier row) uses its first row as the base.
    const base = group.find((r) => r.modifier === '') ?? group[0]!;
    out[code] = { base, components: group.filter((r) => r !== base) };
  }
  return out;
}
