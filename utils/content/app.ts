// CPT Lens in a page (or frame): marks codes, shows cards, follows changes and settings. Torn down by the signal.
import { selfEvidentCategory } from '../../data/categories';
import type { Locality } from '../../data/gpci';
import type { CodeEntry } from '../dataset-store';
import highlightCss from '../../entrypoints/content/highlights.css?inline';
import { messaging, type ReleaseBrief } from '../messaging';
import { benchTimingItem, readContentSettings, suppressToken, watchContentSettings, type ContentSettings } from '../settings';
import { watchFormFields } from './form-fields';
import { HoverCard, targetOfMark } from './hover-card';
import { liveRange } from './mark-store';
import { Scanner, timing } from './scanner';
import { MainWorldBridge } from './world-bridge';
import { t } from '../i18n';

export interface CptLensPage {
  scanner: Scanner;
  card: HoverCard;
}

export async function startCptLens(signal: AbortSignal): Promise<CptLensPage> {
  const site = location.hostname || location.origin;
  let settings: ContentSettings = await readContentSettings(site);
  timing.enabled = await benchTimingItem.getValue();
  let release: ReleaseBrief | null = null;
  let locality: Locality | null = null;
  const loadLocality = async () => {
    locality = settings.localityId ? await messaging.sendMessage('locality', { id: settings.localityId }) : null;
  };
  await loadLocality();

  // A scan needs only the release's code list; a card's full entry is fetched when the pointer arrives on its
  // code, during the intent delay, and kept for this frame.
  const codes = async () => {
    const res = await messaging.sendMessage('codeList', undefined);
    release = res.release;
    return res.codes;
  };
  const scanner = new Scanner({
    codes,
    settings: () => settings,
    // The badge shows the top frame's count after every scan.
    onMarked: (count) => {
      if (window === window.top) void messaging.sendMessage('pageCount', { count }).catch(() => undefined);
    },
    signal,
    onShadowRoot: (shadow) => styleShadowRoot(shadow),
    bridge: MainWorldBridge.connect(document, signal),
  });
  const entries = new Map<string, CodeEntry | null>();
  const fetching = new Map<string, Promise<CodeEntry | null>>();
  const entryOf = (code: string): Promise<CodeEntry | null> => {
    if (entries.has(code)) return Promise.resolve(entries.get(code)!);
    let p = fetching.get(code);
    if (!p) {
      p = messaging.sendMessage('lookup', { codes: [code] }).then((res) => {
        release = res.release;
        const entry = res.entries[code] ?? null;
        entries.set(code, entry);
        return entry;
      });
      void p.finally(() => fetching.delete(code)).catch(() => undefined);
      fetching.set(code, p);
    }
    return p;
  };
  const card = new HoverCard({
    marksAt: (node) => scanner.marksAt(node),
    shadowRoots: () => scanner.shadowRoots,
    entryOf,
    cachedEntry: (code) => entries.get(code),
    prefetch: (code) => void entryOf(code).catch(() => undefined),
    context: () => ({ release, locality, setting: settings.placeOfService, theme: settings.theme }),
    signal,
    actions: {
      pin: async (target) => {
        await messaging.sendMessage('pinAdd', { code: target.code, modifier: target.modifiers[0] ?? '' });
        return t('pinnedNotice', target.token);
      },
      copy: async (target) => {
        await navigator.clipboard.writeText(target.token);
        return t('copiedNotice', target.token);
      },
      openPopup: async (target) =>
        (await messaging.sendMessage('openPopup', { code: target.token })) ? t('openedInPopup') : t('clickToolbar'),
      notACode: async (target) => suppressToken(site, target.token),
    },
  });
  watchFormFields(
    card,
    async (code) => selfEvidentCategory(code) !== null || (scanner.knows(code) ?? (await entryOf(code)) !== null),
    signal,
  );

  // Marks inside open shadow roots need the ::highlight() rules in that tree's own styles (not a DOM change).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(highlightCss);
  const styleShadowRoot = (shadow: ShadowRoot) => {
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  };

  let active = false;
  const root = () => document.body ?? document.documentElement;
  const activate = async () => {
    active = true;
    // Observe first: the first scan can wait seconds for a worker that is still seeding, and a change the
    // page makes meanwhile must not be missed.
    scanner.observe(document.documentElement);
    await scanner.scan(root());
  };
  const deactivate = () => {
    active = false;
    scanner.disconnect();
    scanner.clear();
    card.close();
  };
  if (settings.enabled && !settings.paused) await activate();

  // Settings apply at once in every open tab.
  const unwatch = watchContentSettings(() => {
    void (async () => {
      const before = settings;
      settings = await readContentSettings(site);
      if (settings.localityId !== before.localityId) await loadLocality();
      const shouldRun = settings.enabled && !settings.paused;
      if (!shouldRun && active) deactivate();
      else if (shouldRun && !active) await activate();
      else if (
        shouldRun &&
        (settings.strictness !== before.strictness ||
          settings.suppressed.join() !== before.suppressed.join() ||
          settings.categories.join() !== before.categories.join())
      ) {
        await scanner.rescanAll();
      }
    })();
  });

  // The keyboard command (via the worker): next / previous code, card opened and focused.
  let cursor = -1;
  if (window === window.top) {
    messaging.onMessage('navigateCode', async ({ data }) => {
      // Only codes a person can see: hidden text has no boxes.
      const marks = await visibleMarks();
      if (marks.length === 0) return false;
      cursor = (cursor + data.direction + marks.length) % marks.length;
      const mark = marks[cursor]!;
      mark.node.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      void card.open(targetOfMark(mark), { focus: true });
      return true;
    });
  }

  // The popup's "on this page" list, and its click-to-reveal.
  const visibleMarks = async () => (await scanner.allMarks()).filter((m) => liveRange(m).getClientRects().length > 0);
  if (window === window.top) {
    messaging.onMessage('pageCodes', async () =>
      (await visibleMarks()).map((m) => {
        const text = m.node.data;
        const context = `${text.slice(Math.max(0, m.match.start - 30), m.match.start)}[${m.token}]${text.slice(m.match.spanEnd, m.match.spanEnd + 30)}`;
        return { token: m.token, code: m.match.code, modifiers: m.match.modifiers, context: context.replace(/\s+/g, ' ').trim() };
      }),
    );
    messaging.onMessage('revealCode', async ({ data }) => {
      const mark = (await visibleMarks())[data.index];
      if (!mark) return false;
      mark.node.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest' });
      void card.open(targetOfMark(mark), { focus: true });
      return true;
    });
  }

  signal.addEventListener(
    'abort',
    () => {
      unwatch();
      deactivate();
    },
    { once: true },
  );
  return { scanner, card };
}
