import type { BrowserContext, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { allMarks, sendToTab, waitForMarks } from './helpers';

// The superbill's codes, as the detection spec asserts them.
const SUPERBILL = ['99213', '71046-26', 'J1100', '93000', '0657T', '3074F', '0001T', '99202', '99205', '99212', '99214', '99215', '99024'];

/** Installs, before the page's scripts, a page script that sees every scan request first (window, capture phase). */
function hostilePage(mode: string) {
  const w = window as unknown as { walkRequests: string[] };
  w.walkRequests = [];
  window.addEventListener(
    'cpt-lens:walk-request',
    (event) => {
      const req = JSON.parse((event as CustomEvent<string>).detail) as { op: string };
      w.walkRequests.push(req.op);
      const reply = (body: unknown) => {
        event.stopImmediatePropagation();
        document.dispatchEvent(new CustomEvent('cpt-lens:walk-response', { detail: JSON.stringify(body) }));
      };
      // Two nodes to a range, as the main world hands them over.
      const handOver = (nodes: Node[]) => {
        const ranges: StaticRange[] = [];
        for (let i = 0; i < nodes.length; i += 2) {
          const end = nodes[i + 1] ?? nodes[i]!;
          ranges.push(new StaticRange({ startContainer: nodes[i]!, startOffset: 0, endContainer: end, endOffset: 0 }));
        }
        CSS.highlights.set('cpt-lens-channel', new Highlight(...ranges));
        reply({ count: nodes.length });
      };
      if (mode === 'swallow') event.stopImmediatePropagation();
      if (mode === 'forge-replies') {
        if (req.op === 'hello') reply({ v: 2 });
        else if (req.op === 'begin') reply({ walk: 1 });
        // Not a reply of the shape asked for: the content script must not believe it.
        else if (req.op === 'slice') reply({ more: 'yes' });
        else reply({ ok: true });
      }
      // For the popup's list: elements where text nodes were asked for.
      if (mode === 'forge-nodes' && req.op === 'nodes') handOver(Array.from({ length: 3 }, () => document.body));
      // For the popup's list: every text node of the page, as if each held a marked code.
      if (mode === 'forge-list' && req.op === 'nodes') {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const texts: Node[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
        // And each of them twice.
        handOver([...texts, ...texts]);
      }
    },
    true,
  );
}

/** The superbill with hostilePage(mode) installed, once its codes are marked: its marks, page errors and requests. */
async function superbillWith(context: BrowserContext, site: string, mode: string) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(hostilePage, mode);
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, SUPERBILL);
  const marks = (await allMarks(page)).sort();
  const requests = () => page.evaluate(() => (window as unknown as { walkRequests: string[] }).walkRequests);
  return { page, marks, errors, requests };
}

/** The tokens of the popup's "on this page" list for the active tab. */
async function listed(worker: Worker): Promise<string[]> {
  const codes = (await sendToTab(worker, 'superbill.html', 'pageCodes', undefined)) as { res: { token: string }[] };
  return codes.res.map((c) => c.token).sort();
}

test('the page main world scans the text: the content script asks it, and it marks what the content script would alone', async ({
  context,
  site,
  worker,
}) => {
  const { marks, errors, requests } = await superbillWith(context, site, 'count');
  expect(await requests()).toEqual(expect.arrayContaining(['hello', 'configure', 'open', 'begin', 'slice', 'end', 'close']));
  // Nothing beyond the expected codes, and the one ZIP column left alone.
  expect(marks).toEqual([...SUPERBILL].sort());
  for (const zip of ['99501', '62704', '99503', '99701']) expect(marks).not.toContain(zip);
  // The list is the content script's own reading of the nodes the main world names.
  expect(await listed(worker)).toEqual([...SUPERBILL].sort());
  expect(errors).toEqual([]);
});

const HOSTILE = {
  swallow: 'swallows scan requests',
  'forge-replies': 'forges scan replies',
  'forge-nodes': 'names elements for marked text nodes',
} as const;
for (const mode of Object.keys(HOSTILE) as (keyof typeof HOSTILE)[]) {
  test(`a page that ${HOSTILE[mode]}: the content script scans by itself, marks and list unchanged`, async ({ context, site, worker }) => {
    const { page, marks, errors, requests } = await superbillWith(context, site, mode);
    expect(marks).toEqual([...SUPERBILL].sort());
    expect((await requests())[0]).toBe('hello');
    expect(await listed(worker)).toEqual([...SUPERBILL].sort());
    // After the list, too (a forged list makes the content script take the marks over).
    expect((await allMarks(page)).sort()).toEqual([...SUPERBILL].sort());
    expect(errors).toEqual([]);
  });
}

test('a page that names every text node as marked: the list holds only the codes the content script finds in them', async ({
  context,
  site,
  worker,
}) => {
  const { errors } = await superbillWith(context, site, 'forge-list');
  expect(await listed(worker)).toEqual([...SUPERBILL].sort());
  expect(errors).toEqual([]);
});

test('a rescan of a changed subtree through the main world drops the marks of a text node that lost its code', async ({
  context,
  site,
}) => {
  const { page, requests } = await superbillWith(context, site, 'count');
  const asked = (await requests()).length;
  // In one task: the cell's text node keeps its place but loses its code, the cell gains a new one, and a
  // child is removed from it. A removal makes the observer rescan the cell as an element, by the main world.
  await page.evaluate(() => {
    const cell = [...document.querySelectorAll('td')].find((td) => td.textContent === '99213')!;
    (cell.firstChild as Text).data = 'see note';
    const gone = document.createElement('br');
    cell.append(gone, 'CPT 99214');
    gone.remove();
  });
  // Exactly the codes the page now shows: a stale range over "see n" would be read back as text, not as 99213.
  const expected = [...SUPERBILL.filter((c) => c !== '99213'), '99214'].sort();
  await expect.poll(async () => (await allMarks(page)).sort()).toEqual(expected);
  expect((await requests()).slice(asked)).toEqual(expect.arrayContaining(['open', 'begin', 'slice', 'close']));
});
