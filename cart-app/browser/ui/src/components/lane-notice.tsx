// What the exit lane says to the shopper (cart-app/node/exit-lane): what to put right before the
// lane can charge, that the store refused and what to do, that the store cannot be reached
// (go now and it is settled later, or wait for staff beyond the offline cap), or that the cart
// could not tell which lane it rolled into (go on in, or wait for staff), all in the shopper's
// language. The list to fix is read from the trip's own alerts, ID check and pricing,
// as the alert cards are; the detail under a refusal or a wait is the watch's words in English
// (with the store's own reason) and, in Spanish, what to do for the watch's code.
import type { CartSnapshot, SnapshotLane } from '../../../../common/ui-protocol/snapshot.js';
import type { LaneCode, Words } from '../i18n.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

type Headline = Record<SnapshotLane['state'], string>;

const HEADLINES: Record<'en' | 'es', Headline> = {
  en: {
    'fix-first': 'Nothing has been charged yet: please put these right first',
    paying: 'Paying…',
    paid: 'Paid. Thank you!',
    refused: 'The lane could not take payment',
    'offline-go': 'The store cannot be reached right now. You can go: your trip will be settled when the store is back.',
    'offline-wait': 'The store cannot be reached. Please wait here: a member of staff is on the way.',
    'unknown-lane': 'The cart could not tell which lane it is in, so nothing has been charged. Please go on into the lane, or wait here: a member of staff has been told.',
  },
  es: {
    'fix-first': 'Aún no se ha cobrado nada: primero corrige esto',
    paying: 'Pagando…',
    paid: 'Pagado. ¡Gracias!',
    refused: 'El carril no pudo cobrar',
    'offline-go': 'Ahora no hay conexión con la tienda. Puedes irte: tu compra se cobrará cuando vuelva la conexión.',
    'offline-wait': 'No hay conexión con la tienda. Espera aquí, por favor: viene alguien del personal.',
    'unknown-lane': 'El carrito no sabe en qué carril está, así que aún no se ha cobrado nada. Sigue hacia dentro del carril o espera aquí, por favor: ya hemos avisado al personal.',
  },
};

/** What to put right, one line each, in the shopper's language (the watch's `fix`, from the same trip). */
function fixLines(t: Words, trip: CartSnapshot['trip'], lane: SnapshotLane): readonly string[] {
  if (!trip) return lane.fix;
  const lines = trip.openAlerts.map((a) => {
    const said = t.alertText[a.kind](null, null);
    return `${said.what} ${said.todo}`;
  });
  if (trip.ageCheckNeeded !== null) lines.push(t.ageAtLane(trip.ageCheckNeeded));
  if (trip.pricingProblem !== null) lines.push(t.cantPrice);
  return lines;
}

const isLaneCode = (t: Words, code: string | null): code is LaneCode => code !== null && code in t.laneWhatToDo;

/** Which lane states a screen shows: the shopping screen skips "paying" and "paid", which have screens of their own. */
export function LaneNotice({ states }: { states: readonly SnapshotLane['state'][] }) {
  const lane = useScreen((s) => s.snapshot?.lane);
  const trip = useScreen((s) => s.snapshot?.trip ?? null);
  const language = useScreen((s) => s.language);
  const t = useWords();
  if (!lane || !states.includes(lane.state)) return null;
  const fix = lane.state === 'fix-first' ? fixLines(t, trip, lane) : [];
  const detail = language === 'en' ? lane.message : isLaneCode(t, lane.code) ? t.laneWhatToDo[lane.code] : t.laneSeeStaff;
  const warn = lane.state === 'refused' || lane.state === 'offline-wait' || lane.state === 'fix-first' || lane.state === 'unknown-lane';
  return (
    <div className={`banner ${warn ? 'warn' : 'info'}`} role={warn ? 'alert' : 'status'} data-testid="lane-notice" data-state={lane.state}>
      <div>{HEADLINES[language === 'es' ? 'es' : 'en'][lane.state]}</div>
      {fix.length > 0 ? (
        <ul>
          {fix.map((f, i) => (
            // Two alerts of one kind read the same.
            <li key={`${i}:${f}`}>{f}</li>
          ))}
        </ul>
      ) : lane.state === 'refused' || lane.state === 'offline-wait' ? (
        <div className="muted" data-testid="lane-detail">
          {detail}
        </div>
      ) : null}
    </div>
  );
}
