// A staff member signs in on the cart with their badge PIN, typed on a big pad and shown as dots.
// The runtime checks the PIN against the store's staff list; the screen never knows who is valid.
import { useState } from 'react';
import { ask } from '../../connection.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';
import { NoticeLine } from '../notice.js';
import { NumberPad, typeKey } from '../number-pad.js';

export function StaffPin() {
  const t = useWords();
  const setStaffPrompt = useScreen((s) => s.setStaffPrompt);
  const [pin, setPin] = useState('');
  const signIn = async (): Promise<void> => {
    const done = await ask({ type: 'staffSignIn', pin });
    setPin('');
    if (done) setStaffPrompt(false);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-testid="staff-pin">
      <section className="dialog">
        <h2 id="pin-title">{t.staffSignIn}</h2>
        <p className="muted">{t.staffPinHint}</p>
        <NoticeLine />
        <div className="field active pin-field">
          <span className="field-label">{t.badgePin}</span>
          <span className="field-value" data-testid="pin-dots">
            {pin ? '•'.repeat(pin.length) : '—'}
          </span>
        </div>
        <NumberPad onKey={(k) => setPin(typeKey(pin, k, 8))} decimal={false} label={t.badgePin} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setStaffPrompt(false)}>
            {t.cancel}
          </button>
          <button type="button" className="primary" disabled={pin.length < 4} onClick={() => void signIn()}>
            {t.signIn}
          </button>
        </div>
      </section>
    </div>
  );
}
