// Coupons: typed on the screen (a printed coupon's QR is scanned by the cameras like any code),
// with the ones on this trip and what each saves, or why it does not apply yet.
import { useState } from 'react';
import { ask } from '../connection.js';
import { money } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { TouchKeyboard, typeText } from './touch-keyboard.js';

export function CouponPanel() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const [code, setCode] = useState('');
  if (!snapshot?.trip) return null;
  const { store, trip } = snapshot;

  const apply = async (): Promise<void> => {
    if (await ask({ type: 'applyCoupon', code })) setCode('');
  };

  return (
    <section className="panel coupon-panel" aria-label={t.tabs.coupon}>
      <div className="entry-row">
        <input className="text-input" value={code} placeholder={t.couponCode} aria-label={t.couponCode} onChange={(e) => setCode(e.target.value.toUpperCase().slice(0, 32))} />
        <button type="button" className="primary" disabled={code.trim() === ''} onClick={() => void apply()}>
          {t.apply}
        </button>
      </div>
      <h3>{t.appliedCoupons}</h3>
      <ul className="coupons">
        {trip.coupons.map((c) => (
          <li key={c.code} className={`coupon ${c.problem ? 'waiting' : ''}`}>
            <div>
              <strong>{c.code}</strong> {c.name}
              {c.problem && <div className="muted">{c.problem}</div>}
            </div>
            <span className="coupon-amount">{c.amount > 0 ? `−${money(store, language, c.amount)}` : ''}</span>
            <button type="button" className="icon" onClick={() => void ask({ type: 'removeCoupon', code: c.code })} aria-label={`${t.remove} ${c.code}`}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <TouchKeyboard onKey={(k) => setCode(typeText(code, k, 32).trimStart())} label={t.couponCode} />
    </section>
  );
}
