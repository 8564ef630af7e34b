// The shopper's budget for this trip: set it on the pad, see what is left in the totals bar.
import { useState } from 'react';
import { parseTypedMoney } from '../../../../../payments/common/money/typed-money.js';
import { ask } from '../connection.js';
import { money } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { NumberPad, typeKey } from './number-pad.js';

export function BudgetPanel() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const notify = useScreen((s) => s.notify);
  const [amount, setAmount] = useState('');
  if (!snapshot?.trip) return null;
  const { store, trip } = snapshot;

  const set = async (): Promise<void> => {
    const limit = parseTypedMoney(amount, store.minorUnits);
    if (!limit.ok) return notify({ tone: 'problem', text: t.notAnAmount });
    if (await ask({ type: 'setBudget', limit: limit.value })) setAmount('');
  };

  return (
    <section className="panel budget-panel" aria-label={t.tabs.budget}>
      <div className="field active">
        <span className="field-label">{t.budgetAmount}</span>
        <span className="field-value">{amount || (trip.budget ? money(store, language, trip.budget.limit) : '—')}</span>
      </div>
      <NumberPad onKey={(k) => setAmount(typeKey(amount, k, 9))} decimal={store.minorUnits > 0} label={t.budgetAmount} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void ask({ type: 'setBudget', limit: null })}>
          {t.clearBudget}
        </button>
        <button type="button" className="primary" disabled={amount === ''} onClick={() => void set()}>
          {t.setBudget}
        </button>
      </div>
    </section>
  );
}
