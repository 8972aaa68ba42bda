import { expect, READ_HIGHLIGHTS, test } from './fixtures';
import { readDb, waitForMarks } from './helpers';

test('the worker seeds the whole dataset into IndexedDB on install', async ({ worker }) => {
  const manifest = await worker.evaluate(
    async () => (await (await fetch('/data/manifest.json')).json()) as { recordCount: number; release: string },
  );
  await expect
    .poll(async () => (await readDb<{ value: { id: string } }>(worker, 'meta', 'release'))?.value.id ?? null, { timeout: 30_000 })
    .toBe('RVU26C');
  const count = await worker.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('cpt-lens');
        open.onsuccess = () => {
          const req = open.result.transaction('codeChunks').objectStore('codeChunks').getAll();
          req.onsuccess = () => (
            open.result.close(),
            resolve((req.result as { rows: unknown[] }[]).reduce((n, c) => n + c.rows.length, 0))
          );
        };
      }),
  );
  expect(manifest.release).toBe('RVU26C');
  expect(count).toBe(manifest.recordCount);
  expect(count).toBeGreaterThan(23000);
});

test('a lookup from a page round-trips: the demo EHR page is marked with codes the dataset knows', async ({ context, site }) => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site}/demo/ehr.html`);
  await waitForMarks(page, ['99214-25', 'J1100', '0657T']);
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

test('after the worker is stopped and woken (no install event), every message still has its handler', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const send = (type: string, data?: unknown) =>
    page.evaluate(
      ([type, data]) =>
        chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }) as Promise<{ res?: unknown; err?: unknown }>,
      [type, data] as const,
    );
  await expect
    .poll(async () => ((await send('status'))?.res as { release?: { id: string } })?.release?.id, { timeout: 30_000 })
    .toBe('RVU26C');
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // A stopped worker runs its top level again on the next message, but onInstalled does not fire.
  const a = (await send('pinAdd', { code: '99213' }))?.res as { id: number };
  const b = (await send('pinAdd', { code: 'J1100' }))?.res as { id: number };
  expect(a.id).toBeGreaterThan(0);
  await cdp.send('ServiceWorker.stopAllWorkers');
  expect(((await send('pinUpdate', { id: a.id, units: 3 }))?.res as { units: number }).units).toBe(3);
  expect(((await send('pinsReorder', { ids: [b.id, a.id] }))?.res as { code: string }[]).map((p) => p.code)).toEqual(['J1100', '99213']);
  const localities = (await send('localities'))?.res as { id: string; name: string }[];
  expect(localities.length).toBeGreaterThan(100);
  await cdp.send('ServiceWorker.stopAllWorkers');
  expect(((await send('locality', { id: localities[0]!.id }))?.res as { name: string }).name).toBe(localities[0]!.name);
  const cleared = (await send('pinsClear'))?.res as unknown[];
  expect(((await send('pinsList'))?.res as unknown[]).length).toBe(0);
  expect(((await send('pinsRestore', { pins: cleared }))?.res as unknown[]).length).toBe(2);
});
