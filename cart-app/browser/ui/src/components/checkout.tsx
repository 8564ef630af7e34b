// Checkout on a Tally cart has no button that charges: the shopper walks out through any cart
// lane and the lane's beacon starts the charge. "Done shopping" shows how, and what still stands
// in the way (an open alert, an ID check); then, while the store charges, the amount and lane.
import type { SnapshotTrip } from '../../../../common/ui-protocol/snapshot.js';
import { money } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { AlertCard } from './alerts.js';
import { LaneNotice } from './lane-notice.js';

function Blockers({ trip }: { trip: SnapshotTrip }) {
  const t = useWords();
  if (trip.openAlerts.length === 0) return <p className="checkout-ok">✓ {t.nothingToFix}</p>;
  return (
    <div className="checkout-blockers">
      <h3>{t.fixFirst}</h3>
      {trip.openAlerts.map((a) => (
        <AlertCard key={a.alertId} alert={a} />
      ))}
    </div>
  );
}

export function LeaveThroughLane() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const setLeaving = useScreen((s) => s.setLeaving);
  const trip = snapshot?.trip;
  if (!snapshot || !trip) return null;
  const { store } = snapshot;
  return (
    <section className="checkout" data-testid="leave-through-lane" aria-labelledby="leave-title">
      <div className="lane-sign" aria-hidden="true">
        ⇥
      </div>
      <h1 id="leave-title">{t.leaveThroughLane}</h1>
      {trip.lines.length === 0 ? (
        <p className="checkout-lead">{t.emptyBasket}</p>
      ) : (
        <p className="checkout-lead">{t.chargedAsYouPass(money(store, language, trip.total))}</p>
      )}
      {trip.paymentProblem && (
        <p className="checkout-problem" role="alert" data-testid="payment-problem">
          {t.paymentFailed(trip.paymentProblem)}
        </p>
      )}
      {trip.ageCheckNeeded !== null && <p className="checkout-age">{t.ageAtLane(trip.ageCheckNeeded)}</p>}
      <LaneNotice states={['fix-first', 'refused', 'unknown-lane']} />
      <Blockers trip={trip} />
      <button type="button" className="secondary big" onClick={() => setLeaving(false)}>
        {t.keepShopping}
      </button>
    </section>
  );
}

export function CheckingOut() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const trip = snapshot?.trip;
  if (!snapshot || !trip) return null;
  return (
    <section className="checkout" data-testid="checking-out" aria-live="polite">
      <div className="lane-sign pulsing" aria-hidden="true">
        ⇥
      </div>
      <h1>{t.charging(money(snapshot.store, language, trip.total))}</h1>
      {/* Beyond the offline cap the lane's notice asks the shopper to wait: do not also say "keep going". */}
      {snapshot.lane?.state !== 'offline-wait' && <p className="checkout-lead">{t.keepGoing}</p>}
      {trip.checkout && <p className="muted">{t.atLane(trip.checkout.laneId)}</p>}
      <LaneNotice states={['offline-wait']} />
    </section>
  );
}
