// User settings live in extension storage: every open tab hears a change at once (storage.onChanged),
// and a re-seed of the dataset can never touch them.
import { storage } from 'wxt/utils/storage';
import type { Setting } from '../data/pricing';
import type { Strictness } from './detect';
import type { CodeCategory } from '../data/categories';

export const enabledItem = storage.defineItem<boolean>('local:enabled', { fallback: true });
export const pausedSitesItem = storage.defineItem<string[]>('local:pausedSites', { fallback: [] });
export const strictnessItem = storage.defineItem<Strictness>('local:strictness', { fallback: 'balanced' });
/** "Not a code here": per site, the tokens (code with modifiers as shown) not to mark. */
export const suppressedItem = storage.defineItem<Record<string, string[]>>('local:suppressed', { fallback: {} });
export const localityItem = storage.defineItem<string | null>('local:localityId', { fallback: null });
export const placeOfServiceItem = storage.defineItem<Setting>('local:placeOfService', { fallback: 'nonFacility' });

export const categoriesItem = storage.defineItem<CodeCategory[]>('local:categories', {
  fallback: ['cpt1', 'cpt2', 'cpt3', 'pla', 'level2'],
});
/** "all": mark everywhere except paused sites; "only": mark only on the listed sites. */
export const siteModeItem = storage.defineItem<'all' | 'only'>('local:siteMode', { fallback: 'all' });
export const onlySitesItem = storage.defineItem<string[]>('local:onlySites', { fallback: [] });
export const themeItem = storage.defineItem<'auto' | 'light' | 'dark'>('local:theme', { fallback: 'auto' });

export interface ContentSettings {
  enabled: boolean;
  paused: boolean;
  strictness: Strictness;
  suppressed: string[];
  localityId: string | null;
  placeOfService: Setting;
  categories: CodeCategory[];
  theme: 'auto' | 'light' | 'dark';
}

/** Every setting a page's content script follows: read together, and watched together, from this one list. */
const CONTENT_ITEMS = [
  enabledItem,
  pausedSitesItem,
  strictnessItem,
  suppressedItem,
  localityItem,
  placeOfServiceItem,
  categoriesItem,
  siteModeItem,
  onlySitesItem,
  themeItem,
] as const;
type ValuesOf<T extends readonly { getValue(): Promise<unknown> }[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]['getValue']>> };

export async function readContentSettings(site: string): Promise<ContentSettings> {
  const [enabled, paused, strictness, suppressed, localityId, placeOfService, categories, siteMode, onlySites, theme] = (await Promise.all(
    CONTENT_ITEMS.map((item) => item.getValue()),
  )) as ValuesOf<typeof CONTENT_ITEMS>;
  return {
    enabled,
    paused: paused.includes(site) || (siteMode === 'only' && !onlySites.includes(site)),
    strictness,
    suppressed: suppressed[site] ?? [],
    localityId,
    placeOfService,
    categories,
    theme,
  };
}

/** Calls back whenever any content-relevant setting changes. Returns the unwatch function. */
export function watchContentSettings(onChange: () => void): () => void {
  const unwatch = CONTENT_ITEMS.map((item) => (item.watch as (cb: () => void) => () => void)(() => onChange()));
  return () => unwatch.forEach((u) => u());
}

export async function suppressToken(site: string, token: string): Promise<void> {
  const all = await suppressedItem.getValue();
  const list = all[site] ?? [];
  if (!list.includes(token)) await suppressedItem.setValue({ ...all, [site]: [...list, token] });
}

export async function unsuppressToken(site: string, token: string): Promise<void> {
  const all = await suppressedItem.getValue();
  const list = (all[site] ?? []).filter((t) => t !== token);
  const next = { ...all, [site]: list };
  if (list.length === 0) delete next[site];
  await suppressedItem.setValue(next);
}

/** The benchmark turns this on to have content scripts record their slices as User Timing measures. */
export const benchTimingItem = storage.defineItem<boolean>('local:benchTiming', { fallback: false });
