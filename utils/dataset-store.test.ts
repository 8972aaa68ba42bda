import 'fake-indexeddb/auto';
import { CodeSet } from './code-set';
import { english } from '../tests/english';
import { describe, expect, it } from 'vitest';
import { buildDatasetFromSources } from '../data/build';
import type { Dataset } from '../data/dataset';
import { encodeDataset } from '../data/encoding';
import { cmsFolder } from '../tests/fixtures/cms';
import { ensureDataset, sha256Hex, type DatasetSource } from './dataset-store';
import { LensDb } from './db';
import { createLensService } from './lens-service';

function fixtureDataset(change?: (ds: Dataset) => void): Dataset {
  const files = cmsFolder();
  const ds = buildDatasetFromSources((p) => files[p] ?? null);
  change?.(ds);
  return ds;
}

async function sourceOf(ds: Dataset, tamper?: (b: Uint8Array) => Uint8Array): Promise<DatasetSource> {
  const bytes = encodeDataset(ds);
  const sha256 = await sha256Hex(bytes);
  const served = tamper ? tamper(bytes) : bytes;
  return {
    manifest: async () => ({
      release: ds.release.id,
      releasedDate: ds.release.releasedDate,
      recordCount: ds.codes.length,
      sha256,
      bytes: bytes.length,
      file: 'dataset.bin',
    }),
    bytes: async () => served,
  };
}

const freshDb = () => new LensDb(`test-${Math.random()}`);

describe('installing datasets', () => {
  it('seeds on first use, then re-seeds a newer bundle keeping pins', async () => {
    const db = freshDb();
    const v1 = fixtureDataset();
    const service = createLensService(db, await sourceOf(v1), english);
    await service.pinAdd({ code: '99213', modifier: '25', units: 2, note: 'follow-up' });
    expect((await service.lookup(['99213'])).entries['99213']!.base.pfs!.workRvu).toBe(1);

    const v2 = fixtureDataset((ds) => {
      ds.codes.find((c) => c.code === '99213')!.pfs!.workRvu = 1.5;
      ds.release.id = 'RVU26D';
    });
    const updated = createLensService(db, await sourceOf(v2), english);
    const status = await updated.status();
    expect(status.release.id).toBe('RVU26D');
    expect((await updated.lookup(['99213'])).entries['99213']!.base.pfs!.workRvu).toBe(1.5);
    expect(await updated.pinsList()).toMatchObject([{ code: '99213', modifier: '25', units: 2, note: 'follow-up' }]);
    // The pin was re-resolved against the new release and marked with what changed.
    expect((await updated.pinsList())[0]!.changed).toEqual(['RVU26D: work RVU 1 → 1.5']);
  });

  it('keeps a pin whose code a new release drops, marked as gone', async () => {
    const db = freshDb();
    const service = createLensService(db, await sourceOf(fixtureDataset()), english);
    await service.pinAdd({ code: 'J1100', modifier: '', units: 1, note: '' });
    const without = fixtureDataset((ds) => {
      ds.codes = ds.codes.filter((c) => c.code !== 'J1100');
      ds.release.id = 'RVU26D';
      ds.release.recordCount = ds.codes.length;
    });
    const updated = createLensService(db, await sourceOf(without), english);
    expect((await updated.pinsList()).map((p) => [p.code, p.changed])).toEqual([['J1100', ['RVU26D: J1100 is no longer in the release']]]);
  });

  it.each([
    ['bytes that do not match the sha256', (b: Uint8Array) => Uint8Array.from(b, (x, i) => (i === 100 ? x ^ 1 : x)), /sha256/],
    ['a truncated bundle', (b: Uint8Array) => b.slice(0, b.length - 10), /bytes where the manifest says/],
  ])('refuses %s and keeps the installed dataset and pins', async (_what, tamper, message) => {
    const db = freshDb();
    const service = createLensService(db, await sourceOf(fixtureDataset()), english);
    await service.pinAdd({ code: 'J1100', modifier: '', units: 4, note: '' });
    const before = await db.codeChunks.toArray();
    const broken = createLensService(
      db,
      await sourceOf(
        fixtureDataset((ds) => (ds.release.id = 'RVU26D')),
        tamper,
      ),
      english,
    );
    await expect(broken.status()).rejects.toThrow(message);
    expect(await db.codeChunks.toArray()).toEqual(before);
    expect((await db.meta.get('release'))!.value.id).toBe('RVU26C');
    expect(await db.pins.count()).toBe(1);
  });

  it('rolls back a seed that fails half-way, leaving the old release whole', async () => {
    const db = freshDb();
    await createLensService(db, await sourceOf(fixtureDataset()), english).whenReady();
    const before = { chunks: await db.codeChunks.toArray(), list: await db.codeList.toArray(), modifiers: await db.modifiers.toArray() };
    // Two modifiers with one key: that insert fails after the tables were cleared and the new chunks written.
    const bad = fixtureDataset((ds) => {
      ds.release.id = 'RVU26D';
      ds.codes[0] = { ...ds.codes[0]!, shortDescriptor: 'changed in the new release' };
      ds.modifiers.push({ ...ds.modifiers[0]! });
    });
    await expect(ensureDataset(db, await sourceOf(bad), english)).rejects.toThrow(/modifier/i);
    expect({ chunks: await db.codeChunks.toArray(), list: await db.codeList.toArray(), modifiers: await db.modifiers.toArray() }).toEqual(
      before,
    );
    expect((await db.meta.get('release'))!.value.id).toBe('RVU26C');
  });

  it('does nothing when the same bundle is already installed', async () => {
    const db = freshDb();
    const src = await sourceOf(fixtureDataset());
    const first = await ensureDataset(db, src, english);
    let fetched = false;
    const second = await ensureDataset(db, { manifest: src.manifest, bytes: async (m) => ((fetched = true), src.bytes(m)) }, english);
    expect(fetched).toBe(false);
    expect(second.installedAt).toBe(first.installedAt);
    // The check itself is recorded, for the options page's "last checked".
    expect((await db.meta.get('release'))!.value.checkedAt).toBe(second.checkedAt);
    expect(second.checkedAt).toBeGreaterThanOrEqual(first.installedAt);
  });

  it('retries after a failed first start rather than caching the failure', async () => {
    const db = freshDb();
    const good = await sourceOf(fixtureDataset());
    let fail = true;
    const flaky: DatasetSource = {
      manifest: async () => (fail ? Promise.reject(new Error('offline')) : good.manifest()),
      bytes: good.bytes,
    };
    const service = createLensService(db, flaky, english);
    await expect(service.status()).rejects.toThrow('offline');
    fail = false;
    expect((await service.status()).release.id).toBe('RVU26C');
  });
});

