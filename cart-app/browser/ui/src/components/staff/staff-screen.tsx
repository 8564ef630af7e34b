// The cart's screen while a staff member is signed in: the trip's staff actions, diagnostics,
// scale calibration and pairing, each a tab, and a way back to the shopper's screen.
import { useState } from 'react';
import { ask } from '../../connection.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';
import { Calibration } from './calibration.js';
import { Diagnostics } from './diagnostics.js';
import { Pairing } from './pairing.js';
import { TripActions } from './trip-actions.js';

const TABS = ['trip', 'diagnostics', 'scale', 'pairing'] as const;
type StaffTab = (typeof TABS)[number];

export function StaffScreen() {
  const t = useWords();
  const staff = useScreen((s) => s.snapshot?.staff);
  const notify = useScreen((s) => s.notify);
  const [tab, setTab] = useState<StaffTab>('trip');
  const open = (name: StaffTab): void => {
    notify(null);
    setTab(name);
  };
  if (!staff) return null;
  return (
    <section className="staff" data-testid="staff-screen" aria-label={t.staffMode}>
      <div className="staff-bar">
        <strong>{t.staffSignedIn(staff.staffId)}</strong>
        <nav className="tabs staff-tabs" role="tablist">
          {TABS.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} className={`tab ${tab === name ? 'active' : ''}`} onClick={() => open(name)}>
              {t.staffTabs[name]}
            </button>
          ))}
        </nav>
        <button type="button" className="secondary" onClick={() => void ask({ type: 'staffSignOut' })}>
          {t.staffSignOut}
        </button>
      </div>
      <div className="staff-body">
        {tab === 'trip' && <TripActions />}
        {tab === 'diagnostics' && <Diagnostics />}
        {tab === 'scale' && <Calibration />}
        {tab === 'pairing' && <Pairing />}
      </div>
    </section>
  );
}
