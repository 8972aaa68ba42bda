// The options page: detection strictness, the global switch, paused sites, and "Not a code here" with undo.
import { useEffect, useState } from 'preact/hooks';
import type { Strictness } from '../utils/detect';
import { enabledItem, pausedSitesItem, strictnessItem, suppressedItem, unsuppressToken } from '../utils/settings';

export function Options() {
  const [enabled, setEnabled] = useState(true);
  const [strictness, setStrictness] = useState<Strictness>('balanced');
  const [paused, setPaused] = useState<string[]>([]);
  const [suppressed, setSuppressed] = useState<Record<string, string[]>>({});
  const [newSite, setNewSite] = useState('');

  useEffect(() => {
    const load = async () => {
      setEnabled(await enabledItem.getValue());
      setStrictness(await strictnessItem.getValue());
      setPaused(await pausedSitesItem.getValue());
      setSuppressed(await suppressedItem.getValue());
    };
    void load();
    const unwatch = [enabledItem, strictnessItem, pausedSitesItem, suppressedItem].map((i) => i.watch(() => void load()));
    return () => unwatch.forEach((u) => u());
  }, []);

  const entries = Object.entries(suppressed).flatMap(([site, tokens]) => tokens.map((token) => ({ site, token })));
  return (
    <main class="options">
      <h1>CPT Lens options</h1>
      <fieldset>
        <legend>Marking</legend>
        <label>
          <input type="checkbox" checked={enabled} onChange={(e) => void enabledItem.setValue(e.currentTarget.checked)} /> Mark codes on
          pages
        </label>
        <p>
          <label for="strictness">Detection</label>
          <select id="strictness" value={strictness} onChange={(e) => void strictnessItem.setValue(e.currentTarget.value as Strictness)}>
            <option value="balanced">Balanced (default)</option>
            <option value="strict">Strict: a bare five-digit number needs a cue such as "CPT"</option>
            <option value="everything">Everything the dataset knows</option>
          </select>
        </p>
      </fieldset>
      <fieldset>
        <legend>Paused sites</legend>
        <ul aria-label="Paused sites">
          {paused.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                onClick={() => void pausedSitesItem.setValue(paused.filter((s) => s !== site))}
                aria-label={`Resume on ${site}`}
              >
                Resume
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const site = newSite.trim();
            if (site && !paused.includes(site)) void pausedSitesItem.setValue([...paused, site]);
            setNewSite('');
          }}
        >
          <label for="site">Pause on site (host name)</label>{' '}
          <input id="site" value={newSite} onInput={(e) => setNewSite(e.currentTarget.value)} /> <button type="submit">Pause</button>
        </form>
      </fieldset>
      <fieldset>
        <legend>Not a code here</legend>
        {entries.length === 0 && <p class="muted">No tokens are suppressed.</p>}
        <ul aria-label="Suppressed tokens">
          {entries.map(({ site, token }) => (
            <li key={`${site} ${token}`}>
              {token} on {site}{' '}
              <button type="button" onClick={() => void unsuppressToken(site, token)} aria-label={`Mark ${token} on ${site} again`}>
                Undo
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
    </main>
  );
}
