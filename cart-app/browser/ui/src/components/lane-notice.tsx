// What the exit lane says to the shopper (cart-app/node/exit-lane): what to put right before the
// lane can charge, that the store refused and what to do, or that the store cannot be reached
// (go now and it is settled later, or wait for staff beyond the offline cap). Headlines in the
// shopper's language; the cart's own words (the store's reason, the list to fix) beneath.
import type { SnapshotLane } from '../../../../common/ui-protocol/snapshot.js';
import { useScreen } from '../store.js';

type Headline = Record<SnapshotLane['state'], string>;

const HEADLINES: Record<'en' | 'es', Headline> = {
  en: {
    'fix-first': 'Nothing has been charged yet: please put these right first',
    paying: 'Paying…',
    paid: 'Paid. Thank you!',
    refused: 'The lane could not take payment',
    'offline-go': 'The store cannot be reached right now. You can go: your trip will be settled when the store is back.',
    'offline-wait': 'The store cannot be reached. Please wait here: a member of staff is on the way.',
  },
  es: {
    'fix-first': 'Aún no se ha cobrado nada: primero corrige esto',
    paying: 'Pagando…',
    paid: 'Pagado. ¡Gracias!',
    refused: 'El carril no pudo cobrar',
    'offline-go': 'Ahora no hay conexión con la tienda. Puedes irte: tu compra se cobrará cuando vuelva la conexión.',
    'offline-wait': 'No hay conexión con la tienda. Espera aquí, por favor: viene alguien del personal.',
  },
};

/** Which lane states a screen shows: the shopping screen skips "paying" and "paid", which have screens of their own. */
export function LaneNotice({ states }: { states: readonly SnapshotLane['state'][] }) {
  const lane = useScreen((s) => s.snapshot?.lane);
  const language = useScreen((s) => s.language);
  if (!lane || !states.includes(lane.state)) return null;
  const warn = lane.state === 'refused' || lane.state === 'offline-wait' || lane.state === 'fix-first';
  return (
    <div className={`banner ${warn ? 'warn' : 'info'}`} role={warn ? 'alert' : 'status'} data-testid="lane-notice" data-state={lane.state}>
      <div>{HEADLINES[language === 'es' ? 'es' : 'en'][lane.state]}</div>
      {lane.fix.length > 0 ? (
        <ul>
          {lane.fix.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : lane.state === 'refused' || lane.state === 'offline-wait' ? (
        <div className="muted">{lane.message}</div>
      ) : null}
    </div>
  );
}
