// The toolbar popup: search, and the detail card for a code (also opened from a page's card).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locality } from '../data/gpci';
import { buildCard } from '../utils/card-model';
import type { CodeEntry } from '../utils/dataset-store';
import { messaging, type ReleaseBrief, type SearchHit } from '../utils/messaging';
import { popupCodeItem } from '../utils/popup-handoff';
import { localityItem, placeOfServiceItem } from '../utils/settings';
import { CodeCard } from './CodeCard';

export function Popup() {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [selected, setSelected] = useState(0);
  const [detail, setDetail] = useState<{ code: string; modifiers: string[]; entry: CodeEntry | null; release: ReleaseBrief } | null>(null);
  const [locality, setLocality] = useState<Locality | null>(null);
  const [setting, setSetting] = useState<'nonFacility' | 'facility'>('nonFacility');
  const [message, setMessage] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const openCode = async (token: string) => {
    const [code, ...modifiers] = token.split('-');
    const res = await messaging.sendMessage('lookup', { codes: [code!] });
    setDetail({ code: code!, modifiers, entry: res.entries[code!] ?? null, release: res.release });
    setMessage('');
  };

  useEffect(() => {
    input.current?.focus();
    void (async () => {
      const id = await localityItem.getValue();
      setSetting(await placeOfServiceItem.getValue());
      if (id) setLocality(await messaging.sendMessage('locality', { id }));
      const handoff = await popupCodeItem.getValue();
      if (handoff) {
        await popupCodeItem.setValue(null);
        await openCode(handoff);
      }
    })();
  }, []);

  useEffect(() => {
    let stale = false;
    if (query.trim() === '') {
      setHits([]);
      return;
    }
    void messaging.sendMessage('search', { query, limit: 30 }).then((h) => !stale && (setHits(h), setSelected(0)));
    return () => {
      stale = true;
    };
  }, [query]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setSelected((s) => Math.min(hits.length - 1, s + 1));
    else if (e.key === 'ArrowUp') setSelected((s) => Math.max(0, s - 1));
    else if (e.key === 'Enter' && hits[selected]) void openCode(hits[selected]!.record.code);
    else return;
    e.preventDefault();
  };

  if (detail) {
    const model = buildCard({ ...detail, locality, setting });
    return (
      <main class="popup">
        <button type="button" onClick={() => (setDetail(null), setTimeout(() => input.current?.focus()))}>
          ← Back to search
        </button>
        <CodeCard
          model={model}
          statusMessage={message}
          actions={{
            onPin: () =>
              void messaging
                .sendMessage('pinAdd', { code: detail.code, modifier: detail.modifiers[0] ?? '' })
                .then(() => setMessage(`Pinned ${model.title} to the quick-list`)),
            onCopy: () => void navigator.clipboard.writeText(model.title).then(() => setMessage(`Copied ${model.title}`)),
          }}
        />
      </main>
    );
  }
  return (
    <main class="popup">
      <label for="q">Search codes or descriptors</label>
      <input
        id="q"
        ref={input}
        type="search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-controls="results"
        autocomplete="off"
      />
      <ul id="results" class="results" role="listbox" aria-label="Results">
        {hits.map((h, i) => (
          <li key={h.record.code} role="option" aria-selected={i === selected} onClick={() => void openCode(h.record.code)}>
            <strong>{h.record.code}</strong> {h.record.shortDescriptor || h.record.longDescriptor}
          </li>
        ))}
      </ul>
      <p class="muted">CPT codes and descriptions only are copyright American Medical Association. All Rights Reserved.</p>
    </main>
  );
}
