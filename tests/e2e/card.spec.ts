import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { allMarks, card, dbRecord, hoverMark, markCentre, pinsOf, sendToTab, setStorage, waitForMarks } from './helpers';

test('hovering a code opens its card with the dataset figures, national and locality payment, and the AMA notice', async ({
  context,
  site,
  worker,
}) => {
  await setStorage(worker, { localityId: '10112-00' });
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['99213']);
  await hoverMark(page, '99213');
  const c = card(page);
  await expect(c.locator('.title')).toHaveText('99213');
  const rec = await dbRecord(worker, '99213');
  const pfs = rec.pfs!;
  await expect(c.locator('[data-field="work"]')).toHaveText((pfs.workRvu as number).toFixed(2));
  await expect(c.locator('[data-field="peNonFacility"]')).toHaveText((pfs.nonFacilityPeRvu as number).toFixed(2));
  await expect(c.locator('[data-field="totalFacility"]')).toHaveText((pfs.facilityTotal as number).toFixed(2));
  const cf = pfs.conversionFactor as number;
  const national = (Math.round((pfs.nonFacilityTotal as number) * cf * 100) / 100).toFixed(2);
  await expect(c.locator('[data-field="national"]')).toContainText(`$${national} non-facility`);
  await expect(c.locator('[data-field="locality"]')).toContainText('$');
  await expect(c).toContainText(`MUE ${rec.mue!.units} units`);
  await expect(c).toContainText('Status A: Active');
  await expect(c.locator('.notice')).toContainText('American Medical Association');
  await expect(c.locator('.release')).toContainText('RVU26C (July 2026)');
  await expect(c.locator('.notice')).toBeInViewport();
});

test('the card never covers its code, stays while the pointer moves onto it, closes after leaving, and closes on Esc', async ({
  context,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['J1100']);
  await hoverMark(page, 'J1100');
  const c = card(page);
  await expect(c.locator('.descriptor')).toContainText('Injection, dexamethasone sodium phosphate, 1 mg');
  const code = (await markCentre(page, 'J1100')).rect;
  const box = (await c.boundingBox())!;
  const overlaps = !(box.x + box.width <= code.left || box.x >= code.right || box.y + box.height <= code.top || box.y >= code.bottom);
  expect(overlaps).toBe(false);
  // Move onto the card: it stays (hoverable), past the close delay.
  await page.mouse.move(box.x + 20, box.y + 20, { steps: 5 });
  await page.waitForTimeout(700);
  await expect(c).toBeVisible();
  // Leave both: it closes after the grace period.
  await page.mouse.move(5, 5, { steps: 3 });
  await expect(c).toBeHidden({ timeout: 3000 });
  // Esc dismisses without moving the pointer.
  await hoverMark(page, '93000');
  await page.keyboard.press('Escape');
  await expect(c).toBeHidden();
});

test('a modifier changes the card: 71046-26 shows the professional-component row', async ({ context, site, worker }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['71046-26']);
  await hoverMark(page, '71046-26');
  const pc = (await dbRecord(worker, '71046', '26')).pfs!;
  await expect(card(page).locator('caption')).toHaveText('RVUs (26 row)');
  await expect(card(page).locator('[data-field="totalNonFacility"]')).toHaveText((pc.nonFacilityTotal as number).toFixed(2));
});

test('Pin from the card adds to the quick-list; Not a code here stops marking it and the options page undoes that', async ({
  context,
  site,
  worker,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['93000']);
  await hoverMark(page, '93000');
  await card(page).getByRole('button', { name: 'Pin' }).click();
  await expect(card(page).locator('.live')).toHaveText('Pinned 93000 to the quick-list');
  expect(await pinsOf(worker)).toMatchObject([{ code: '93000', modifier: '' }]);

  await card(page).getByRole('button', { name: 'Not a code here' }).click();
  await expect.poll(() => allMarks(page)).not.toContain('93000');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Mark 93000 on 127.0.0.1 again' }).click();
  await waitForMarks(page, ['93000']);
});

test('keyboard only: the command jumps to the next code and opens its card; Tab reaches its buttons; Esc returns', async ({
  context,
  site,
  worker,
}) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/policy.html`);
  await waitForMarks(page, ['G0105']);
  await page.bringToFront();
  expect(await sendToTab(worker, 'policy.html', 'navigateCode', { direction: 1 })).toMatchObject({ res: true });
  await expect(card(page).locator('.title')).toHaveText('G0105');
  const focused = () => page.evaluate(() => document.querySelector('cpt-lens-ui')!.shadowRoot!.activeElement?.textContent ?? null);
  expect(await focused()).toBe('Pin');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('Copy');
  await sendToTab(worker, 'policy.html', 'navigateCode', { direction: 1 });
  await expect(card(page).locator('.title')).toHaveText('G0121');
  await sendToTab(worker, 'policy.html', 'navigateCode', { direction: -1 });
  await expect(card(page).locator('.title')).toHaveText('G0105');
  await page.keyboard.press('Escape');
  await expect(card(page)).toBeHidden();
});

test('axe finds no serious or critical violations in the open card', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['71046-26']);
  await hoverMark(page, '71046-26');
  const results = await new AxeBuilder({ page }).include('cpt-lens-ui').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(5);
});

test('a site pause and the global switch apply at once in an open tab', async ({ context, site, worker }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['99213']);
  await setStorage(worker, { pausedSites: ['127.0.0.1'] });
  await expect.poll(() => allMarks(page)).toEqual([]);
  await setStorage(worker, { pausedSites: [] });
  await waitForMarks(page, ['99213']);
  await setStorage(worker, { enabled: false });
  await expect.poll(() => allMarks(page)).toEqual([]);
  await setStorage(worker, { enabled: true });
  await waitForMarks(page, ['99213']);
  // Strict: a bare five-digit number with no cue (99024) is dropped; cued ones (CPT column, list, range) stay.
  expect(await allMarks(page)).toContain('99024');
  await setStorage(worker, { strictness: 'strict' });
  await expect.poll(() => allMarks(page)).not.toContain('99024');
  expect(await allMarks(page)).toEqual(expect.arrayContaining(['99213', '99212', '99202', 'J1100']));
});
