// The options page: locality and place of service, detection, sites, "Not a code here" with undo, theme, dataset status.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CODE_CATEGORIES, type CodeCategory } from '../data/categories';
import type { Locality } from '../data/gpci';
import type { Setting } from '../data/pricing';
import { releaseLabel } from '../data/release';
import type { Strictness } from '../utils/detect';
import { t, text, type MessageKey } from '../utils/i18n';
import { messaging, type DatasetStatus } from '../utils/messaging';
import {
  categoriesItem,
  enabledItem,
  localityItem,
  onlySitesItem,
  pausedSitesItem,
  placeOfServiceItem,
  siteModeItem,
  strictnessItem,
  suppressedItem,
  themeItem,
  unsuppressToken,
} from '../utils/settings';

function SiteList({
  label,
  sites,
  onChange,
  removeLabel,
}: {
  label: string;
  sites: string[];
  onChange: (s: string[]) => void;
  removeLabel: (s: string) => string;
}) {
  const [value, setValue] = useState('');
  const id = label.replace(/\W+/g, '-').toLowerCase();
  return (
    <div>
      <h3 id={`${id}-h`}>{label}</h3>
      <ul aria-labelledby={`${id}-h`}>
        {sites.map((site) => (
          <li key={site}>
            {site}{' '}
            <button type="button" onClick={() => onChange(sites.filter((s) => s !== site))} aria-label={removeLabel(site)}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const site = value.trim().toLowerCase();
          if (site && !sites.includes(site)) onChange([...sites, site]);
          setValue('');
        }}
      >
        <label for={`${id}-input`}>{t('siteHost')}</label>{' '}
        <input id={`${id}-input`} value={value} onInput={(e) => setValue(e.currentTarget.value)} />{' '}
        <button type="submit">{t('add')}</button>
      </form>
    </div>
  );
}

export function Options() {
  const [enabled, setEnabled] = useState(true);
  const [strictness, setStrictness] = useState<Strictness>('balanced');
  const [categories, setCategories] = useState<CodeCategory[]>([]);
  const [paused, setPaused] = useState<string[]>([]);
  const [only, setOnly] = useState<string[]>([]);
  const [siteMode, setSiteMode] = useState<'all' | 'only'>('all');
  const [suppressed, setSuppressed] = useState<Record<string, string[]>>({});
  const [theme, setTheme] = useState<'auto' | 'light' | 'dark'>('auto');
  const [localityId, setLocalityId] = useState<string | null>(null);
  const [pos, setPos] = useState<Setting>('nonFacility');
  const [localities, setLocalities] = useState<Locality[]>([]);
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<DatasetStatus | null>(null);

  useEffect(() => {
    const load = async () => {
      setEnabled(await enabledItem.getValue());
      setStrictness(await strictnessItem.getValue());
      setCategories(await categoriesItem.getValue());
      setPaused(await pausedSitesItem.getValue());
      setOnly(await onlySitesItem.getValue());
      setSiteMode(await siteModeItem.getValue());
      setSuppressed(await suppressedItem.getValue());
      setTheme(await themeItem.getValue());
      setLocalityId(await localityItem.getValue());
      setPos(await placeOfServiceItem.getValue());
    };
    void load();
    void messaging.sendMessage('localities', undefined).then(setLocalities);
    void messaging.sendMessage('status', undefined).then(setStatus);
    const items = [
      enabledItem,
      strictnessItem,
      categoriesItem,
      pausedSitesItem,
      onlySitesItem,
      siteModeItem,
      suppressedItem,
      themeItem,
      localityItem,
      placeOfServiceItem,
    ];
    const unwatch = items.map((i) => (i as { watch: (cb: () => void) => () => void }).watch(() => void load()));
    return () => unwatch.forEach((u) => u());
  }, []);

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return localities.filter((l) => !f || `${l.name} ${l.state} ${l.localityNumber} ${l.mac}`.toLowerCase().includes(f));
  }, [localities, filter]);
  const entries = Object.entries(suppressed).flatMap(([site, tokens]) => tokens.map((token) => ({ site, token })));

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <fieldset>
        <legend>{t('payments')}</legend>
        <p>
          <label for="locality-filter">{t('localityFilter')}</label>
          <input
            id="locality-filter"
            type="search"
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
            aria-controls="locality"
          />
        </p>
        <p>
          <label for="locality">{t('locality')}</label>
          <select
            id="locality"
            size={8}
            value={localityId ?? ''}
            onChange={(e) => void localityItem.setValue(e.currentTarget.value || null)}
          >
            <option value="">{t('localityNational')}</option>
            {shown.map((l) => (
              <option key={l.id} value={l.id}>
                {l.state} · {l.name} (MAC {l.mac}, locality {l.localityNumber})
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="pos">{t('placeOfService')}</label>
          <select id="pos" value={pos} onChange={(e) => void placeOfServiceItem.setValue(e.currentTarget.value as Setting)}>
            <option value="nonFacility">{t('nonFacility')}</option>
            <option value="facility">{t('facility')}</option>
          </select>
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('marking')}</legend>
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => void enabledItem.setValue(e.currentTarget.checked)} /> {t('markCodes')}
        </label>
        <p>
          <label for="strictness">{t('detection')}</label>
          <select id="strictness" value={strictness} onChange={(e) => void strictnessItem.setValue(e.currentTarget.value as Strictness)}>
            <option value="balanced">{t('strictBalanced')}</option>
            <option value="strict">{t('strictStrict')}</option>
            <option value="everything">{t('strictEverything')}</option>
          </select>
        </p>
        <fieldset>
          <legend>{t('categories')}</legend>
          {CODE_CATEGORIES.map((c) => (
            <label key={c} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) =>
                  void categoriesItem.setValue(e.currentTarget.checked ? [...categories, c] : categories.filter((x) => x !== c))
                }
              />{' '}
              {t(`category_${c}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <p>
          <label for="theme">{t('theme')}</label>
          <select id="theme" value={theme} onChange={(e) => void themeItem.setValue(e.currentTarget.value as 'auto' | 'light' | 'dark')}>
            <option value="auto">{t('themeAuto')}</option>
            <option value="light">{t('themeLight')}</option>
            <option value="dark">{t('themeDark')}</option>
          </select>
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('sites')}</legend>
        <label style={{ display: 'block' }}>
          <input type="radio" name="site-mode" checked={siteMode === 'all'} onChange={() => void siteModeItem.setValue('all')} />{' '}
          {t('siteModeAll')}
        </label>
        <label style={{ display: 'block' }}>
          <input type="radio" name="site-mode" checked={siteMode === 'only'} onChange={() => void siteModeItem.setValue('only')} />{' '}
          {t('siteModeOnly')}
        </label>
        <SiteList
          label={t('pausedSites')}
          sites={paused}
          onChange={(s) => void pausedSitesItem.setValue(s)}
          removeLabel={(s) => t('resume', s)}
        />
        <SiteList
          label={t('onlySites')}
          sites={only}
          onChange={(s) => void onlySitesItem.setValue(s)}
          removeLabel={(s) => t('removeSite', s)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('notACode')}</legend>
        {entries.length === 0 && <p class="muted">{t('noneSuppressed')}</p>}
        <ul aria-label={t('notACode')}>
          {entries.map(({ site, token }) => (
            <li key={`${site} ${token}`}>
              {token} · {site}{' '}
              <button type="button" onClick={() => void unsuppressToken(site, token)} aria-label={t('unsuppress', token, site)}>
                {t('undo')}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('dataset')}</legend>
        <p data-field="dataset-status">
          {status
            ? t(
                'datasetStatus',
                status.release.id,
                releaseLabel(status.release.id, text),
                status.release.releasedDate,
                status.release.recordCount,
                new Date(status.release.installedAt).toLocaleString(),
                new Date(status.release.checkedAt).toLocaleString(),
              )
            : '…'}
        </p>
      </fieldset>
    </main>
  );
}
