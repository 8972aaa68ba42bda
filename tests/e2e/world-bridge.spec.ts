import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { allMarks, waitForMarks } from './helpers';

// The superbill's codes, as the detection spec asserts them.
const SUPERBILL = ['99213', '71046-26', 'J1100', '93000', '0657T', '3074F', '0001T', '99202', '99205', '99212', '99214', '99215', '99024'];

/** Installs, before the page's scripts, a page script that sees every walk request first (window, capture phase). */
function hostilePage(mode: string) {
  const w = window as unknown as { walkRequests: string[] };
  w.walkRequests = [];
  window.addEventListener(
    'cpt-lens:walk-request',
    (event) => {
      const req = JSON.parse((event as CustomEvent<string>).detail) as { op: string; indexes?: number[] };
      w.walkRequests.push(req.op);
      const reply = (body: unknown) => {
        event.stopImmediatePropagation();
        document.dispatchEvent(new CustomEvent('cpt-lens:walk-response', { detail: JSON.stringify(body) }));
      };
      if (mode === 'swallow') event.stopImmediatePropagation();
      if (mode === 'forge-tokens') {
        if (req.op === 'hello') reply({ v: 1 });
        else if (req.op === 'begin') reply({ walk: 1 });
        // Not code-shaped: a reply the content script must not believe.
        else if (req.op === 'slice') reply({ slice: 1, tokens: ['<img>', '99213'], ends: [2], done: true });
        else reply({});
      }
      if (mode === 'forge-nodes' && req.op === 'take') {
        // Elements where text nodes were asked for, in the count asked for.
        const ranges = (req.indexes ?? []).map(
          () => new StaticRange({ startContainer: document.body, startOffset: 0, endContainer: document.body, endOffset: 0 }),
        );
        CSS.highlights.set('cpt-lens-channel', new Highlight(...ranges));
        reply({ count: req.indexes?.length ?? 0 });
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

test('the page main world walks the text: the content script asks it, and marks what it would have marked alone', async ({
  context,
  site,
}) => {
  const { marks, errors, requests } = await superbillWith(context, site, 'count');
  expect(await requests()).toEqual(expect.arrayContaining(['hello', 'begin', 'slice', 'take', 'end']));
  // Nothing beyond the expected codes, and the one ZIP column left alone.
  expect(marks).toEqual([...SUPERBILL].sort());
  for (const zip of ['99501', '62704', '99503', '99701']) expect(marks).not.toContain(zip);
  expect(errors).toEqual([]);
});

const HOSTILE = {
  swallow: 'swallows walk requests',
  'forge-tokens': 'forges walk replies',
  'forge-nodes': 'hands over elements for text nodes',
} as const;
for (const mode of Object.keys(HOSTILE) as (keyof typeof HOSTILE)[]) {
  test(`a page that ${HOSTILE[mode]}: the content script walks by itself, marks unchanged`, async ({ context, site }) => {
    const { marks, errors, requests } = await superbillWith(context, site, mode);
    expect(marks).toEqual([...SUPERBILL].sort());
    expect((await requests())[0]).toBe('hello');
    expect(errors).toEqual([]);
  });
}

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
  expect((await requests()).slice(asked)).toEqual(expect.arrayContaining(['begin', 'slice', 'take']));
});
