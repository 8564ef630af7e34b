// What the cart's hardware reports, for the staff member looking after it: the board, each camera
// with its latest frame, the scale, the lane beacons it hears, the battery, and open faults. A part
// that reported nothing says so rather than showing a made-up zero.
import type { CartSnapshot } from '../../../../../common/ui-protocol/snapshot.js';
import { weight } from '../../format.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Cameras({ snapshot }: { snapshot: CartSnapshot }) {
  const t = useWords();
  const cameras = snapshot.diagnostics?.cameras;
  if (!cameras || cameras.length === 0) {
    return (
      <dl className="diag-list">
        <Row label={t.cameras} value={t.notReported} testId="diag-cameras" />
      </dl>
    );
  }
  return (
    <div className="cameras" data-testid="diag-cameras">
      {cameras.map((c) => (
        <figure key={c.id} className={`camera ${c.ok ? '' : 'down'}`}>
          {c.frame ? <img src={c.frame} alt={t.cameraFrame(c.id)} /> : <div className="no-frame">{t.noFrame}</div>}
          <figcaption>
            {c.id} · {c.ok ? (c.fps !== null ? `${c.fps} fps` : t.working) : t.notWorking}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}

export function Diagnostics() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  if (!snapshot) return null;
  const { store } = snapshot;
  const d = snapshot.diagnostics ?? null;
  const mass = (mg: number): string => weight(Math.abs(mg), store.weightUnit, language, store);
  const board = d?.board ? (d.board.connected ? `${t.connected}${d.board.firmware ? ` · ${d.board.firmware}` : ''}${d.board.port ? ` · ${d.board.port}` : ''}` : t.disconnected) : t.notReported;
  const scale = d?.scale ? (d.scale.grossMg !== null ? `${mass(d.scale.grossMg)} · ${d.scale.stable ? t.still : t.settling}` : t.notReported) : t.notReported;
  const calibrated = d?.scale ? (d.scale.calibratedAt !== null ? new Date(d.scale.calibratedAt).toLocaleString(language) : t.never) : t.notReported;
  const beacons = d?.beacons && d.beacons.length > 0 ? d.beacons.map((b) => `${b.laneId} ${b.rssi} dBm`).join(' · ') : d?.beacons ? t.noneHeard : t.notReported;
  const battery = d?.battery ? `${d.battery.percent}%${d.battery.charging ? ` · ${t.onCharger}` : ''}` : t.notReported;
  const steps = snapshot.weight?.steps ?? [];
  return (
    <section className="staff-section diagnostics" data-testid="diagnostics">
      <h2>{t.diagnostics}</h2>
      <dl className="diag-list">
        <Row label={t.board} value={board} testId="diag-board" />
        <Row label={t.scale} value={scale} testId="diag-scale" />
        <Row label={t.lastCalibrated} value={calibrated} />
        <Row label={t.netInCart} value={snapshot.weight ? mass(snapshot.weight.netMg) : t.notReported} testId="diag-net" />
        <Row label={t.scaleSteps} value={steps.length > 0 ? steps.map((s) => `${s.deltaMg < 0 ? '−' : '+'}${mass(s.deltaMg)}`).join('  ') : t.noneYet} />
        <Row label={t.beacons} value={beacons} testId="diag-beacons" />
        <Row label={t.battery} value={battery} testId="diag-battery" />
        <Row label={t.faults} value={(snapshot.faults ?? []).map((f) => f.message).join(' · ') || t.noneOpen} />
      </dl>
      <Cameras snapshot={snapshot} />
    </section>
  );
}
