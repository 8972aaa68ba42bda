// Codes found on the active tab, in page order: click to scroll to one and open its card; pin or copy them all.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import { messaging } from '../utils/messaging';

type PageCode = { token: string; code: string; modifiers: string[]; context: string };

export function PageCodes({ onPinned }: { onPinned: () => Promise<void> }) {
  const [codes, setCodes] = useState<PageCode[] | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void (async () => {
      // The toolbar popup lists the active tab; popup.html?tab=N (the popup opened as a page) lists tab N.
      const asked = Number(new URLSearchParams(location.search).get('tab'));
      const id = Number.isInteger(asked) && asked > 0 ? asked : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return setCodes([]);
      setTabId(id);
      try {
        setCodes(await messaging.sendMessage('pageCodes', undefined, { tabId: id, frameId: 0 }));
      } catch {
        setCodes(null);
        setMessage(t('pageUnavailable'));
      }
    })();
  }, []);

  if (codes === null) return <p class="muted">{message || '…'}</p>;
  if (codes.length === 0) return <p class="muted">{t('pageNone')}</p>;
  return (
    <div>
      <div class="actions-row">
        <button
          type="button"
          onClick={async () => {
            for (const c of codes) await messaging.sendMessage('pinAdd', { code: c.code, modifier: c.modifiers[0] ?? '' });
            await onPinned();
            setMessage(t('pinnedNotice', String(codes.length)));
          }}
        >
          {t('pinAll')}
        </button>
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard
              .writeText(codes.map((c) => c.token).join('\n'))
              .then(() => setMessage(t('copiedNotice', String(codes.length))))
          }
        >
          {t('copyAll')}
        </button>
      </div>
      <ol class="page-codes">
        {codes.map((c, i) => (
          <li key={`${c.token}-${i}`}>
            <button
              type="button"
              class="linkish"
              onClick={() =>
                tabId !== null && void messaging.sendMessage('revealCode', { index: i }, { tabId, frameId: 0 }).then(() => window.close())
              }
            >
              {c.token}
            </button>{' '}
            <span class="muted">{c.context}</span>
          </li>
        ))}
      </ol>
      <p role="status" aria-live="polite" class="live">
        {message}
      </p>
    </div>
  );
}
