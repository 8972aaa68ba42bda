import { ensureDataset, lookupCodes, type DatasetSource } from './dataset-store';
import type { InstalledRelease, LensDb, Pin } from './db';
import { searchCodes } from './code-search';
import type { DatasetStatus, LookupResponse, ReleaseBrief, SearchHit } from './messaging';

function brief(r: InstalledRelease): ReleaseBrief {
  return {
    id: r.id,
    releasedDate: r.releasedDate,
    conversionFactor: r.conversionFactor,
    amaNotice: r.amaNotice,
    recordCount: r.recordCount,
    historyIds: r.history.map((h) => h.id),
  };
}

/**
 * What the worker does for its callers. Every operation first awaits the dataset's
 * readiness; nothing relies on state surviving the worker's death (it is re-derived
 * from IndexedDB on the next call).
 */
export function createLensService(db: LensDb, source: DatasetSource) {
  let ready: Promise<InstalledRelease> | null = null;
  const whenReady = (): Promise<InstalledRelease> => {
    ready ??= ensureDataset(db, source).catch((e: unknown) => {
      ready = null; // let the next call retry rather than caching the failure
      throw e;
    });
    return ready;
  };

  return {
    whenReady,
    async lookup(codes: string[]): Promise<LookupResponse> {
      const release = await whenReady();
      return { release: brief(release), entries: await lookupCodes(db, codes) };
    },
    async search(query: string, limit: number): Promise<SearchHit[]> {
      await whenReady();
      return searchCodes(db, query, limit);
    },
    async status(): Promise<DatasetStatus> {
      const release = await whenReady();
      return { release: { ...brief(release), installedAt: release.installedAt, sha256: release.sha256 } };
    },
    async pinsList(): Promise<Pin[]> {
      await whenReady();
      return db.pins.orderBy('order').toArray();
    },
    async pinAdd(p: { code: string; modifier: string; units: number; note: string }): Promise<Pin> {
      await whenReady();
      return db.transaction('rw', db.pins, async () => {
        const last = await db.pins.orderBy('order').last();
        const pin: Pin = { ...p, order: (last?.order ?? 0) + 1, addedAt: Date.now() };
        pin.id = await db.pins.add(pin);
        return pin;
      });
    },
    async locality(id: string) {
      await whenReady();
      return (await db.localities.get(id)) ?? null;
    },
    async localities() {
      await whenReady();
      return db.localities.orderBy('state').toArray();
    },
    async pinRemove(id: number): Promise<boolean> {
      await whenReady();
      const had = (await db.pins.get(id)) !== undefined;
      await db.pins.delete(id);
      return had;
    },
  };
}

export type LensService = ReturnType<typeof createLensService>;
