// The cart's screen, laid out for a 1280×800 landscape touchscreen. While shopping: the totals bar
// across the top, the basket on the left, and the panels (produce keypad, search, coupons, budget)
// on the right. Then how to leave through a lane, the charge, and the receipt; and the staff
// screen whenever a staff member is signed in. Language and contrast stay on every screen.
import { useEffect } from 'react';
import { Alerts } from './components/alerts.js';
import { BudgetPanel } from './components/budget-panel.js';
import { BadgeCheck } from './components/badge-check.js';
import { Basket } from './components/basket.js';
import { CheckingOut, LeaveThroughLane } from './components/checkout.js';
import { CouponPanel } from './components/coupon-panel.js';
import { HelpButton, HelpOnTheWay } from './components/help-call.js';
import { NoticeLine } from './components/notice.js';
import { PluPanel } from './components/plu-panel.js';
import { ReceiptScreen } from './components/receipt.js';
import { SearchPanel } from './components/search-panel.js';
import { StaffPin } from './components/staff/staff-pin.js';
import { StaffScreen } from './components/staff/staff-screen.js';
import { Suggestions } from './components/suggestions.js';
import { TotalsBar } from './components/totals-bar.js';
import { nameIn } from './format.js';
import { useScreen, type Panel } from './store.js';
import { useWords } from './words.js';

const PANELS: readonly Panel[] = ['keypad', 'search', 'coupon', 'budget'];

function Header() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const highContrast = useScreen((s) => s.highContrast);
  const { setLanguage, toggleContrast, setStaffPrompt } = useScreen.getState();
  // "Added: …" belongs to shopping; at the lane and on the receipt it is old news.
  const shopping = snapshot?.status === 'shopping' && !snapshot.staff;
  const last = shopping && snapshot.lastScan ? snapshot.trip?.lines.find((l) => l.lineId === snapshot.lastScan?.lineId) : undefined;
  return (
    <header className="header">
      <span className="store-name">{snapshot?.store.name ?? 'Tally'}</span>
      <span className="last-added" aria-live="polite" data-testid="last-added">
        {last ? t.added(nameIn(last, language)) : ''}
      </span>
      <button type="button" className="toggle" aria-pressed={highContrast} onClick={toggleContrast}>
        ◐ {t.highContrast}
      </button>
      <button type="button" className="toggle" onClick={() => setLanguage(language === 'en' ? 'es' : 'en')} lang={language === 'en' ? 'es' : 'en'}>
        {t.language}
      </button>
      <HelpButton />
      {!snapshot?.staff && (
        <button type="button" className="toggle" onClick={() => setStaffPrompt(true)}>
          {t.staff}
        </button>
      )}
    </header>
  );
}

function Banners() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const trip = snapshot?.trip;
  return (
    <>
      {snapshot?.status === 'locked' && <div className="banner warn">{t.locked}</div>}
      {trip?.pricingProblem && <div className="banner warn">{t.cantPrice}</div>}
      {trip?.paymentProblem && (
        <div className="banner warn" role="alert" data-testid="payment-problem">
          {t.paymentFailed(trip.paymentProblem)}
        </div>
      )}
      {trip?.ageCheckNeeded != null && (
        <div className="banner info" data-testid="age-banner">
          {t.ageBanner(trip.ageCheckNeeded)}
        </div>
      )}
    </>
  );
}

/** Shown over every screen: the cart keeps recording while the screen is cut off. */
function LinkBanner() {
  const t = useWords();
  const link = useScreen((s) => s.link);
  if (link === 'open') return null;
  return <div className="banner warn">{link === 'connecting' ? t.connecting : t.reconnecting}</div>;
}

function Panels() {
  const t = useWords();
  const panel = useScreen((s) => s.panel);
  const setPanel = useScreen((s) => s.setPanel);
  return (
    <aside className="side">
      <nav className="tabs" role="tablist">
        {PANELS.map((p) => (
          <button key={p} type="button" role="tab" aria-selected={panel === p} className={`tab ${panel === p ? 'active' : ''}`} onClick={() => setPanel(p)}>
            {t.tabs[p]}
          </button>
        ))}
      </nav>
      {panel === 'keypad' && <PluPanel />}
      {panel === 'search' && <SearchPanel />}
      {panel === 'coupon' && <CouponPanel />}
      {panel === 'budget' && <BudgetPanel />}
    </aside>
  );
}

function Shopping() {
  return (
    <>
      <TotalsBar />
      <Banners />
      <NoticeLine />
      <main className="body">
        <section className="basket-area">
          {/* Above the basket they are about, so the produce keypad beside keeps its full height. */}
          <Alerts />
          <Suggestions />
          <Basket />
        </section>
        <Panels />
      </main>
    </>
  );
}

/** The one screen the cart shows now: staff first, then the trip's phase. */
function Current() {
  const snapshot = useScreen((s) => s.snapshot);
  const leaving = useScreen((s) => s.leaving);
  if (snapshot?.staff) return <StaffScreen />;
  if (snapshot?.trip && snapshot.status === 'paid') return <ReceiptScreen />;
  if (snapshot?.trip && snapshot.status === 'checking-out') return <CheckingOut />;
  if (snapshot?.trip && leaving && snapshot.status === 'shopping') return <LeaveThroughLane />;
  return <Shopping />;
}

export function App() {
  const language = useScreen((s) => s.language);
  const highContrast = useScreen((s) => s.highContrast);
  const staffPrompt = useScreen((s) => s.staffPrompt);
  const staff = useScreen((s) => s.snapshot?.staff);
  const staffId = staff?.staffId ?? null;
  // The last refusal belongs to the screen it was made on, not to the one staff mode switches to.
  useEffect(() => useScreen.getState().notify(null), [staffId]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset['contrast'] = highContrast ? 'high' : 'normal';
  }, [language, highContrast]);
  return (
    <div className="screen">
      <Header />
      <LinkBanner />
      <HelpOnTheWay />
      <BadgeCheck />
      <Current />
      {staff && <NoticeLine />}
      {staffPrompt && !staff && <StaffPin />}
    </div>
  );
}
