// What the cart's hardware sees, as its drivers report it: the last label held up to the camera
// and what the decoder read, the scale's settled reading and the steps the cart recorded, the
// pole light, the battery, motion, faults and open alerts. A part that reports nothing says so.
import { clockTime, grams, signedGrams } from './format.js';
import { usePanel } from './store.js';

const NOT_REPORTED = 'not reported';

function Fact({ name, value, testId }: { name: string; value: string; testId?: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function Camera() {
  const camera = usePanel((s) => s.hardware?.camera ?? null);
  if (!camera) return <p className="hint">No label shown to the camera yet.</p>;
  return (
    <figure className="frame" data-testid="camera">
      {camera.frame ? <img src={camera.frame} alt={`The label ${camera.code}`} /> : <div className="no-frame">The label could not be printed</div>}
      <figcaption>
        <strong>{camera.read ? `Read ${camera.read.format} ${camera.read.text} in ${camera.read.decodeMs.toFixed(0)} ms` : 'Not read'}</strong>
        <span className="muted">
          {camera.outcome} ({clockTime(camera.at)})
        </span>
      </figcaption>
    </figure>
  );
}

export function HardwareView() {
  const hw = usePanel((s) => s.hardware);
  if (!hw) return <section className="card hardware">Waiting for the emulated cart…</section>;
  // The strongest beacon of each lane the cart heard in the last moments, as its presence detection sees them.
  const laneRssi = !hw.lanes.available ? `${NOT_REPORTED} (no lanes)` : hw.lanes.beacons.length === 0 ? 'no lane heard' : hw.lanes.beacons.map((b) => `lane ${b.laneId}: ${b.rssi} dBm`).join(' · ');
  const battery = hw.battery ? `${Math.round(hw.battery.percent)} % · ${hw.battery.volts.toFixed(2)} V${hw.battery.docked ? ' · docked' : ''}${hw.battery.charging ? ' · charging' : ''}` : NOT_REPORTED;
  return (
    <section className="card hardware" aria-label="What the hardware sees">
      <h2>What the hardware sees</h2>
      <h3>Camera: the label held up</h3>
      <Camera />
      <dl className="facts">
        <Fact name="Scale" value={hw.scaleGrams === null ? 'settling (no steady reading)' : grams(hw.scaleGrams)} testId="scale-reading" />
        <Fact name="Net recorded" value={grams(hw.weight.netGrams)} />
        <Fact name="Pole light" value={hw.light} testId="light" />
        <Fact name="Motion" value={hw.pushing ? 'being pushed' : hw.moving ? 'rolling' : 'still'} />
        <Fact name="Battery" value={battery} />
        <Fact name="Lane RSSI" value={laneRssi} testId="lane-rssi" />
      </dl>
      <h3>Scale steps</h3>
      <ul className="steps" data-testid="steps">
        {hw.weight.steps.map((s) => (
          <li key={s.stepId}>
            <span className={s.deltaGrams >= 0 ? 'up' : 'down'}>{signedGrams(s.deltaGrams)}</span> <span className="muted">{clockTime(s.at)}</span>
          </li>
        ))}
        {hw.weight.steps.length === 0 ? <li className="hint">None yet.</li> : null}
      </ul>
      <h3>Faults and alerts</h3>
      <ul className="faults" data-testid="faults">
        {hw.faults.map((f) => (
          <li key={`${f.device}-${f.code}`} className="problem">
            {f.device}: {f.message}
          </li>
        ))}
        {hw.alerts.map((a) => (
          <li key={a} className="alert">
            {a}
          </li>
        ))}
        {hw.faults.length + hw.alerts.length === 0 ? <li className="hint">No faults, no alerts.</li> : null}
      </ul>
    </section>
  );
}
