// The pinned quick-list: units, notes, reorder (keyboard and drag), remove, clear with undo, totals, exports.
import { useEffect, useState } from 'preact/hooks';
import type { Locality } from '../data/gpci';
import type { Setting } from '../data/pricing';
import type { CodeEntry } from '../utils/dataset-store';
import type { Pin } from '../utils/db';
import { t, text } from '../utils/i18n';
import { messaging } from '../utils/messaging';
import { quickListCsv, quickListText, quickListTotals, type QuickListItem } from '../utils/quicklist';

interface Props {
  pins: Pin[];
  onChange: () => Promise<void>;
  locality: Locality | null;
  setting: Setting;
  onSetting: (s: Setting) => void;
  onOpen: (token: string) => void;
}

export function QuickList({ pins, onChange, locality, setting, onSetting, onOpen }: Props) {
  const [entries, setEntries] = useState<Record<string, CodeEntry | null>>({});
  const [cf, setCf] = useState(0);
  const [undo, setUndo] = useState<Pin[] | null>(null);
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);

  // Looked up again only when the list's codes change: a re-render on every units or note change would land
  // while the user types in the next field, and Preact would put the old value back into it.
  const codesKey = [...new Set(pins.map((p) => p.code))].sort().join(' ');
  useEffect(() => {
    const codes = codesKey ? codesKey.split(' ') : [];
    if (codes.length === 0) return;
    void messaging.sendMessage('lookup', { codes }).then((r) => {
      setEntries(r.entries);
      setCf(r.release.conversionFactor);
    });
  }, [codesKey]);

  const items: QuickListItem[] = pins.map((p) => {
    const e = entries[p.code] ?? null;
    const row = e ? (e.components.find((c) => c.modifier === p.modifier) ?? e.base) : null;
    return { code: p.code, modifier: p.modifier, units: p.units, note: p.note, record: row, base: e?.base ?? null };
  });
  const totals = quickListTotals(items, cf, setting, locality, text);

  const move = async (from: number, to: number) => {
    if (to < 0 || to >= pins.length || from === to) return;
    const ids = pins.map((p) => p.id!);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    await messaging.sendMessage('pinsReorder', { ids });
    await onChange();
    setTimeout(() => document.getElementById(`units-${id}`)?.focus());
  };
  const update = async (id: number, changes: { units?: number; note?: string }) => {
    await messaging.sendMessage('pinUpdate', { id, ...changes });
    await onChange();
  };
  const download = () => {
    const blob = new Blob([quickListCsv(totals, text)], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `cpt-lens-quick-list-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  if (pins.length === 0 && !undo) return <p class="muted">{t('emptyQuickList')}</p>;
  return (
    <div class="quick">
      <fieldset class="setting">
        <legend>{t('payment')}</legend>
        {(['nonFacility', 'facility'] as Setting[]).map((s) => (
          <label key={s}>
            <input type="radio" name="setting" value={s} checked={setting === s} onChange={() => onSetting(s)} />{' '}
            {s === 'facility' ? t('facility') : t('nonFacility')}
          </label>
        ))}
      </fieldset>
      <ol class="pins" aria-label={t('tabQuickList')}>
        {totals.lines.map((line, i) => {
          const pin = pins[i]!;
          const label = [pin.code, pin.modifier].filter(Boolean).join('-');
          return (
            <li
              key={pin.id}
              draggable
              class={dragging === i ? 'dragging' : ''}
              onDragStart={(e) => (setDragging(i), e.dataTransfer?.setData('text/plain', String(i)))}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(null);
                void move(Number(e.dataTransfer?.getData('text/plain') ?? i), i);
              }}
              onDragEnd={() => setDragging(null)}
              data-code={label}
            >
              <div class="pin-head">
                <button type="button" class="linkish" onClick={() => onOpen(label)}>
                  {label}
                </button>
                <span class="desc">{line.item.record?.shortDescriptor || line.item.record?.longDescriptor}</span>
              </div>
              <div class="pin-row">
                <label>
                  {t('units')}{' '}
                  <input
                    id={`units-${pin.id}`}
                    type="number"
                    min={1}
                    max={9999}
                    value={pin.units}
                    onChange={(e) => {
                      const units = Math.max(1, Math.min(9999, Math.round(Number(e.currentTarget.value) || 1)));
                      void update(pin.id!, { units });
                    }}
                    onKeyDown={(e) => {
                      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                      e.preventDefault();
                      void move(i, e.key === 'ArrowUp' ? i - 1 : i + 1);
                    }}
                  />
                </label>
                <label>
                  {t('note')}{' '}
                  <input
                    type="text"
                    value={pin.note}
                    maxLength={500}
                    onChange={(e) => void update(pin.id!, { note: e.currentTarget.value })}
                  />
                </label>
                <span class="figures" data-field="line-payment">
                  {line.workRvu.toFixed(2)} / {line.totalRvu.toFixed(2)} RVU · ${line.payment.toFixed(2)}
                </span>
                <button type="button" aria-label={t('moveUp', label)} disabled={i === 0} onClick={() => void move(i, i - 1)}>
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={t('moveDown', label)}
                  disabled={i === pins.length - 1}
                  onClick={() => void move(i, i + 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={t('remove', label)}
                  onClick={() => void messaging.sendMessage('pinRemove', { id: pin.id! }).then(onChange)}
                >
                  ✕
                </button>
              </div>
              {line.warnings.length > 0 && (
                <ul class="warnings">
                  {line.warnings.map((w) => (
                    <li key={w}>⚠ {w}</li>
                  ))}
                </ul>
              )}
              {pin.changed && pin.changed.length > 0 && (
                <p class="changed">
                  {t('changed')}: {pin.changed.join('; ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <table class="totals" aria-label={t('total')}>
        <tbody>
          <tr>
            <th scope="row">{t('workRvu')}</th>
            <td data-field="total-work">{totals.workRvu.toFixed(2)}</td>
          </tr>
          <tr>
            <th scope="row">{t('totalRvu')}</th>
            <td data-field="total-rvu">{totals.totalRvu.toFixed(2)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t('payment')} ({totals.where})
            </th>
            <td data-field="total-payment">${totals.payment.toFixed(2)}</td>
          </tr>
        </tbody>
      </table>
      <div class="actions-row">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(quickListText(totals, text)).then(() => setMessage(t('copiedNotice', t('tabQuickList'))))
          }
        >
          {t('copyText')}
        </button>
        <button type="button" onClick={download}>
          {t('exportCsv')}
        </button>
        <button
          type="button"
          onClick={() =>
            void messaging.sendMessage('pinsClear', undefined).then(async (removed) => {
              setUndo(removed);
              setMessage(t('cleared'));
              await onChange();
            })
          }
        >
          {t('clearAll')}
        </button>
        {undo && (
          <button
            type="button"
            onClick={() =>
              void messaging.sendMessage('pinsRestore', { pins: undo }).then(async () => {
                setUndo(null);
                setMessage('');
                await onChange();
              })
            }
          >
            {t('undo')}
          </button>
        )}
      </div>
      <p role="status" aria-live="polite" class="live">
        {message}
      </p>
    </div>
  );
}
