// The receipt, on screen the moment the store has charged: every line with its savings, the
// coupons and promotions, each tax, the deposits, and the total the store charged (the store is
// authoritative for money, so its figure is the one printed as paid).
import type { CartSnapshot, SnapshotLine, SnapshotTrip } from '../../../../common/ui-protocol/snapshot.js';
import { localeFor, money, nameIn, quantityText } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

type Store = CartSnapshot['store'];

function ReceiptLine({ line, store }: { line: SnapshotLine; store: Store }) {
  const t = useWords();
  const language = useScreen((s) => s.language);
  const m = (minor: number): string => money(store, language, minor);
  const { measure } = line;
  const detail =
    measure.kind === 'weight'
      ? `${quantityText(measure, language, store)} @ ${m(line.unitPrice)}${t.perUnit(measure.per)}`
      : measure.kind === 'each' && measure.quantity > 1
        ? `${measure.quantity} @ ${m(line.unitPrice)}`
        : '';
  return (
    <li className="receipt-line" data-testid="receipt-line">
      <span className="receipt-name">{nameIn(line, language)}</span>
      <span className="receipt-amount">{m(line.regularTotal || line.total)}</span>
      {detail && <span className="receipt-detail">{detail}</span>}
      {(line.savings ?? []).map((s) => (
        <span key={s.name} className="receipt-saving">
          <span>{s.name}</span>
          <span>−{m(s.amount)}</span>
        </span>
      ))}
      {line.override && (
        <span className="receipt-detail">
          {t.priceSetByStaff}: {m(line.override.price)}
        </span>
      )}
    </li>
  );
}

function Summary({ trip, store }: { trip: SnapshotTrip; store: Store }) {
  const t = useWords();
  const language = useScreen((s) => s.language);
  const m = (minor: number): string => money(store, language, minor);
  const detail = trip.receipt;
  const percent = (ppm: number): string => new Intl.NumberFormat(localeFor(store, language), { style: 'percent', maximumFractionDigits: 3 }).format(ppm / 1_000_000);
  const charged = trip.payment?.total ?? trip.total;
  return (
    <dl className="receipt-summary" data-testid="receipt-summary">
      {detail && (
        <div className="row">
          <dt>{t.itemsBeforeSavings}</dt>
          <dd>{m(detail.regularSubtotal)}</dd>
        </div>
      )}
      {trip.savings > 0 && (
        <div className="row saving" data-testid="receipt-savings">
          <dt>{t.savings}</dt>
          <dd>−{m(trip.savings)}</dd>
        </div>
      )}
      {trip.coupons
        .filter((c) => c.amount > 0 && c.scope === 'basket')
        .map((c) => (
          <div key={c.code} className="row saving sub">
            <dt>
              {t.coupon}: {c.name}
            </dt>
            <dd>−{m(c.amount)}</dd>
          </div>
        ))}
      <div className="row">
        <dt>{t.subtotal}</dt>
        <dd>{m(trip.subtotal)}</dd>
      </div>
      {(detail?.deposits ?? []).map((d) => (
        <div key={d.name} className="row sub">
          <dt>
            {t.depositFor(nameIn(d, language), d.quantity)}
          </dt>
          <dd>{m(d.total)}</dd>
        </div>
      ))}
      {detail
        ? // A 0% class (most groceries) adds nothing the shopper needs to read.
          detail.taxes
            .filter((x) => x.tax > 0)
            .map((x) => (
            <div key={x.name} className="row" data-testid="receipt-tax">
              <dt>
                {x.name} ({percent(x.rate)}){detail.taxMode === 'inclusive' ? ` · ${t.taxIncluded}` : ''}
              </dt>
              <dd>{m(x.tax)}</dd>
            </div>
          ))
        : trip.tax > 0 && (
            <div className="row" data-testid="receipt-tax">
              <dt>{t.tax}</dt>
              <dd>{m(trip.tax)}</dd>
            </div>
          )}
      <div className="row total" data-testid="receipt-total">
        <dt>{trip.payment ? t.totalCharged : t.total}</dt>
        <dd>{m(charged)}</dd>
      </div>
    </dl>
  );
}

export function ReceiptScreen() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const trip = snapshot?.trip;
  if (!snapshot || !trip) return null;
  const { store } = snapshot;
  const when = trip.payment ? new Intl.DateTimeFormat(localeFor(store, language), { dateStyle: 'medium', timeStyle: 'short' }).format(trip.payment.at) : '';
  return (
    <section className="receipt" data-testid="receipt" aria-labelledby="receipt-title">
      <header className="receipt-head">
        <h1 id="receipt-title">✓ {t.paid}</h1>
        <span className="muted">
          {store.name} · {when} · {t.receiptNumber(trip.payment?.receiptId ?? '—')}
        </span>
      </header>
      <div className="receipt-body">
        <ul className="receipt-lines" aria-label={t.receipt}>
          {trip.lines.map((line) => (
            <ReceiptLine key={line.lineId} line={line} store={store} />
          ))}
        </ul>
        <aside className="receipt-side">
          <Summary trip={trip} store={store} />
          <p className="muted">{t.receiptInApp}</p>
        </aside>
      </div>
    </section>
  );
}
