import { expect, READ_HIGHLIGHTS, test } from './fixtures';

test('the worker seeds the whole dataset into IndexedDB on install', async ({ worker }) => {
  const counts = await worker.evaluate(async () => {
    const manifest = (await (await fetch('/data/manifest.json')).json()) as { recordCount: number; release: string };
    // Wait until the seeding transaction has committed the release row.
    for (let i = 0; i < 200; i++) {
      const result = await new Promise<{ codes: number; release: string | null }>((resolve, reject) => {
        const open = indexedDB.open('cpt-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) return resolve({ codes: 0, release: null });
          const tx = db.transaction(['codes', 'meta', 'localities'], 'readonly');
          const c = tx.objectStore('codes').count();
          const m = tx.objectStore('meta').get('release');
          tx.oncomplete = () =>
            resolve({ codes: c.result, release: (m.result as { value?: { id: string } } | undefined)?.value?.id ?? null });
        };
      });
      if (result.release) return { ...result, manifest };
      await new Promise((r) => setTimeout(r, 100));
    }
    return { codes: -1, release: null, manifest };
  });
  expect(counts.release).toBe('RVU26C');
  expect(counts.codes).toBe(counts.manifest.recordCount);
  expect(counts.codes).toBeGreaterThan(23000);
});

test('a lookup from a page round-trips: the demo EHR page is marked with codes the dataset knows', async ({ context, site }) => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site}/demo/ehr.html`);
  await expect.poll(() => page.evaluate(READ_HIGHLIGHTS).then((h) => Object.keys(h).length), { timeout: 20_000 }).toBeGreaterThan(0);
  const marks = await page.evaluate(READ_HIGHLIGHTS);
  const cpt1 = marks['cpt-lens-cpt1'] ?? [];
  expect(cpt1).toContain('99214-25');
  expect(cpt1).toContain('93000');
  expect(cpt1).toContain('71046');
  expect(marks['cpt-lens-level2']).toContain('J1100');
  expect(marks['cpt-lens-level2']).toContain('G0439');
  expect(marks['cpt-lens-cpt2']).toContain('3074F');
  expect(marks['cpt-lens-cpt3']).toContain('0657T');
  const all = Object.values(marks).flat();
  // Look-alikes on the page: a ZIP, phone, money, ICD-10, member/claim numbers.
  for (const confuser of ['62704', '62701', '555-0142', '185.00', 'E11.9', 'J45.909', '1234567893']) {
    expect(all.some((m) => m.includes(confuser))).toBe(false);
  }
  expect(errors).toEqual([]);
});
