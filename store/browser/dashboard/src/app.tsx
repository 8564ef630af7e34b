// The dashboard's frame: sign-in until a session is live, then the tabs a person's role allows.
// The store enforces roles on every request; hiding a tab only saves an associate a refusal.
import { useEffect } from 'react';
import { call } from '../../shared/api.js';
import { nothing, staffMemberSchema } from './answers.js';
import { openFleetLive } from './fleet-live.js';
import { CatalogScreen } from './screens/catalog.js';
import { FleetScreen } from './screens/fleet.js';
import { LanesScreen } from './screens/lanes.js';
import { PairingScreen } from './screens/pairing.js';
import { RefundsScreen } from './screens/refunds.js';
import { ReviewsScreen } from './screens/reviews.js';
import { ShoppersScreen } from './screens/shoppers.js';
import { SignIn } from './screens/sign-in.js';
import { StaffScreen } from './screens/staff.js';
import { useDashboard, type Screen } from './store.js';

const TABS: readonly { screen: Screen; label: string; managerOnly: boolean }[] = [
  { screen: 'fleet', label: 'Fleet', managerOnly: false },
  { screen: 'pairing', label: 'Pairing', managerOnly: false },
  { screen: 'reviews', label: 'Reviews', managerOnly: false },
  { screen: 'shoppers', label: 'Shoppers', managerOnly: false },
  { screen: 'lanes', label: 'Lanes', managerOnly: false },
  { screen: 'refunds', label: 'Refunds', managerOnly: true },
  { screen: 'catalog', label: 'Catalog', managerOnly: true },
  { screen: 'staff', label: 'Staff', managerOnly: true },
];

function Body({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'fleet':
      return <FleetScreen />;
    case 'pairing':
      return <PairingScreen />;
    case 'reviews':
      return <ReviewsScreen />;
    case 'shoppers':
      return <ShoppersScreen />;
    case 'lanes':
      return <LanesScreen />;
    case 'refunds':
      return <RefundsScreen />;
    case 'catalog':
      return <CatalogScreen />;
    case 'staff':
      return <StaffScreen />;
  }
}

export function App() {
  const me = useDashboard((s) => s.me);
  const screen = useDashboard((s) => s.screen);
  const link = useDashboard((s) => s.link);
  const notice = useDashboard((s) => s.notice);
  const { open, signedIn } = useDashboard.getState();

  useEffect(() => {
    call('GET', '/api/staff/me', staffMemberSchema).then(signedIn, () => signedIn(null));
  }, [signedIn]);

  const id = me?.id;
  useEffect(() => {
    if (id === undefined) return undefined;
    const live = openFleetLive();
    return () => live.close();
  }, [id]);

  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) return <SignIn />;

  const signOut = () => {
    void call('POST', '/api/staff/logout', nothing).finally(() => signedIn(null));
  };
  return (
    <div className="frame">
      <header className="top">
        <strong className="brand">Tally store</strong>
        <nav className="tabs" role="tablist">
          {TABS.filter((t) => !t.managerOnly || me.role === 'manager').map((t) => (
            <button key={t.screen} role="tab" aria-selected={screen === t.screen} onClick={() => open(t.screen)}>
              {t.label}
            </button>
          ))}
        </nav>
        <span className={`link ${link}`} data-testid="link">
          {link === 'open' ? 'Live' : link === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
        <span className="who">
          {me.name} · {me.role}
        </span>
        <button onClick={signOut}>Sign out</button>
      </header>
      {notice && (
        <div className={`notice ${notice.tone}`} role={notice.tone === 'problem' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
        </div>
      )}
      <main className="body">
        <Body screen={screen} />
      </main>
    </div>
  );
}
