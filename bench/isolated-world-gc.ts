// npm run bench:gc: what walking the scan page's text costs the next young-generation collection, from the
// page's main world and from an isolated world like a content script's. Backs the README's explanation of
// the scan's remaining long tasks. Needs no extension; Chromium runs with --expose-gc.
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { writeBenchPages } from './pages';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPS = Number(process.env.BENCH_REPS ?? 5);
const WALK = 'const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);';
const VARIANTS: Record<string, string> = {
  'nothing (control)': '',
  'walk the text nodes': `${WALK} for (let n = w.nextNode(); n; n = w.nextNode()) k++;`,
  'walk, read each length': `${WALK} for (let n = w.nextNode(); n; n = w.nextNode()) k += n.length;`,
  'walk, read each data': `${WALK} for (let n = w.nextNode(); n; n = w.nextNode()) k += n.data.length;`,
};

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

async function main() {
  const pagesDir = mkdtempSync(join(tmpdir(), 'cpt-lens-gc-pages-'));
  writeBenchPages(pagesDir);
  const { server, url } = await startStaticServer([['/b/', pagesDir]]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  const work = new Map<string, number[]>();
  const gc = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep++)
    for (const world of ['main', 'isolated'])
      for (const [name, body] of Object.entries(VARIANTS)) {
        await page.goto(`${url}/b/claims.html`);
        let contextId: number | undefined;
        if (world === 'isolated') {
          const { frameTree } = await cdp.send('Page.getFrameTree');
          const created = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `gc-${rep}-${name}` });
          contextId = created.executionContextId;
        }
        // Two collections first, so the one timed after the work holds only what the work left behind.
        const expression = `(() => { gc({ type: 'minor' }); gc({ type: 'minor' }); let k = 0; const t0 = performance.now(); ${body}
          const t1 = performance.now(); gc({ type: 'minor' }); return [t1 - t0, performance.now() - t1, k]; })()`;
        const out = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, ...(contextId ? { contextId } : {}) });
        if (out.exceptionDetails) throw new Error(`${name} in the ${world} world: ${out.exceptionDetails.text}`);
        const [workMs, gcMs] = out.result.value as [number, number];
        const key = `${name} — ${world} world`;
        work.set(key, [...(work.get(key) ?? []), workMs]);
        gc.set(key, [...(gc.get(key) ?? []), gcMs]);
      }
  console.log(`Claims page (10,000 rows, 85,000 text nodes); medians of ${REPS} repetitions, spread in brackets\n`);
  console.log(`${'what'.padEnd(46)}${'work ms'.padEnd(22)}minor GC after it, ms`);
  for (const [key, w] of work) {
    const g = gc.get(key)!;
    const fmt = (a: number[]) => `${median(a).toFixed(1)} (${Math.min(...a).toFixed(1)}–${Math.max(...a).toFixed(1)})`;
    console.log(`${key.padEnd(46)}${fmt(w).padEnd(22)}${fmt(g)}`);
  }
  await browser.close();
  server.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
