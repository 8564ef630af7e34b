// Always on screen: the running total, what the shopper saved, and what is left of the budget,
// in type big enough to read at arm's length while pushing the cart, and the way to check out.
import { money } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

export function TotalsBar() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const setLeaving = useScreen((s) => s.setLeaving);
  if (!snapshot?.trip) return null;
  const { trip, store } = snapshot;
  const count = trip.lines.reduce((n, l) => n + (l.measure.kind === 'each' ? l.measure.quantity : 1), 0);
  const budget = trip.budget;
  return (
    <section className="totals" aria-label={t.total}>
      <div className="total-block" data-testid="total">
        <span className="label">{t.total}</span>
        <span className="amount big">{trip.pricingProblem ? '—' : money(store, language, trip.total)}</span>
        <span className="label small">
          {t.items(count)}
          {trip.tax > 0 ? ` · ${t.tax} ${money(store, language, trip.tax)}` : ''}
          {trip.deposits > 0 ? ` · ${t.deposits} ${money(store, language, trip.deposits)}` : ''}
        </span>
      </div>
      <div className="total-block savings" data-testid="savings">
        <span className="label">{t.savings}</span>
        <span className="amount">{money(store, language, trip.savings)}</span>
        {trip.member && <span className="label small">{t.memberPrices}</span>}
      </div>
      <div className={`total-block budget ${budget && budget.left < 0 ? 'over' : ''}`} data-testid="budget">
        {budget ? (
          <>
            <span className="label">{budget.left >= 0 ? t.budgetLeft : t.overBudget}</span>
            <span className="amount">{money(store, language, Math.abs(budget.left))}</span>
            <span className="label small">/ {money(store, language, budget.limit)}</span>
          </>
        ) : (
          <span className="label">{t.noBudget}</span>
        )}
      </div>
      <button type="button" className="primary done" disabled={trip.lines.length === 0} onClick={() => setLeaving(true)}>
        {t.doneShopping}
      </button>
    </section>
  );
}
