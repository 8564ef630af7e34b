// What a developer does to the cart's body: take things out of the basket, declare a personal
// item, push the cart, pull its cables, dock it, press its help button. Walking to an exit lane
// is shown but not offered while the emulated cart cannot hear a lane's beacon.
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

export function BodyActions() {
  const lanes = usePanel((s) => s.hardware?.lanes);
  return (
    <section className="card actions" aria-label="The cart">
      <h2>The cart</h2>
      <Basket />
      <Declare />
      <h3>Move and wire</h3>
      <Push />
      <Parts />
      <h3>Exit lane</h3>
      <div className="row">
        <button type="button" disabled title={lanes?.reason}>
          Walk to a lane
        </button>
        <p className="hint" data-testid="lanes">{lanes ? `Not available yet: ${lanes.reason}` : ''}</p>
      </div>
    </section>
  );
}
