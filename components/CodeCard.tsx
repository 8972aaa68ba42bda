// One card for a code, shared by the hover card and the popup's detail view.
import type { CardModel } from '../utils/card-model';

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
          <button type="button" class="close" aria-label="Close" onClick={actions.onClose}>
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
          <strong>
            Status {model.status.code}: {model.status.label}.
          </strong>{' '}
          {model.status.billing}
        </p>
      )}
      {model.rvus && (
        <table class="rvus">
          <caption>RVUs{model.row ? ` (${model.row})` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Work</th>
              <th scope="col">PE non-fac.</th>
              <th scope="col">PE facility</th>
              <th scope="col">MP</th>
              <th scope="col">Total non-fac.</th>
              <th scope="col">Total facility</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-field="work">{fmt(model.rvus.work)}</td>
              <td data-field="peNonFacility">
                {fmt(model.rvus.peNonFacility)}
                {model.rvus.peNonFacilityNa && <abbr title="Not applicable in this setting"> NA</abbr>}
              </td>
              <td data-field="peFacility">
                {fmt(model.rvus.peFacility)}
                {model.rvus.peFacilityNa && <abbr title="Not applicable in this setting"> NA</abbr>}
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
          <dt>National</dt>
          <dd data-field="national">
            {usd(model.payment.nationalNonFacility)} non-facility · {usd(model.payment.nationalFacility)} facility
          </dd>
          {model.payment.locality && (
            <>
              <dt>{model.payment.locality.name}</dt>
              <dd data-field="locality">
                {usd(model.payment.locality.nonFacility)} non-facility · {usd(model.payment.locality.facility)} facility
              </dd>
            </>
          )}
          {!model.payment.usedForPayment && <dd class="note">Medicare does not pay from these RVUs (status {model.status?.code}).</dd>}
        </dl>
      )}
      {model.global && (
        <p class="global">
          <strong>Global {model.global.days}.</strong> {model.global.meaning}
        </p>
      )}
      {model.mue && (
        <p class="mue">
          <strong>MUE {model.mue.units} units.</strong> {model.mue.meaning}
        </p>
      )}
      {model.caveats.length > 0 && (
        <ul class="caveats" aria-label="Caveats">
          {model.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {model.changes.length > 0 && (
        <details class="changes">
          <summary>What changed ({model.changes.length})</summary>
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
            Pin
          </button>
        )}
        {actions.onCopy && (
          <button type="button" onClick={actions.onCopy}>
            Copy
          </button>
        )}
        {actions.onOpenPopup && (
          <button type="button" onClick={actions.onOpenPopup}>
            Open in popup
          </button>
        )}
        {actions.onNotACode && (
          <button type="button" onClick={actions.onNotACode}>
            Not a code here
          </button>
        )}
      </div>
      <p class="live" role="status" aria-live="polite">
        {statusMessage ?? ''}
      </p>
      <footer class="foot">
        <p class="release">Data: {model.release}</p>
        <p class="notice">{model.notice}</p>
      </footer>
    </div>
  );
}
