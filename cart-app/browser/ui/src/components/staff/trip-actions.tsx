// The staff member's work on the shopper's trip: check ID for age-restricted items, look at an
// alert and let the basket stand, set a line's price, and lock or unlock the cart.
import { useState } from 'react';
import { ask } from '../../connection.js';
import { money, nameIn } from '../../format.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';
import { AlertCard } from '../alerts.js';
import { PriceOverride } from './override.js';

function AgeCheck() {
  const t = useWords();
  const trip = useScreen((s) => s.snapshot?.trip);
  if (!trip) return null;
  const restricted = trip.lines.filter((l) => l.minimumAge !== null);
  return (
    <div className="staff-block" data-testid="age-check">
      <h3>{t.ageCheck}</h3>
      {trip.ageCheckNeeded !== null ? (
        <>
          <p>{t.checkIdFor(trip.ageCheckNeeded, restricted.length)}</p>
          <button type="button" className="primary" onClick={() => void ask({ type: 'confirmAge' })}>
            {t.idChecked(trip.ageCheckNeeded)}
          </button>
        </>
      ) : (
        <p className="muted">{trip.ageCheckedBy ? t.idCheckedBy(trip.ageCheckedBy) : t.noAgeCheck}</p>
      )}
    </div>
  );
}

function OpenAlerts() {
  const t = useWords();
  const alerts = useScreen((s) => s.snapshot?.trip?.openAlerts) ?? [];
  return (
    <div className="staff-block">
      <h3>{t.alertsTitle(alerts.length)}</h3>
      {alerts.map((a) => (
        <div key={a.alertId} className="staff-alert">
          <AlertCard alert={a} />
          <button type="button" className="primary" onClick={() => void ask({ type: 'verifyAlert', alertId: a.alertId })}>
            {t.letItStand}
          </button>
        </div>
      ))}
    </div>
  );
}

function Lock() {
  const t = useWords();
  const locks = useScreen((s) => s.snapshot?.locks) ?? [];
  const held = locks.some((l) => l.reason === 'staff-hold');
  return (
    <div className="staff-block" data-testid="lock">
      <h3>{t.lockTitle}</h3>
      <p className="muted">{locks.length > 0 ? locks.map((l) => t.lockReason[l.reason]).join(' · ') : t.notLocked}</p>
      {held ? (
        <button type="button" className="primary" onClick={() => void ask({ type: 'unlockCart' })}>
          {t.unlockCart}
        </button>
      ) : (
        <button type="button" className="danger" onClick={() => void ask({ type: 'lockCart', detail: 'held by staff from the cart screen' })}>
          {t.lockCart}
        </button>
      )}
    </div>
  );
}

export function TripActions() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const [overriding, setOverriding] = useState<string | null>(null);
  const trip = snapshot?.trip;
  const line = trip?.lines.find((l) => l.lineId === overriding);
  if (!snapshot) return null;
  if (line) return <PriceOverride line={line} onDone={() => setOverriding(null)} />;
  return (
    <div className="trip-actions">
      <div className="staff-col">
        <AgeCheck />
        <OpenAlerts />
        <Lock />
      </div>
      <div className="staff-col">
        <h3>{t.overrideTitle}</h3>
        {trip && trip.lines.length > 0 ? (
          <ul className="staff-lines">
            {trip.lines.map((l) => (
              <li key={l.lineId}>
                <span className="line-name">{nameIn(l, language)}</span>
                <span className="line-total">{money(snapshot.store, language, l.total)}</span>
                <button type="button" className="secondary" onClick={() => setOverriding(l.lineId)} aria-label={`${t.setPrice}: ${nameIn(l, language)}`}>
                  {t.setPrice}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.noTrip}</p>
        )}
      </div>
    </div>
  );
}
