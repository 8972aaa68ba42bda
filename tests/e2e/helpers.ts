import type { Frame, Page, Worker } from '@playwright/test';
import type { CodeRecord } from '../../data/dataset';
import { recordOfRow, type CodeRow } from '../../data/encoding';
import { chunkOf } from '../../utils/dataset-store';
import { expect, READ_HIGHLIGHTS } from './fixtures';

export async function marksOf(target: Page | Frame): Promise<Record<string, string[]>> {
  return target.evaluate(READ_HIGHLIGHTS);
}

export async function allMarks(target: Page | Frame): Promise<string[]> {
  return Object.values(await marksOf(target)).flat();
}

/** Waits until the page's marks include every token given. */
export async function waitForMarks(target: Page | Frame, tokens: string[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const marks = Object.values(await marksOf(target)).flat();
        return tokens.filter((t) => !marks.includes(t));
      },
      { timeout: 20_000 },
    )
    .toEqual([]);
}

/** Centre of the n-th mark whose text is token, from the highlight's own range. */
export async function markCentre(page: Page, token: string, nth = 0): Promise<{ x: number; y: number; rect: DOMRect }> {
  const found = await page.evaluate(
    ([token, nth]) => {
      const hits: DOMRect[] = [];
      for (const [name, hl] of (CSS.highlights as unknown as Map<string, Set<AbstractRange>>).entries()) {
        if (!name.startsWith('cpt-lens-')) continue;
        for (const r of hl) {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          if (range.toString() === token) hits.push(range.getBoundingClientRect());
        }
      }
      hits.sort((a, b) => a.top - b.top || a.left - b.left);
      const rect = hits[nth as number];
      return rect
        ? {
            x: rect.x,
            y: rect.y,
            width: rect.width,
            height: rect.height,
            top: rect.top,
            left: rect.left,
            right: rect.right,
            bottom: rect.bottom,
          }
        : null;
    },
    [token, nth] as const,
  );
  if (!found) throw new Error(`no mark "${token}" on the page`);
  return { x: found.x + found.width / 2, y: found.y + found.height / 2, rect: found as unknown as DOMRect };
}

export const card = (page: Page) => page.locator('cpt-lens-ui .card');

export async function hoverMark(page: Page, token: string): Promise<void> {
  const { x, y } = await markCentre(page, token);
  await page.mouse.move(x - 2, y);
  await page.mouse.move(x, y);
  await expect(card(page)).toBeVisible({ timeout: 5000 });
}

/**
 * Reads the worker's IndexedDB without ever creating it (that would race Dexie's own upgrade) and closes
 * the connection after one read. Resolves null while the database does not exist yet.
 */
export async function readDb<T>(worker: Worker, store: string, key: unknown, all = false): Promise<T | null> {
  return worker.evaluate(
    ([store, key, all]) =>
      new Promise<T | null>((resolve, reject) => {
        const open = indexedDB.open('cpt-lens');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(store as string)) {
            db.close();
            return resolve(null);
          }
          const os = db.transaction(store as string).objectStore(store as string);
          const req = all ? os.getAll() : os.get(key as IDBValidKey);
          req.onsuccess = () => {
            db.close();
            resolve(req.result as T);
          };
          req.onerror = () => {
            db.close();
            reject(req.error);
          };
        };
      }),
    [store, key, all] as const,
  );
}

/** A record straight from the worker's IndexedDB (its chunk, decoded here), to check the card's figures against. */
export async function dbRecord(worker: Worker, code: string, modifier = ''): Promise<CodeRecord> {
  const chunk = await readDb<{ rows: CodeRow[] }>(worker, 'codeChunks', chunkOf(code));
  const release = await readDb<{ value: { releaseIds: string[] } }>(worker, 'meta', 'release');
  const row = chunk?.rows.find((r) => r[0] === code && r[1] === modifier);
  if (!row || !release) throw new Error(`no record ${code} ${modifier}`);
  return recordOfRow(row, release.value.releaseIds);
}

export async function pinsOf(worker: Worker): Promise<{ code: string; modifier: string }[]> {
  return (await readDb<{ code: string; modifier: string }[]>(worker, 'pins', null, true)) ?? [];
}

/** Sends a message to the tab's top frame exactly as the worker does for the keyboard command. */
export async function sendToTab(worker: Worker, urlPart: string, type: string, data: unknown): Promise<unknown> {
  return worker.evaluate(
    async ([urlPart, type, data]) => {
      // Without the tabs permission (CPT Lens does not ask for it) URLs are hidden: take the active tab, as the command does.
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab?.id) throw new Error(`no active tab for ${urlPart as string}`);
      return chrome.tabs.sendMessage(tab.id, { id: 1, type, data, timestamp: Date.now() }, { frameId: 0 });
    },
    [urlPart, type, data] as const,
  );
}

export async function setStorage(worker: Worker, values: Record<string, unknown>): Promise<void> {
  await worker.evaluate((v) => chrome.storage.local.set(v), values);
}
