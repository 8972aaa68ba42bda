import { expect, test } from './fixtures';
import { allMarks, markCentre, marksOf, setStorage, waitForMarks } from './helpers';

test('superbill: codes marked by category, ZIP column left alone, unknown Category III marked as unknown', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['99213', '71046-26', 'J1100', '93000', '0657T', '3074F', '0001T', '99202', '99205', '99212', '99214', '99215']);
  const marks = await marksOf(page);
  expect(marks['cpt-lens-cpt1']).toEqual(expect.arrayContaining(['99213', '71046-26', '93000', '99202', '99205']));
  expect(marks['cpt-lens-level2']).toEqual(['J1100']);
  expect(marks['cpt-lens-cpt3']).toEqual(['0657T']);
  expect(marks['cpt-lens-cpt2']).toEqual(['3074F']);
  expect(marks['cpt-lens-unknown']).toEqual(['0001T']);
  const all = await allMarks(page);
  for (const zip of ['99501', '62704', '99503', '99701']) expect(all).not.toContain(zip);
  // The unknown shape's card says it is not in the installed release.
  const { x, y } = await markCentre(page, '0001T');
  await page.mouse.move(x, y);
  await expect(page.locator('cpt-lens-ui .card .descriptor')).toContainText('0001T is not in the installed release (RVU26C)');
});

test('CMS-1500 service lines and an 835 remittance: codes with modifiers, never NPIs, claim numbers or amounts', async ({
  context,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/cms1500.html`);
  await waitForMarks(page, ['27447 RT', '20610-LT', 'G0439']);
  expect((await allMarks(page)).sort()).toEqual(['20610-LT', '27447 RT', 'G0439']);

  await page.goto(`${site}/pages/remit835.html`);
  await waitForMarks(page, ['99214:25', '93000', 'J1100', '71046:26']);
  const all = await allMarks(page);
  expect(all.filter((m) => m === '99214:25')).toHaveLength(2);
  expect(all.some((m) => /06302|9921477|2026/.test(m))).toBe(false);
});

test('payer policy prose and table, including a "through" range', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/policy.html`);
  await waitForMarks(page, ['G0105', 'G0121', '45378', '45380', '99202', '99205']);
  expect((await allMarks(page)).filter((m) => m === '45378')).toHaveLength(2);
});

test('a page of confusers shows no marks but its one control code', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/confusers.html`);
  // The control proves the page was scanned, so "nothing else marked" is a real result.
  await waitForMarks(page, ['99213']);
  expect(await allMarks(page)).toEqual(['99213']);
});

test('a React single-page app: marks follow every re-render, with no console errors', async ({ context, site }) => {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('favicon') && !m.text().includes('404') && errors.push(m.text()));
  await page.goto(`${site}/pages/spa.html`);
  await waitForMarks(page, ['99213', 'J1100']);
  await page.click('#next');
  await waitForMarks(page, ['99214', '93000']);
  await expect.poll(async () => (await allMarks(page)).filter((m) => m === '99213' || m === 'J1100')).toEqual([]);
  await page.click('#next');
  await waitForMarks(page, ['G0439', '71046']);
  for (let i = 0; i < 5; i++) await page.click('#add');
  await expect.poll(async () => (await allMarks(page)).filter((m) => m === 'G0439').length).toBe(7);
  await page.click('#clear');
  await expect.poll(async () => (await allMarks(page)).filter((m) => m === 'G0439').length).toBe(2);
  await page.click('#next');
  await waitForMarks(page, ['99213', 'J1100']);
  await expect.poll(async () => (await allMarks(page)).sort()).toEqual(['99213', '99213', 'J1100', 'J1100']);
  // The app still works: React did not crash on a foreign node.
  await expect(page.locator('h1')).toHaveText('Encounter 1');
  expect(errors).toEqual([]);
});

test('an XHTML page: text beside a CDATA section is marked at the right offsets', async ({ context, site }) => {
  // The walk reads a run of text nodes as one Range string; a CDATA section (not a text node the walker
  // shows) is in that string too, so the scanner must notice and read those nodes one by one.
  const page = await context.newPage();
  await page.goto(`${site}/pages/cdata.xhtml`);
  await waitForMarks(page, ['99213', '93000']);
  expect((await allMarks(page)).sort()).toEqual(['93000', '99213']);
});

test('frames: each frame is marked by its own content script', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/iframe.html`);
  await waitForMarks(page, ['99213']);
  const frame = page.frame({ url: /frame-inner/ })!;
  await waitForMarks(frame, ['93000', 'J1100']);
});

