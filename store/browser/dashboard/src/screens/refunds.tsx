// Refunds and corrections (managers): pick a paid trip, see what was captured and refunded so
// far, refund part of it with a reason. Each refund carries an id chosen here and kept until the
// store answers, so tapping again after "the gateway has not answered yet" continues the same
// refund instead of making a second one; the store also never refunds more than was captured.
import { useState, type FormEvent } from 'react';
import { formatMoney } from '../../../../../payments/common/money/format.js';
import { parseTypedMoney } from '../../../../../payments/common/money/typed-money.js';
import { ApiError, call } from '../../../shared/api.js';
import { paidCheckoutsSchema, refundAnswerSchema, tripRefundsSchema, type PaidCheckout } from '../answers.js';
import { act, useLoad } from '../actions.js';
import { dateTime } from '../format.js';
import { useDashboard } from '../store.js';

const money = (minor: number, trip: PaidCheckout): string => formatMoney(minor, trip.currency, trip.minorUnits, navigator.language);

const newRequestId = (): string => crypto.randomUUID().replaceAll('-', '');

function TripRefunds({ trip, onDone }: { trip: PaidCheckout; onDone: () => void }) {
  const { data, reload } = useLoad(() => call('GET', `/api/payments/refunds/${trip.tripId}`, tripRefundsSchema));
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const refunded = data?.refunds.filter((r) => r.state !== 'failed').reduce((sum, r) => sum + r.amount, 0) ?? 0;

  const refund = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseTypedMoney(amount, trip.minorUnits);
    if (!minor.ok) {
      useDashboard.getState().notify({ tone: 'problem', text: minor.error });
      return;
    }
    const ok = await act(async () => {
      try {
        await call('POST', `/api/payments/refunds/${trip.tripId}`, refundAnswerSchema, { requestId, amount: minor.value, reason });
      } catch (error) {
        // Still pending or refused: keep the id for pending (the same refund goes on), a new one otherwise.
        if (!(error instanceof ApiError && error.code === 'refund-pending')) setRequestId(newRequestId());
        throw error;
      }
    }, `Refunded ${money(minor.value, trip)} on trip ${trip.tripId}`);
    if (ok) {
      setRequestId(newRequestId());
      setAmount('');
      setReason('');
      onDone();
    }
    reload();
  };

  return (
    <div className="card stack" data-testid="trip-refunds">
      <h3>
        Trip {trip.tripId} · receipt {trip.receiptId}
      </h3>
      <p>
        Captured <strong>{money(trip.total, trip)}</strong> at lane {trip.laneId}
        {trip.finishedAt !== null && <span className="muted"> · {dateTime(trip.finishedAt)}</span>} · refunded so far{' '}
        <strong data-testid="refunded">{money(refunded, trip)}</strong>
      </p>
      {data && data.refunds.length > 0 && (
        <ul className="list">
          {data.refunds.map((r) => (
            <li key={r.refundNo} className="row spread">
              <span>
                {money(r.amount, trip)} · {r.reason}
              </span>
              <span className={r.state === 'failed' ? 'refund-failed' : 'muted'}>
                {r.state} · {dateTime(r.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={(e) => void refund(e)}>
        <label className="field">
          <span>Amount</span>
          <input name="refund-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="2.50" />
        </label>
        <label className="field grow">
          <span>Reason</span>
          <input name="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="bruised avocados" maxLength={200} />
        </label>
        <button className="primary" type="submit" disabled={amount === '' || reason.trim().length < 3}>
          Refund
        </button>
      </form>
    </div>
  );
}

export function RefundsScreen() {
  const { data, reload } = useLoad(() => call('GET', '/api/payments/paid', paidCheckoutsSchema));
  const [open, setOpen] = useState<string | null>(null);
  const chosen = data?.paid.find((p) => p.tripId === open);
  return (
    <section className="stack">
      <h2>Refunds</h2>
      {chosen && <TripRefunds key={chosen.tripId} trip={chosen} onDone={reload} />}
      {data && data.paid.length === 0 && <p className="muted">No paid trips yet.</p>}
      <ul className="list">
        {data?.paid.map((p) => (
          <li key={p.tripId} className="card row spread" data-testid="paid-trip">
            <span>
              <strong>{money(p.total, p)}</strong> · trip {p.tripId} · lane {p.laneId}
              {p.finishedAt !== null && <span className="muted"> · {dateTime(p.finishedAt)}</span>}
            </span>
            <button onClick={() => setOpen(p.tripId)} aria-pressed={open === p.tripId}>
              Refund…
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
