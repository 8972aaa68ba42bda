import { allRecords, codeSetOf, ensureDataset, lookupCodes, pinRecord, recordsOf, snapshotOf, type DatasetSource } from './dataset-store';
import type { InstalledRelease, LensDb, Pin } from './db';
import { searchDocsOf } from './search-docs';
import { SearchIndex } from './search-index';
import type { CodeCategory } from '../data/categories';
import type { Text } from '../data/meanings';
import type { CodeListResponse, DatasetStatus, LookupResponse, ReleaseBrief, SearchHit } from './messaging';
import { packCodes } from './code-set';

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

/** A promise made on first call and kept; a failure is not kept, so the next call tries again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | null = null;
  return () =>
    (made ??= make().catch((e: unknown) => {
      made = null;
      throw e;
    }));
}

/**
 * What the worker does for its callers. Every operation first awaits the dataset's
 * readiness; nothing relies on state surviving the worker's death (it is re-derived
 * from IndexedDB on the next call).
 */
export function createLensService(db: LensDb, source: DatasetSource, text: Text) {
  // The installed release, the search index and the code list are each made once per worker life (a new
  // release can only arrive with a new worker), on first need.
  const whenReady = once(() => ensureDataset(db, source, text));
  const searchIndex = once(async () => new SearchIndex(searchDocsOf(await allRecords(db, await whenReady()))));
  const packedCodes = once(async () => {
    await whenReady();
    return packCodes(await codeSetOf(db));
  });

  return {
    whenReady,
    async lookup(codes: string[]): Promise<LookupResponse> {
      const release = await whenReady();
      return { release: brief(release), entries: await lookupCodes(db, release, codes) };
    },
    async codeList(): Promise<CodeListResponse> {
      const release = await whenReady();
      return { release: brief(release), codes: await packedCodes() };
    },
    async search(query: string, limit: number, category: CodeCategory | null = null): Promise<SearchHit[]> {
      // An empty query only warms the index (the popup sends one as it opens).
      const hits = (await searchIndex()).search(query, { limit, category });
      const records = await recordsOf(
        db,
        await whenReady(),
        hits.map((h) => h.doc.code),
      );
      return hits.flatMap((h) => {
        const record = records.get(h.doc.code)?.find((r) => r.modifier === '');
        return record ? [{ record, match: h.match }] : [];
      });
    },
    async recentList(): Promise<string[]> {
      await whenReady();
      return (await db.recent.orderBy('at').reverse().limit(12).toArray()).map((r) => r.code);
    },
    async recentAdd(code: string): Promise<void> {
      await whenReady();
      await db.recent.put({ code, at: Date.now() });
      const stale = await db.recent.orderBy('at').reverse().offset(50).primaryKeys();
      await db.recent.bulkDelete(stale);
    },
    async status(): Promise<DatasetStatus> {
      const release = await whenReady();
      return {
        release: {
          ...brief(release),
          installedAt: release.installedAt,
          checkedAt: release.checkedAt ?? release.installedAt,
          sha256: release.sha256,
        },
      };
    },
    async pinsList(): Promise<Pin[]> {
      await whenReady();
      return db.pins.orderBy('order').toArray();
    },
    async pinAdd(p: { code: string; modifier: string; units: number; note: string }): Promise<Pin> {
      await whenReady();
      return db.transaction('rw', db.pins, db.codeChunks, db.meta, async () => {
        const last = await db.pins.orderBy('order').last();
        const release = await whenReady();
        const snapshot = snapshotOf(await pinRecord(db, release, p.code, p.modifier), release.id);
        const pin: Pin = { ...p, order: (last?.order ?? 0) + 1, addedAt: Date.now(), ...(snapshot ? { snapshot } : {}) };
        pin.id = await db.pins.add(pin);
        return pin;
      });
    },
    async pinUpdate(id: number, changes: { units?: number; note?: string; modifier?: string }): Promise<Pin | null> {
      await whenReady();
      const clean = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      // Editing a pin acknowledges a release change.
      await db.pins.update(id, { ...clean, changed: undefined });
      return (await db.pins.get(id)) ?? null;
    },
    async pinsReorder(ids: number[]): Promise<Pin[]> {
      await whenReady();
      await db.transaction('rw', db.pins, async () => {
        for (const [i, id] of ids.entries()) await db.pins.update(id, { order: i + 1 });
      });
      return db.pins.orderBy('order').toArray();
    },
    /** Removes every pin and hands them back, so the popup can undo. */
    async pinsClear(): Promise<Pin[]> {
      await whenReady();
      return db.transaction('rw', db.pins, async () => {
        const all = await db.pins.orderBy('order').toArray();
        await db.pins.clear();
        return all;
      });
    },
    async pinsRestore(pins: Pin[]): Promise<Pin[]> {
      await whenReady();
      await db.pins.bulkPut(pins);
      return db.pins.orderBy('order').toArray();
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
