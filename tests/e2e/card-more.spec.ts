import { expect, test } from './fixtures';
import { allMarks, card, hoverMark, setStorage, waitForMarks } from './helpers';

test('page CSS cannot reach into the card, and the card CSS does not leak out', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/hostile.html`);
  const pageButton = () => page.evaluate(() => getComputedStyle(document.getElementById('own')!).backgroundColor);
  const before = await pageButton();
  await waitForMarks(page, ['99213']);
  await hoverMark(page, '99213');
  const title = card(page).locator('.title');
  await expect(title).toBeVisible();
  const style = await title.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      color: s.color,
      fontSize: s.fontSize,
      letterSpacing: s.letterSpacing,
      display: getComputedStyle(el.closest('.card')!).display,
    };
  });
  expect(style.color).not.toBe('rgb(255, 0, 0)');
  expect(style.fontSize).toBe('17px');
  expect(style.letterSpacing).toBe('normal');
  expect(style.display).toBe('block');
  expect(await pageButton()).toBe(before);
});

test('dark theme from the OS, and no transition under reduced motion', async ({ context, site }) => {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['99213']);
  await hoverMark(page, '99213');
  const s = await card(page).evaluate((el) => ({
    bg: getComputedStyle(el).backgroundColor,
    transition: getComputedStyle(el).transitionDuration,
  }));
  expect(s.bg).toBe('rgb(22, 27, 34)');
  expect(s.transition).toBe('0s');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await expect.poll(() => card(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
});

test('a theme chosen in options wins over the OS, both ways', async ({ context, site, worker }) => {
  const page = await context.newPage();
  const bg = () => card(page).evaluate((el) => getComputedStyle(el).backgroundColor);
  await setStorage(worker, { theme: 'dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['99213']);
  await hoverMark(page, '99213');
  expect(await bg()).toBe('rgb(22, 27, 34)');
  await page.keyboard.press('Escape');
  await setStorage(worker, { theme: 'light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.mouse.move(1, 1);
  await hoverMark(page, '99213');
  await expect.poll(bg).toBe('rgb(255, 255, 255)');
});

test('Copy puts the code on the clipboard; Open in popup hands the code to the popup', async ({ context, site, extensionId, worker }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site });
  const page = await context.newPage();
  await page.goto(`${site}/pages/superbill.html`);
  await waitForMarks(page, ['71046-26']);
  await hoverMark(page, '71046-26');
  await card(page).getByRole('button', { name: 'Copy' }).click();
  await expect(card(page).locator('.live')).toHaveText('Copied 71046-26');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('71046-26');
  // Headless Chromium sometimes opens the real popup itself, which then takes the code before this test can
  // look; refusing openPopup makes the run take the path a user without a focused window gets.
  await worker.evaluate(() => {
    chrome.action.openPopup = () => Promise.reject(new Error('refused by the test'));
  });
  await card(page).getByRole('button', { name: 'Open in popup' }).click();
  await expect(card(page).locator('.live')).toHaveText('Click the CPT Lens toolbar button to see it in the popup');
  // The popup opened next shows the code.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('.card .title')).toHaveText('71046-26');
  await expect(popup.locator('.card caption')).toHaveText('RVUs (26 row)');
  await expect(popup.locator('.card .notice')).toContainText('American Medical Association');
});

test('a burst of more than 1000 mutations becomes one rescan with every mark right', async ({ context, site }) => {
  const page = await context.newPage();
  await page.goto(`${site}/pages/spa.html`);
  await waitForMarks(page, ['99213', 'J1100']);
  await page.click('#bulk');
  await expect.poll(async () => (await allMarks(page)).length, { timeout: 20_000 }).toBe(1504);
  const all = await allMarks(page);
  expect(all.filter((m) => m === '99214').length).toBe(750);
  expect(all.filter((m) => m === 'J1100').length).toBe(752);
});
