// The shopper's call for a person: a Help button in the header, and while the call is open a
// blue band on every screen saying help is coming, with a way to take it back. The call itself
// lives in the cart's session (the pole light turns blue from the same fact), so the band shows
// whether the call came from this button or the cart's own help button.
import { ask } from '../connection.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

/** The header's Help button; hidden while staff are signed in or a call is already open. */
export function HelpButton() {
  const t = useWords();
  const help = useScreen((s) => s.snapshot?.help);
  const staff = useScreen((s) => s.snapshot?.staff);
  if (help || staff) return null;
  return (
    <button type="button" className="toggle help-button" onClick={() => void ask({ type: 'callHelp' })}>
      {t.help}
    </button>
  );
}

/** The band that says a person is coming; gone once a staff member signs in on the cart. */
export function HelpOnTheWay() {
  const t = useWords();
  const help = useScreen((s) => s.snapshot?.help);
  const staff = useScreen((s) => s.snapshot?.staff);
  if (!help || staff) return null;
  return (
    <div className="banner help" role="status" data-testid="help-on-the-way">
      <span className="help-words">
        <strong>{t.helpOnTheWay}</strong> {t.helpOnTheWayDetail}
      </span>
      <button type="button" className="secondary" onClick={() => void ask({ type: 'cancelHelp' })}>
        {t.cancelHelp}
      </button>
    </div>
  );
}
