// Pairing and looking after paired carts. A new cart shows a code on its staff screen; the
// person types (or picks) that code here with the name the cart should carry. Paired carts can
// be renamed, locked and unpaired (an unpaired cart must make a new key to pair again).
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../../shared/api.js';
import { nothing, pairingsSchema, type FleetCart } from '../answers.js';
import { act, useLoad } from '../actions.js';
import { refreshBoard } from '../fleet-live.js';
import { clockTime } from '../format.js';
import { useDashboard } from '../store.js';

const PENDING_POLL_MS = 5_000;

function Approve({ code, onCode, onDone }: { code: string; onCode: (code: string) => void; onDone: () => void }) {
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(() => call('POST', '/api/pairings/approve', nothing, { code, name }), `Paired ${name}`);
    if (ok) {
      setName('');
      onCode('');
      onDone();
    }
  };
  return (
    <form className="card row approve" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>Code on the cart's screen</span>
        <input name="code" value={code} onChange={(e) => onCode(e.target.value.toUpperCase())} placeholder="XXXX-XXXX" maxLength={9} autoCapitalize="characters" />
      </label>
      <label className="field">
        <span>Cart name</span>
        <input name="cart-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Cart 12" maxLength={60} />
      </label>
      <button className="primary" type="submit" disabled={code.length < 9 || name.trim() === ''}>
        Approve
      </button>
    </form>
  );
}

function PairedCart({ cart }: { cart: FleetCart }) {
  const [name, setName] = useState(cart.name);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const change = (body: Record<string, unknown>, done: string) => act(() => call('PATCH', `/api/carts/${cart.id}`, nothing, body).then(refreshBoard), done);
  const unpair = () => act(() => call('DELETE', `/api/carts/${cart.id}`, nothing).then(refreshBoard), `Unpaired ${cart.name}`);
  return (
    <li className="card stack" data-cart={cart.id} data-testid="paired-cart">
      <div className="row spread">
        <h3>{cart.name}</h3>
        {cart.locked ? <span className="badge warn">Locked: {cart.lockReason}</span> : <span className="badge ok">In service</span>}
      </div>
      <div className="row">
        <input aria-label={`New name for ${cart.name}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <button disabled={name.trim() === '' || name === cart.name} onClick={() => void change({ name }, `Renamed to ${name}`)}>
          Rename
        </button>
      </div>
      <div className="row">
        {cart.locked ? (
          <button onClick={() => void change({ locked: false }, `Unlocked ${cart.name}`)}>Unlock</button>
        ) : (
          <>
            <input aria-label={`Lock reason for ${cart.name}`} placeholder="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
            <button onClick={() => void change({ locked: true, ...(reason.trim() ? { lockReason: reason.trim() } : {}) }, `Locked ${cart.name}`)}>Lock</button>
          </>
        )}
        {confirming ? (
          <>
            <button className="danger" onClick={() => void unpair()}>
              Yes, unpair {cart.name}
            </button>
            <button onClick={() => setConfirming(false)}>Keep it</button>
          </>
        ) : (
          <button className="danger" onClick={() => setConfirming(true)}>
            Unpair…
          </button>
        )}
      </div>
    </li>
  );
}

export function PairingScreen() {
  const { data, reload } = useLoad(() => call('GET', '/api/pairings', pairingsSchema));
  const [code, setCode] = useState('');
  // A cart asks to pair from across the room: the list keeps itself current while open.
  useEffect(() => {
    const every = setInterval(reload, PENDING_POLL_MS);
    return () => clearInterval(every);
  }, [reload]);
  const carts = useDashboard((s) => s.carts);
  const paired = Object.values(carts)
    .filter((c) => c.state === 'paired')
    .sort((a, b) => a.name.localeCompare(b.name));
  const approved = () => {
    reload();
    void refreshBoard().catch(() => undefined);
  };
  return (
    <section className="stack">
      <h2>Waiting to pair</h2>
      <Approve code={code} onCode={setCode} onDone={approved} />
      <div className="row">
        <button onClick={reload}>Check for new carts</button>
      </div>
      {data && data.pairings.length === 0 && <p className="muted">No cart is waiting. Start pairing on the cart's staff screen.</p>}
      <ul className="list">
        {data?.pairings.map((p) => (
          <li key={p.code} className="card row spread" data-testid="pending-pairing">
            <span>
              <strong className="code">{p.code}</strong> · {p.name} · until {clockTime(p.expiresAt)}
            </span>
            <button onClick={() => setCode(p.code)}>Use this code</button>
          </li>
        ))}
      </ul>
      <h2>Paired carts</h2>
      {paired.length === 0 && <p className="muted">No paired carts.</p>}
      <ul className="list">
        {paired.map((cart) => (
          <PairedCart key={`${cart.id}:${cart.name}`} cart={cart} />
        ))}
      </ul>
    </section>
  );
}
