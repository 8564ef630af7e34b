// The shopper's screen, laid out for a 1280×800 landscape touchscreen: the totals bar across
// the top, the basket on the left, and the panels (produce keypad, search, coupons, budget) on
// the right. Language and contrast are the shopper's choice and stay on the screen.
import { useEffect } from 'react';
import { BudgetPanel } from './components/budget-panel.js';
import { Basket } from './components/basket.js';
import { CouponPanel } from './components/coupon-panel.js';
import { NoticeLine } from './components/notice.js';
import { PluPanel } from './components/plu-panel.js';
import { SearchPanel } from './components/search-panel.js';
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
  const { setLanguage, toggleContrast } = useScreen.getState();
  const last = snapshot?.lastScan ? snapshot.trip?.lines.find((l) => l.lineId === snapshot.lastScan?.lineId) : undefined;
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
    </header>
  );
}

function Banners() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const link = useScreen((s) => s.link);
  const trip = snapshot?.trip;
  return (
    <>
      {link !== 'open' && <div className="banner warn">{link === 'connecting' ? t.connecting : t.reconnecting}</div>}
      {snapshot?.status === 'locked' && <div className="banner warn">{t.locked}</div>}
      {snapshot?.status === 'checking-out' && <div className="banner info">{t.checkingOut}</div>}
      {snapshot?.status === 'paid' && <div className="banner info">{t.paid}</div>}
      {trip?.pricingProblem && <div className="banner warn">{t.cantPrice}</div>}
      {trip?.openAlerts.map((a) => (
        <div key={a.alertId} className="banner warn" role="alert">
          {t.alerts}: {t.alertKinds[a.kind]}
        </div>
      ))}
      {trip?.ageCheckNeeded != null && (
        <div className="banner info" data-testid="age-banner">
          {t.ageBanner(trip.ageCheckNeeded)}
        </div>
      )}
    </>
  );
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

export function App() {
  const language = useScreen((s) => s.language);
  const highContrast = useScreen((s) => s.highContrast);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset['contrast'] = highContrast ? 'high' : 'normal';
  }, [language, highContrast]);
  return (
    <div className="screen">
      <Header />
      <TotalsBar />
      <Banners />
      <NoticeLine />
      <main className="body">
        <section className="basket-area">
          <Basket />
        </section>
        <Panels />
      </main>
    </div>
  );
}
