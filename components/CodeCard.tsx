// One card for a code, shared by the hover card and the popup's detail view.
import type { CardModel } from '../utils/card-model';
import { t } from '../utils/i18n';

export interface CardActions {
  onPin?: () => void;
  onCopy?: () => void;
  onOpenPopup?: () => void;
  onNotACode?: () => void;
  onClose?: () => void;
}

const fmt = (n: number) => n.toFixed(2);
const usd = (n: number) => `$${n.toFixed(2)}`;

export function CodeCard({ model, actions, statusMessage }: { model: CardModel; actions: CardActions; statusMessage?: string }) {
  const id = `cpt-lens-card-${model.code}`;
  return (
    <div class="card" role="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-code={model.code}>
      <header class="head">
        <h2 id={`${id}-title`} class="title">
          {model.title}
        </h2>
        <span class="category">{model.category}</span>
        {actions.onClose && (
          <button type="button" class="close" aria-label={t('cardClose')} onClick={actions.onClose}>
            ×
          </button>
        )}
      </header>
      {model.section && <p class="section">{model.section}</p>}
      <p id={`${id}-desc`} class="descriptor">
        {model.descriptor}
        {model.descriptorSource && <span class="source"> · {model.descriptorSource}</span>}
      </p>
      {model.status && (
        <p class={`status status-${model.status.code}`}>
          <strong>{t('cardStatus', model.status.code, model.status.label)}</strong> {model.status.billing}
        </p>
      )}
      {model.rvus && (
        <table class="rvus">
          <caption>{model.row ? t('cardRvusRow', model.row) : t('cardRvus')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cardWork')}</th>
              <th scope="col">{t('cardPeNonFac')}</th>
              <th scope="col">{t('cardPeFacility')}</th>
              <th scope="col">{t('cardMp')}</th>
              <th scope="col">{t('cardTotalNonFac')}</th>
              <th scope="col">{t('cardTotalFacility')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-field="work">{fmt(model.rvus.work)}</td>
              <td data-field="peNonFacility">
                {fmt(model.rvus.peNonFacility)}
                {model.rvus.peNonFacilityNa && <abbr title={t('cardNa')}> NA</abbr>}
              </td>
              <td data-field="peFacility">
                {fmt(model.rvus.peFacility)}
                {model.rvus.peFacilityNa && <abbr title={t('cardNa')}> NA</abbr>}
              </td>
              <td data-field="mp">{fmt(model.rvus.mp)}</td>
              <td data-field="totalNonFacility">{fmt(model.rvus.totalNonFacility)}</td>
              <td data-field="totalFacility">{fmt(model.rvus.totalFacility)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {model.payment && (
        <dl class="payment">
          <dt>{t('cardNational')}</dt>
          <dd data-field="national">{t('cardPerSetting', usd(model.payment.nationalNonFacility), usd(model.payment.nationalFacility))}</dd>
          {model.payment.locality && (
            <>
              <dt>{model.payment.locality.name}</dt>
              <dd data-field="locality">
                {t('cardPerSetting', usd(model.payment.locality.nonFacility), usd(model.payment.locality.facility))}
              </dd>
            </>
          )}
          {!model.payment.usedForPayment && <dd class="note">{t('cardNotPaid', model.status?.code ?? '')}</dd>}
        </dl>
      )}
      {model.global && (
        <p class="global">
          <strong>{t('cardGlobal', model.global.days)}</strong> {model.global.meaning}
        </p>
      )}
      {model.mue && (
        <p class="mue">
          <strong>{t('cardMue', model.mue.units)}</strong> {model.mue.meaning}
        </p>
      )}
      {model.caveats.length > 0 && (
        <ul class="caveats" aria-label={t('cardCaveats')}>
          {model.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {model.changes.length > 0 && (
        <details class="changes">
          <summary>{t('cardChanged', model.changes.length)}</summary>
          <ul>
            {model.changes.slice(0, 12).map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions">
        {actions.onPin && (
          <button type="button" onClick={actions.onPin}>
            {t('pin')}
          </button>
        )}
        {actions.onCopy && (
          <button type="button" onClick={actions.onCopy}>
            {t('cardCopy')}
          </button>
        )}
        {actions.onOpenPopup && (
          <button type="button" onClick={actions.onOpenPopup}>
            {t('cardOpenPopup')}
          </button>
        )}
        {actions.onNotACode && (
          <button type="button" onClick={actions.onNotACode}>
            {t('notACode')}
          </button>
        )}
      </div>
      <p class="live" role="status" aria-live="polite">
        {statusMessage ?? ''}
      </p>
      <footer class="foot">
        <p class="release">{t('cardData', model.release)}</p>
        <p class="notice">{model.notice}</p>
      </footer>
    </div>
  );
}