describe('quick-list operations', () => {
  it('updates, reorders, clears and restores pins', async () => {
    const service = createLensService(freshDb(), await sourceOf(fixtureDataset()), english);
    const a = await service.pinAdd({ code: '99213', modifier: '', units: 1, note: '' });
    const b = await service.pinAdd({ code: 'J1100', modifier: '', units: 1, note: '' });
    expect(await service.pinUpdate(b.id!, { units: 4, note: 'left arm' })).toMatchObject({ units: 4, note: 'left arm' });
    expect((await service.pinsReorder([b.id!, a.id!])).map((p) => p.code)).toEqual(['J1100', '99213']);
    const removed = await service.pinsClear();
    expect(await service.pinsList()).toEqual([]);
    expect((await service.pinsRestore(removed)).map((p) => [p.code, p.units])).toEqual([
      ['J1100', 4],
      ['99213', 1],
    ]);
  });
});

describe('lookup and search', () => {
  it('answers a batch with base rows, components, and null for unknown codes', async () => {
    const service = createLensService(freshDb(), await sourceOf(fixtureDataset()), english);
    const { entries, release } = await service.lookup(['71046', 'J1100', '99999']);
    expect(release.id).toBe('RVU26C');
    expect(entries['71046']!.components.map((c) => c.modifier)).toEqual(['26']);
    expect(entries['J1100']!.base.longDescriptor).toBe('Injection, fixture drug, 1 mg');
    expect(entries['99999']).toBeNull();
  });
  it('gives a page scan the code list of the release, packed, without records', async () => {
    const service = createLensService(freshDb(), await sourceOf(fixtureDataset()), english);
    const { codes, release } = await service.codeList();
    expect(release.id).toBe('RVU26C');
    const set = new CodeSet(codes);
    // 71046 has component rows (26): it is in the list once, as the code.
    expect([set.has('71046'), set.has('J1100'), set.has('99213'), set.has('99999')]).toEqual([true, true, true, false]);
    expect(set.size).toBe(new Set(fixtureDataset().codes.map((c) => c.code)).size);
  });
  it('finds codes by exact code, prefix and words', async () => {
    const service = createLensService(freshDb(), await sourceOf(fixtureDataset()), english);
    expect((await service.search('99213', 10)).map((h) => [h.record.code, h.match])).toEqual([['99213', 'exact']]);
    expect((await service.search('j1', 10)).map((h) => h.record.code)).toEqual(['J1100']);
    expect((await service.search('chest imaging', 10)).map((h) => h.record.code)).toEqual(['71046']);
    expect((await service.search('knee arthroplasty', 10)).map((h) => h.record.code)).toEqual([]);
    expect((await service.search('imaging chest', 10)).map((h) => h.record.code)).toEqual(['71046']);
  });
  it('removes pins and says whether one was there', async () => {
    const service = createLensService(freshDb(), await sourceOf(fixtureDataset()), english);
    const pin = await service.pinAdd({ code: '99213', modifier: '', units: 1, note: '' });
    const second = await service.pinAdd({ code: 'J1100', modifier: '', units: 1, note: '' });
    expect(second.order).toBe(pin.order + 1);
    expect(await service.pinRemove(pin.id!)).toBe(true);
    expect(await service.pinRemove(pin.id!)).toBe(false);
    expect((await service.pinsList()).map((p) => p.code)).toEqual(['J1100']);
  });
});
