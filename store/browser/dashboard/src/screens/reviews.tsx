// The review queue: trips a person must look at before they close, oldest first. Each shows why
// it is here and its evidence from the cart's own log: weight steps, scans, alerts, ID checks,
// with the steps and lines an alert points at marked, and the cart's camera snapshots beside the
// alert they were taken for.
import type { ReactNode } from 'react';
import { parseSessionEvent, type SessionEvent } from '../../../../../domain/common/session/events.js';
import { call } from '../../../shared/api.js';
import { nothing, reviewReasonSchema, type ReviewReason } from '../answers.js';
import { act, useLoad } from '../actions.js';
import { clockTime, dateTime, mass } from '../format.js';
import { useDashboard } from '../store.js';
import { placeSnapshots, reviewsWithSnapshotsSchema, SnapshotStrip, type ReviewWithSnapshots } from './reviews-snapshots.js';
import './reviews.css';

const ALERT_WORDS: Readonly<Record<string, string>> = {
  'unscanned-item': 'Something went in the cart without a scan',
  'not-placed': 'Scanned but never put in the cart',
  'weight-mismatch': "The weight does not fit what was scanned",
  'item-mismatch': 'The cameras saw a different product',
};

const OUTCOMES = [
  { outcome: 'approved', label: 'Approve as is', className: 'primary' },
  { outcome: 'charged-adjusted', label: 'Charge adjusted', className: '' },
  { outcome: 'refused', label: 'Refuse', className: 'danger' },
] as const;

function reasonText(reason: ReviewReason): string {
  if (reason.kind === 'age-restricted') return `Age-restricted item with no ID check: ${reason.sku} (${reason.minimumAge}+)`;
  const note = reason.evidence.note ? ` (${reason.evidence.note})` : '';
  return `${ALERT_WORDS[reason.alert] ?? reason.alert}${note}`;
}

/** One line of evidence, or null for events a reviewer does not need (budget, staff mode …). */
function evidenceLine(event: SessionEvent, marked: ReadonlySet<string>): { text: ReactNode; flagged: boolean } | null {
  switch (event.type) {
    case 'weighed':
      return { text: <>Weight step {mass(event.deltaMg)} <span className="muted">(± {mass(event.uncertaintyMg).replace('+', '')})</span></>, flagged: marked.has(event.stepId) };
    case 'scanned':
      return { text: <>Scanned {event.sku} <span className="muted">{event.code}</span>{event.measure.by === 'each' ? ` × ${event.measure.quantity}` : ` ${mass(event.measure.netMg)}`}</>, flagged: marked.has(event.lineId) };
    case 'itemRemoved':
      return { text: <>Removed line {event.lineId}</>, flagged: marked.has(event.lineId) };
    case 'alertRaised':
      return { text: <>Alert: {ALERT_WORDS[event.kind] ?? event.kind}</>, flagged: true };
    case 'alertResolved':
      return { text: <>Alert cleared ({event.how}) by {event.by}</>, flagged: false };
    case 'ageChecked':
      return { text: <>ID checked by {event.by}</>, flagged: false };
    case 'signedIn':
      return { text: <>Shopper signed in{event.member ? ' (member)' : ''}</>, flagged: false };
    default:
      return null;
  }
}

function Review({ item, cartName, onDone }: { item: ReviewWithSnapshots; cartName: string; onDone: () => void }) {
  const reasons = item.reasons.flatMap((r) => {
    const parsed = reviewReasonSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const marked = new Set(reasons.flatMap((r) => (r.kind === 'unresolved-alert' ? [...r.evidence.stepIds, ...r.evidence.lineIds] : [])));
  const events = (item.events ?? []).flatMap((e) => {
    const parsed = parseSessionEvent(e);
    return parsed.ok ? [parsed.value] : [];
  });
  const lines = events.flatMap((event) => {
    const line = evidenceLine(event, marked);
    return line ? [{ event, ...line }] : [];
  });
  const queuedAlerts = new Set(reasons.flatMap((r) => (r.kind === 'unresolved-alert' ? [r.alertId] : [])));
  // Only beside lines that are shown: a picture tied to a hidden event goes to the end.
  const pictures = placeSnapshots(item.snapshots, queuedAlerts, lines.map(({ event }) => ({ seq: event.seq, ...(event.type === 'alertRaised' ? { alertId: event.alertId } : {}) })));
  const resolve = (outcome: (typeof OUTCOMES)[number]['outcome'], label: string) =>
    act(() => call('POST', `/api/reviews/${item.tripId}`, nothing, { outcome }), `Trip on ${cartName}: ${label.toLowerCase()}`).then((ok) => ok && onDone());
  return (
    <article className="card stack review" data-trip={item.tripId} data-testid="review">
      <header className="row spread">
        <h3>
          {cartName} <span className="muted">· trip {item.tripId.slice(0, 12)}…</span>
        </h3>
        <span className="muted">queued {dateTime(item.queuedAt)}</span>
      </header>
      <ul className="reasons">
        {reasons.map((r) => (
          <li key={r.kind === 'age-restricted' ? `age:${r.sku}` : r.alertId} className={r.kind === 'age-restricted' ? 'age' : 'alert'}>
            {reasonText(r)}
            {r.kind === 'unresolved-alert' && <SnapshotStrip tripId={item.tripId} snapshots={pictures.byAlert.get(r.alertId) ?? []} />}
          </li>
        ))}
      </ul>
      <details open>
        <summary>Evidence ({events.length} events)</summary>
        <ol className="evidence">
          {lines.map(({ event, text, flagged }) => (
            <li key={event.seq} className={flagged ? 'flagged' : ''}>
              <span className="time">{clockTime(event.at)}</span> {text}
              <SnapshotStrip tripId={item.tripId} snapshots={pictures.bySeq.get(event.seq) ?? []} />
            </li>
          ))}
        </ol>
        {pictures.rest.length > 0 && (
          <p>
            Other camera snapshots <SnapshotStrip tripId={item.tripId} snapshots={pictures.rest} />
          </p>
        )}
      </details>
      <div className="row">
        {OUTCOMES.map((o) => (
          <button key={o.outcome} className={o.className} onClick={() => void resolve(o.outcome, o.label)}>
            {o.label}
          </button>
        ))}
      </div>
    </article>
  );
}

export function ReviewsScreen() {
  const { data, reload } = useLoad(() => call('GET', '/api/reviews', reviewsWithSnapshotsSchema));
  const carts = useDashboard((s) => s.carts);
  return (
    <section className="stack">
      <div className="row spread">
        <h2>Review queue</h2>
        <button onClick={reload}>Refresh</button>
      </div>
      {data && data.reviews.length === 0 && <p className="muted" data-testid="queue-empty">Nothing to review.</p>}
      {data?.reviews.map((item) => (
        <Review key={item.tripId} item={item} cartName={carts[item.cartId]?.name ?? item.cartId} onDone={reload} />
      ))}
    </section>
  );
}
