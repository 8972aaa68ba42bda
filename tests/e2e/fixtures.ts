// Playwright fixture: Debian's Chromium with the built extension (.output/chrome-mv3) loaded,
// and a local HTTP server on 127.0.0.1 for the pages under test. Never downloads a browser.
import { test as base, chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extensionFlags, QUIET_FLAGS } from '../../scripts/chromium-flags.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

export const EXTENSION_PATH = resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumArgs(): string[] {
  return [...extensionFlags(EXTENSION_PATH), ...QUIET_FLAGS, '--no-sandbox', '--disable-gpu'];
}

export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_PATH, 'manifest.json')))
    throw new Error(`No built extension at ${EXTENSION_PATH}; run npm run build first`);
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: chromiumArgs() });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

interface Fixtures {
  userDataDir: string;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
}

export const test = base.extend<Fixtures, { site: string }>({
  site: [
    async ({}, use) => {
      const { server, url } = await startStaticServer([
        ['/demo/', resolve('demo')],
        ['/pages/', resolve('tests/e2e/pages')],
        ['/vendor/react/', resolve('node_modules/react/umd')],
        ['/vendor/react-dom/', resolve('node_modules/react-dom/umd')],
      ]);
      await use(url);
      server.close();
    },
    { scope: 'worker' },
  ],
  userDataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'cpt-lens-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ userDataDir }, use) => {
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});

export const expect = test.expect;

/** Sizes of the page's cpt-lens-* highlights, read from the page's own CSS.highlights registry. */
export const READ_HIGHLIGHTS = () => {
  const out: Record<string, string[]> = {};
  for (const [name, hl] of (CSS.highlights as unknown as Map<string, Highlight>).entries()) {
    if (!name.startsWith('cpt-lens-')) continue;
    out[name] = [...(hl as unknown as Set<AbstractRange>)].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }
  return out;
};
