// What a developer does to the cart's body: take things out of the basket, declare a personal
// item, push the cart, pull its cables, dock it, press its help button, walk it through an exit
// lane of the virtual store front (and back onto the floor), seeing each lane's beacon RSSI as
// the cart hears it and what the lane answered.
import { useState, type FormEvent } from 'react';
import { grams } from './format.js';
import { emulator } from './link.js';
import { usePanel } from './store.js';

function Basket() {
  const basket = usePanel((s) => s.hardware?.basket) ?? [];
  const busy = usePanel((s) => s.busy);
  return (
    <div>
      <h3>In the basket</h3>
      <ul className="basket" data-testid="panel-basket">
        {basket.map((item) => (
          <li key={item.itemId}>
            <span>
              {item.what} <span className="muted">{grams(item.grams)}</span>
            </span>
            <button type="button" disabled={busy} onClick={() => void emulator.ask({ type: 'out', itemId: item.itemId })}>
              Take out
            </button>
          </li>
        ))}
        {basket.length === 0 ? <li className="hint">Nothing on the scale.</li> : null}
      </ul>
    </div>
  );
}

function Declare() {
  const busy = usePanel((s) => s.busy);
  const [description, setDescription] = useState('Own handbag');
  const [mass, setMass] = useState('450');
  const g = mass.trim() === '' ? undefined : Number(mass);
  const ok = description.trim() !== '' && (g === undefined || (g > 0 && g <= 50_000));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ok) void emulator.ask({ type: 'declare', description: description.trim(), ...(g === undefined ? {} : { grams: g }) });
  };
  return (
    <form onSubmit={submit}>
      <h3>Personal item</h3>
      <div className="row">
        <input aria-label="What it is" value={description} maxLength={80} onChange={(e) => setDescription(e.target.value)} />
        <input aria-label="Its grams (empty: not put in)" inputMode="decimal" value={mass} size={5} onChange={(e) => setMass(e.target.value)} />
        <span className="muted">g</span>
        <button type="submit" disabled={busy || !ok}>
          Declare
        </button>
      </div>
    </form>
  );
}

function Push() {
  const busy = usePanel((s) => s.busy);
  const pushing = usePanel((s) => s.hardware?.pushing ?? false);
  const [seconds, setSeconds] = useState('5');
  const s = Number(seconds);
  const ok = s > 0 && s <= 600;
  return (
    <div className="row">
      <button type="button" disabled={busy || !ok} onClick={() => void emulator.ask({ type: 'push', seconds: s })}>
        {pushing ? 'Pushing… push longer' : 'Push the cart'}
      </button>
      <label>
        for <input aria-label="seconds" inputMode="decimal" value={seconds} size={3} onChange={(e) => setSeconds(e.target.value)} /> s
      </label>
    </div>
  );
}

function Parts() {
  const busy = usePanel((s) => s.busy);
  const pulled = usePanel((s) => s.hardware?.unplugged);
  const docked = usePanel((s) => s.hardware?.battery?.docked ?? false);
  const unplugged = (part: 'scale' | 'board') => pulled?.[part] ?? false;
  return (
    <div className="row wrap">
      {(['scale', 'board'] as const).map((part) => (
        <button key={part} type="button" disabled={busy} onClick={() => void emulator.ask({ type: 'plug', part, plugged: unplugged(part) })}>
          {unplugged(part) ? `Plug the ${part} in` : `Unplug the ${part}`}
        </button>
      ))}
      <button type="button" disabled={busy} onClick={() => void emulator.ask({ type: 'dock', docked: !docked })}>
        {docked ? 'Undock' : 'Dock'}
      </button>
      <button type="button" disabled={busy} onClick={() => void emulator.ask({ type: 'help' })}>
        Help button
      </button>
    </div>
  );
}

function Lanes() {
  const busy = usePanel((s) => s.busy);
  const lanes = usePanel((s) => s.hardware?.lanes);
  if (!lanes) return null;
  if (!lanes.available) {
    return (
      <p className="hint" data-testid="lanes">
        {lanes.reason}
      </p>
    );
  }
  const rssi = new Map(lanes.beacons.map((b) => [b.laneId, b.rssi]));
  return (
    <div data-testid="lanes">
      <div className="row wrap">
        {lanes.lanes.map((laneId) => (
          <button key={laneId} type="button" disabled={busy || lanes.walkingTo === laneId} onClick={() => void emulator.ask({ type: 'lane', laneId })}>
            Walk through lane {laneId}
            <span className="muted"> {rssi.has(laneId) ? `${rssi.get(laneId)} dBm` : 'not heard'}</span>
          </button>
        ))}
        <button type="button" disabled={busy || lanes.walkingTo === null} onClick={() => void emulator.ask({ type: 'lane', laneId: null })}>
          Back onto the floor
        </button>
      </div>
      <p className="hint" data-testid="lane-where">
        {lanes.inLane === null ? 'In no lane' : `In lane ${lanes.inLane}`} · at {lanes.position.x.toFixed(1)} m, {lanes.position.y.toFixed(1)} m from the doors
        {lanes.unsettled > 0 ? ` · ${lanes.unsettled} trip(s) waiting to be settled` : ''}
      </p>
      {lanes.answer !== null ? (
        <p className="hint" data-testid="lane-answer">
          {lanes.answer}
        </p>
      ) : null}
    </div>
  );
}

export function BodyActions() {
  return (
    <section className="card actions" aria-label="The cart">
      <h2>The cart</h2>
      <Basket />
      <Declare />
      <h3>Move and wire</h3>
      <Push />
      <Parts />
      <h3>Exit lane</h3>
      <Lanes />
    </section>
  );
}
