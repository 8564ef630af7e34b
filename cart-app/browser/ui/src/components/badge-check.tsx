// What the cart says while it checks a staff badge held up to its camera with the store, and why
// the store refused one (revoked, unknown): the staff member sees it at once, not a silent camera.
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

export function BadgeCheck() {
  const t = useWords();
  const badge = useScreen((s) => s.snapshot?.staffBadge);
  if (!badge) return null;
  if (badge.state === 'checking') {
    return (
      <div className="banner info" role="status" data-testid="badge-check">
        {t.checkingBadge}
      </div>
    );
  }
  return (
    <div className="banner warn" role="alert" data-testid="badge-check">
      {t.badgeRefused} {badge.message}
    </div>
  );
}
