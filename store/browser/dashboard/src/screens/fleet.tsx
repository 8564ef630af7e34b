// The live fleet board: every cart as the store last heard it, the ones that need a person
// (a shopper calling for help, low battery, silent, shoppers let go unpaid while the store was
// away, faults, locked) first, so a glance across the room is enough.
import type { FleetCart } from '../answers.js';
import { clockTime } from '../format.js';
import { useDashboard } from '../store.js';

/** A shopper at the cart is waiting for a person (and the cart is still heard from). */
const callingForHelp = (cart: FleetCart): boolean => !cart.silent && cart.lastReport?.helpSince != null;

/** Trips the cart let leave while the store was unreachable, not settled yet (older carts do not say). */
const unsettledTrips = (cart: FleetCart): number => cart.lastReport?.unsettledTrips ?? 0;

/** Lower sorts first: what someone should walk over to. */
function urgency(cart: FleetCart): number {
  if (callingForHelp(cart)) return -1;
  if (cart.needsCharge) return 0;
  if (cart.silent) return 1;
  if (unsettledTrips(cart) > 0) return 2;
  if ((cart.lastReport?.faults.length ?? 0) > 0) return 3;
  if (cart.locked) return 4;
  return 5;
}

function Battery({ cart }: { cart: FleetCart }) {
  const report = cart.lastReport;
  if (!report) return <div className="battery unknown">no report yet</div>;
  const tone = cart.needsCharge ? 'low' : report.battery < 30 ? 'mid' : 'high';
  return (
    <div className={`battery ${tone}`} data-testid="battery" aria-label={`battery ${report.battery} percent`}>
      <div className="fill" style={{ width: `${report.battery}%` }} />
      <span className="pct">{report.battery}%</span>
    </div>
  );
}

function CartTile({ cart }: { cart: FleetCart }) {
  const report = cart.lastReport;
  return (
    <article className={`tile card${cart.silent ? ' silent' : ''}${cart.needsCharge ? ' needs-charge' : ''}${callingForHelp(cart) ? ' calling' : ''}`} data-cart={cart.id} data-testid="cart-tile">
      <header className="row spread">
        <h3>{cart.name}</h3>
        <span className="row badges">
          {callingForHelp(cart) && (
            <span className="badge problem" data-testid="help-call">
              Calling for help since {clockTime(report?.helpSince ?? 0)}
            </span>
          )}
          {unsettledTrips(cart) > 0 && (
            <span className="badge warn" data-testid="unsettled" title="Shoppers the cart let go while the store could not be reached; their trips are charged when the cart reaches the store">
              {unsettledTrips(cart)} {unsettledTrips(cart) === 1 ? 'trip' : 'trips'} unsettled since {clockTime(report?.unsettledSince ?? 0)}
            </span>
          )}
          {cart.needsCharge && <span className="badge problem">Needs charging</span>}
          {cart.silent && <span className="badge warn">Silent</span>}
          {cart.locked && <span className="badge warn">Locked</span>}
          {report?.charging && <span className="badge ok">Charging</span>}
          {report?.docked && <span className="badge">Docked</span>}
        </span>
      </header>
      <Battery cart={cart} />
      {report && (
        <dl className="facts">
          <dt>State</dt>
          <dd data-testid="cart-state">{report.state}</dd>
          <dt>Version</dt>
          <dd>{report.version}</dd>
          <dt>Last report</dt>
          <dd>{cart.lastSeenAt === null ? 'never' : clockTime(cart.lastSeenAt)}</dd>
        </dl>
      )}
      {cart.locked && cart.lockReason && <p className="muted">Lock: {cart.lockReason}</p>}
      {report && report.faults.length > 0 && (
        <ul className="faults">
          {report.faults.map((fault) => (
            <li key={fault}>{fault}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function FleetScreen() {
  const carts = useDashboard((s) => s.carts);
  const paired = Object.values(carts)
    .filter((c) => c.state === 'paired')
    .sort((a, b) => urgency(a) - urgency(b) || a.name.localeCompare(b.name));
  const low = paired.filter((c) => c.needsCharge).length;
  const silent = paired.filter((c) => c.silent).length;
  const calling = paired.filter(callingForHelp).length;
  const unsettled = paired.reduce((sum, c) => sum + unsettledTrips(c), 0);
  return (
    <section className="stack">
      <div className="row summary">
        <div className="stat card">
          <span className="big">{paired.length}</span> carts
        </div>
        <div className={`stat card${calling > 0 ? ' alarm' : ''}`} data-testid="help-count">
          <span className="big">{calling}</span> calling for help
        </div>
        <div className={`stat card${low > 0 ? ' alarm' : ''}`} data-testid="low-count">
          <span className="big">{low}</span> need charging
        </div>
        <div className={`stat card${silent > 0 ? ' warn' : ''}`} data-testid="silent-count">
          <span className="big">{silent}</span> silent
        </div>
        <div className={`stat card${unsettled > 0 ? ' warn' : ''}`} data-testid="unsettled-count">
          <span className="big">{unsettled}</span> trips unsettled
        </div>
      </div>
      {paired.length === 0 ? <p className="muted">No paired carts yet. Pair one on the Pairing tab.</p> : (
        <div className="tiles">
          {paired.map((cart) => (
            <CartTile key={cart.id} cart={cart} />
          ))}
        </div>
      )}
    </section>
  );
}
