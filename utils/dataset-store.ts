import type { CodeRecord, Dataset } from '../data/dataset';
import { decodeDataset } from '../data/encoding';
import type { InstalledRelease, LensDb, PinSnapshot } from './db';

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

/**
 * Replaces the dataset tables in one transaction: either the whole new release is
 * in, or (on any failure) the previous one is still there. User tables are untouched.
 */
export async function installDataset(db: LensDb, ds: Dataset, sha256: string): Promise<InstalledRelease> {
  const release: InstalledRelease = { ...ds.release, sha256, installedAt: Date.now() };
  await db.transaction('rw', [db.codes, db.modifiers, db.localities, db.meta], async () => {
    await db.codes.clear();
    await db.modifiers.clear();
    await db.localities.clear();
    await db.codes.bulkAdd(ds.codes);
    await db.modifiers.bulkAdd(ds.modifiers);
    await db.localities.bulkAdd(ds.localities);
    await db.meta.put({ key: 'release', value: release });
  });
  return release;
}

/**
 * Makes sure the database holds the source's release: verifies the bytes against
 * the manifest's sha256 and size, decodes and checks them, then installs. Does
 * nothing when that exact bundle is already installed.
 */
export async function ensureDataset(db: LensDb, source: DatasetSource): Promise<InstalledRelease> {
  const manifest = await source.manifest();
  const current = await installedRelease(db);
  if (current && current.sha256 === manifest.sha256) return current;
  const started = performance.now();
  const bytes = await source.bytes(manifest);
  if (bytes.length !== manifest.bytes) throw new DatasetIntegrityError(`${bytes.length} bytes where the manifest says ${manifest.bytes}`);
  const digest = await sha256Hex(bytes);
  if (digest !== manifest.sha256) throw new DatasetIntegrityError(`sha256 ${digest} where the manifest says ${manifest.sha256}`);
  const ds = decodeDataset(bytes);
  if (ds.release.id !== manifest.release)
    throw new DatasetIntegrityError(`the bundle holds ${ds.release.id} where the manifest says ${manifest.release}`);
  const installed = await installDataset(db, ds, digest);
  await reresolvePins(db, installed.id);
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

export async function pinRecord(db: LensDb, code: string, modifier: string): Promise<CodeRecord | undefined> {
  return (await db.codes.get([code, modifier])) ?? (await db.codes.get([code, '']));
}

/** After a new release: each pin is looked up again and marked where its figures changed. Pins are never dropped. */
export async function reresolvePins(db: LensDb, release: string): Promise<void> {
  await db.transaction('rw', db.pins, db.codes, async () => {
    for (const pin of await db.pins.toArray()) {
      const now = snapshotOf(await pinRecord(db, pin.code, pin.modifier), release);
      const was = pin.snapshot;
      const changed: string[] = [];
      if (!now) changed.push(`${release}: ${pin.code} is no longer in the release`);
      else if (was && was.release !== release) {
        const fields: [keyof PinSnapshot, string][] = [
          ['status', 'status'],
          ['workRvu', 'work RVU'],
          ['nonFacilityTotal', 'total RVU non-facility'],
          ['facilityTotal', 'total RVU facility'],
          ['descriptor', 'descriptor'],
        ];
        for (const [f, label] of fields) if (was[f] !== now[f]) changed.push(`${release}: ${label} ${String(was[f])} → ${String(now[f])}`);
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

/** Which of codes the dataset holds: keys only, no records read or sent. */
export async function knownCodes(db: LensDb, codes: string[]): Promise<string[]> {
  const keys = await db.codes.where('code').anyOf([...new Set(codes)]).primaryKeys();
  return [...new Set(keys.map((k) => k[0]))];
}

export async function lookupCodes(db: LensDb, codes: string[]): Promise<Record<string, CodeEntry | null>> {
  const unique = [...new Set(codes)];
  const rows = await db.codes.where('code').anyOf(unique).toArray();
  const out: Record<string, CodeEntry | null> = {};
  for (const c of unique) out[c] = null;
  const grouped = new Map<string, CodeRecord[]>();
  for (const r of rows) grouped.set(r.code, [...(grouped.get(r.code) ?? []), r]);
  for (const [code, group] of grouped) {
    // A code present only as component rows (no blank-modifier row) uses its first row as the base.
    const base = group.find((r) => r.modifier === '') ?? group[0]!;
    out[code] = { base, components: group.filter((r) => r !== base) };
  }
  return out;
}
