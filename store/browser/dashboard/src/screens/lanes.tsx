// Exit lanes. Everyone sees them; managers add and remove them. A new lane's beacon secret is
// shown once, here, to be programmed into that lane's beacon; the store never shows it again.
import { useState, type FormEvent } from 'react';
import { formatMoney } from '../../../../../payments/common/money/format.js';
import { call } from '../../../shared/api.js';
import { lanesSchema, newLaneSchema, nothing, type LaneResult } from '../answers.js';
import { act, useLoad } from '../actions.js';
import { clockTime, dateTime } from '../format.js';
import { useDashboard } from '../store.js';

/** The lane's display as staff see it: the last cart through, green with what it paid or red with why. */
function LastCheckout({ result }: { result: LaneResult | undefined }) {
  if (!result) return <span className="muted">no checkout since you signed in</span>;
  const paid = result.total !== undefined && result.currency !== undefined ? ` ${formatMoney(result.total, result.currency, result.minorUnits ?? 2, navigator.language)}` : '';
  return (
    <span className={`lane-result ${result.result}`} data-testid="lane-result">
      {result.result === 'green' ? `Paid${paid}` : `Not paid: ${result.reason ?? 'refused'}`} · {result.cartId} · {clockTime(result.at)}
    </span>
  );
}

export function LanesScreen() {
  const { data, reload } = useLoad(() => call('GET', '/api/lanes', lanesSchema));
  const manager = useDashboard((s) => s.me?.role === 'manager');
  const results = useDashboard((s) => s.lanes);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ lane: number; hex: string } | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act(async () => {
      const lane = await call('POST', '/api/lanes', newLaneSchema, { id: Number(id), name });
      setSecret({ lane: lane.id, hex: lane.beaconSecret });
    }, `Added lane ${id}`);
    if (ok) {
      setId('');
      setName('');
      reload();
    }
  };
  const remove = (lane: number) => act(() => call('DELETE', `/api/lanes/${lane}`, nothing), `Removed lane ${lane}`).then((ok) => ok && reload());

  return (
    <section className="stack">
      <h2>Exit lanes</h2>
      {secret && (
        <div className="card stack secret" role="status">
          <strong>Beacon secret for lane {secret.lane} (shown once):</strong>
          <code data-testid="beacon-secret">{secret.hex}</code>
          <button onClick={() => setSecret(null)}>I have programmed the beacon</button>
        </div>
      )}
      {data && data.lanes.length === 0 && <p className="muted">No lanes yet.</p>}
      <ul className="list">
        {data?.lanes.map((lane) => (
          <li key={lane.id} className="card row spread" data-testid="lane">
            <span>
              <strong>Lane {lane.id}</strong> · {lane.name} <span className="muted">· added {dateTime(lane.createdAt)}</span>
              <br />
              <LastCheckout result={results[lane.id]} />
            </span>
            {manager && (
              <button className="danger" onClick={() => void remove(lane.id)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {manager && (
        <form className="card row" onSubmit={(e) => void add(e)}>
          <label className="field">
            <span>Lane number</span>
            <input name="lane-id" inputMode="numeric" value={id} onChange={(e) => setId(e.target.value.replace(/\D/g, '').slice(0, 5))} />
          </label>
          <label className="field">
            <span>Name</span>
            <input name="lane-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="North exit" maxLength={60} />
          </label>
          <button className="primary" type="submit" disabled={id === '' || name.trim() === ''}>
            Add lane
          </button>
        </form>
      )}
    </section>
  );
}
