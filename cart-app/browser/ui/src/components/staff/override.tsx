// A staff member sets one line's price by hand: pick the line, type the price, pick why. The
// runtime records who did it; the receipt shows the line as priced by staff.
import { useState } from 'react';
import { parseTypedMoney } from '../../../../../../payments/common/money/typed-money.js';
import type { SnapshotLine } from '../../../../../common/ui-protocol/snapshot.js';
import { overrideReasons, type OverrideReason } from '../../../../../common/ui-protocol/staff-choices.js';
import { ask } from '../../connection.js';
import { money, nameIn } from '../../format.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';
import { NumberPad, typeKey } from '../number-pad.js';

export function PriceOverride({ line, onDone }: { line: SnapshotLine; onDone: () => void }) {
  const t = useWords();
  const store = useScreen((s) => s.snapshot?.store);
  const language = useScreen((s) => s.language);
  const notify = useScreen((s) => s.notify);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState<OverrideReason>('damaged');
  if (!store) return null;
  const apply = async (): Promise<void> => {
    const price = parseTypedMoney(amount, store.minorUnits);
    if (!price.ok) return notify({ tone: 'problem', text: t.notAnAmount });
    // The reason goes on record as its code (damaged, shelf-price, manager); the screen shows it translated.
    if (await ask({ type: 'overridePrice', lineId: line.lineId, price: price.value, reason })) onDone();
  };
  return (
    <div className="override" data-testid="override">
      <h3>{t.setPriceFor(nameIn(line, language), money(store, language, line.total))}</h3>
      <div className="override-grid">
        <div>
          <div className="field active">
            <span className="field-label">{t.newPrice}</span>
            <span className="field-value">{amount || '—'}</span>
          </div>
          <NumberPad onKey={(k) => setAmount(typeKey(amount, k, 9))} decimal={store.minorUnits > 0} label={t.newPrice} />
        </div>
        <div className="override-side">
          <div className="choice-col" role="radiogroup" aria-label={t.why}>
            {overrideReasons.map((r) => (
              <button key={r} type="button" role="radio" aria-checked={r === reason} className={`choice ${r === reason ? 'active' : ''}`} onClick={() => setReason(r)}>
                {t.overrideReason[r]}
              </button>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="secondary" onClick={onDone}>
              {t.cancel}
            </button>
            <button type="button" className="primary" disabled={amount === ''} onClick={() => void apply()}>
              {t.setPrice}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
