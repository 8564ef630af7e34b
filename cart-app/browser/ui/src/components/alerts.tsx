// Loss-prevention alerts for the shopper: what the cart noticed, in plain words naming the item
// when the cart knows it, and what to do about it. They stay on screen until the runtime says the
// alert is resolved (scanned, taken out, cleared by the sensors, or a staff member checked it).
import type { SnapshotAlert } from '../../../../common/ui-protocol/snapshot.js';
import { nameIn } from '../format.js';
import type { Language, Words } from '../i18n.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { LaneNotice } from './lane-notice.js';

/** The alert's two sentences: what happened and what to do. */
export function alertWords(t: Words, alert: SnapshotAlert, language: Language): { readonly what: string; readonly todo: string } {
  // The snapshot lists the alert's own lines first, then what the cameras or scale suggest.
  const [item, seen] = (alert.items ?? []).map((p) => nameIn(p, language));
  if (alert.kind === 'unscanned-item' && alert.direction === 'removed') return t.alertRemovedNotUnscanned(item ?? null, null);
  return t.alertText[alert.kind](item ?? null, seen ?? null);
}

export function AlertCard({ alert }: { alert: SnapshotAlert }) {
  const t = useWords();
  const language = useScreen((s) => s.language);
  const { what, todo } = alertWords(t, alert, language);
  return (
    <div className="alert-card" role="alert" data-testid="alert" data-kind={alert.kind}>
      <span className="alert-icon" aria-hidden="true">
        !
      </span>
      <div className="alert-words">
        <strong className="alert-what">{what}</strong>
        <span className="alert-todo">{todo}</span>
      </div>
    </div>
  );
}

export function Alerts() {
  const alerts = useScreen((s) => s.snapshot?.trip?.openAlerts);
  // The exit lane's word comes first: at the lane it is what the shopper must act on.
  const lane = <LaneNotice states={['fix-first', 'refused', 'offline-go', 'unknown-lane']} />;
  if (!alerts || alerts.length === 0) return lane;
  return (
    <div className="alerts">
      {lane}
      {alerts.map((a) => (
        <AlertCard key={a.alertId} alert={a} />
      ))}
    </div>
  );
}
