import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  categoriesItem,
  enabledItem,
  localityItem,
  onlySitesItem,
  pausedSitesItem,
  placeOfServiceItem,
  readContentSettings,
  siteModeItem,
  strictnessItem,
  suppressedItem,
  themeItem,
  watchContentSettings,
} from './settings';

describe('content settings', () => {
  beforeEach(() => fakeBrowser.reset());

  // Open tabs apply a change at once only if it is watched: every setting the content script reads must be.
  it.each([
    ['enabled', () => enabledItem.setValue(false)],
    ['paused sites', () => pausedSitesItem.setValue(['ehr.example'])],
    ['strictness', () => strictnessItem.setValue('strict')],
    ['suppressed', () => suppressedItem.setValue({ 'ehr.example': ['99213'] })],
    ['locality', () => localityItem.setValue('01112-01')],
    ['place of service', () => placeOfServiceItem.setValue('facility')],
    ['categories', () => categoriesItem.setValue(['cpt1'])],
    ['site mode', () => siteModeItem.setValue('only')],
    // In "only" mode, listing the site un-pauses it.
    ['only sites', () => onlySitesItem.setValue(['ehr.example']), () => siteModeItem.setValue('only')],
    ['theme', () => themeItem.setValue('dark')],
  ] as [string, () => Promise<void>, (() => Promise<void>)?][])(
    'a change of %s reaches the watcher and the settings read',
    async (_name, change, setup) => {
      await setup?.();
      const before = await readContentSettings('ehr.example');
      let calls = 0;
      const unwatch = watchContentSettings(() => calls++);
      await change();
      await expect.poll(() => calls).toBe(1);
      unwatch();
      expect(await readContentSettings('ehr.example')).not.toEqual(before);
    },
  );

  it('"only on these sites" pauses every other site', async () => {
    await siteModeItem.setValue('only');
    await onlySitesItem.setValue(['ehr.example']);
    expect((await readContentSettings('ehr.example')).paused).toBe(false);
    expect((await readContentSettings('news.example')).paused).toBe(true);
  });
});