test('web components: codes inside an open shadow root are marked', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/webcomponent.html`);
  await waitForMarks(page, ['71046-TC', '99214-25', 'G0439', '93000']);
  // A component added later is scanned when it arrives; one inside aria-hidden markup never is.
  await waitForMarks(page, ['99215']);
  expect(await allMarks(page)).not.toContain('J1100');
  // Every marked shadow tree, the late one too, carries the ::highlight() rules that paint its marks.
  const styled = await page.evaluate(() =>
    [...document.querySelectorAll('claim-line')].map((e) => [e.getAttribute('code'), e.shadowRoot!.adoptedStyleSheets.length]),
  );
  expect(styled).toEqual([
    ['71046-TC', 1],
    ['99214-25', 1],
    ['J1100', 0],
    ['99215', 1],
  ]);
});

test('text in hidden markup is never marked, at any depth above it, and its visible neighbours are', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/hidden.html`);
  await waitForMarks(page, ['99212', '99214', '93000', 'G0439']);
  // A hidden row, cell or row section hides only its own codes: not the next row's of the same section.
  expect((await allMarks(page)).sort()).toEqual(['93000', '99212', '99214', 'G0439']);
});

test('texts of one shape are weighed alike under the same header, and a suppressed code says nothing of the others', async ({
  context,
  site,
  worker,
}) => {
  await setStorage(worker, { suppressed: { '127.0.0.1': ['99213'] } });
  const page = await context.newPage();
  await page.goto(`${site}/pages/shapes.html`);
  await waitForMarks(page, ['99214', '99203']);
  // Under "Patient ZIP" no lone code is marked; under "CPT" the same shapes are, but not after a state ("TX 93000").
  expect((await allMarks(page)).sort()).toEqual(['99203', '99214']);
});

test('editable fields are never marked and their values stay byte-identical; a field holding a code shows its card', async ({
  context,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/fields.html`);
  await waitForMarks(page, ['99215']);
  expect(await allMarks(page)).toEqual(['99215']);
  const before = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input,textarea')]
      .map((e) => e.value)
      .concat(document.getElementById('editor')!.innerHTML),
  );
  await page.focus('#proc');
  await expect(page.locator('cpt-lens-ui .card .title')).toHaveText('99213');
  await page.hover('#procmod');
  await page.focus('#procmod');
  await expect(page.locator('cpt-lens-ui .card .title')).toHaveText('71046-26');
  await page.hover('#notes');
  await page.click('#editor');
  await page.keyboard.press('End');
  const after = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input,textarea')]
      .map((e) => e.value)
      .concat(document.getElementById('editor')!.innerHTML),
  );
  expect(after).toEqual(before);
});

test('the page DOM gains exactly one element, outside the app root, and no text node is split', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  const shape = () =>
    page.evaluate(() => ({ body: document.body.innerHTML, extra: [...document.documentElement.children].map((c) => c.tagName) }));
  const first = await shape();
  await waitForMarks(page, ['99213']);
  const { x, y } = await page.evaluate(() => {
    const td = [...document.querySelectorAll('td')].find((t) => t.textContent === '99213')!;
    const b = td.getBoundingClientRect();
    return { x: b.x + 8, y: b.y + b.height / 2 };
  });
  await page.mouse.move(x, y);
  await page.locator('cpt-lens-ui .card').waitFor();
  const later = await shape();
  expect(later.body).toBe(first.body);
  expect(later.extra.filter((t) => !first.extra.includes(t))).toEqual(['CPT-LENS-UI']);
});
