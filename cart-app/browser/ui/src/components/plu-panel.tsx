// Produce by PLU: the shopper types the sticker's number, the weight (the scale's reading on a
// cart with one; typed on the emulated cart), and adds it. The product the PLU names is shown
// as soon as it is typed, so a wrong number is caught before it reaches the basket. Recognition's
// picture suggestions (suggestions.tsx) fill the same fields.
import { useEffect, useState } from 'react';
import type { ProductHit } from '../../../../common/ui-protocol/intents.js';
import { parseTypedMass } from '../../../../common/typed-mass.js';
import { ask, cart } from '../connection.js';
import { money, nameIn } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';
import { NumberPad, typeKey } from './number-pad.js';

export function PluPanel() {
  const t = useWords();
  const store = useScreen((s) => s.snapshot?.store);
  const language = useScreen((s) => s.language);
  const notify = useScreen((s) => s.notify);
  const { plu, grams, target } = useScreen((s) => s.produce);
  const setProduce = useScreen((s) => s.setProduce);
  const [product, setProduct] = useState<ProductHit | null>(null);

  useEffect(() => {
    if (plu.length < 4) return setProduct(null);
    let current = true;
    void cart.search(plu).then((hits) => current && setProduct(hits.find((h) => h.plu === plu) ?? null));
    return () => {
      current = false;
    };
  }, [plu]);

  if (!store) return null;
  const unit = store.weightUnit;

  const onKey = (key: string): void => {
    if (target === 'plu') {
      if (key !== '.') setProduce({ plu: typeKey(plu, key, 5) });
    } else setProduce({ grams: typeKey(grams, key, 6) });
  };

  const add = async (): Promise<void> => {
    let done: boolean;
    if (grams === '') done = await ask({ type: 'scan', code: plu });
    else {
      const mass = parseTypedMass(`${grams}${unit}`);
      if (!mass.ok) return notify({ tone: 'problem', text: t.notAWeight });
      done = await ask({ type: 'weigh', code: plu, grossMg: mass.value });
    }
    if (done) setProduce(null);
  };

  return (
    <section className="panel plu-panel" aria-label={t.tabs.keypad}>
      <div className="fields">
        <button type="button" className={`field ${target === 'plu' ? 'active' : ''}`} onClick={() => setProduce({ target: 'plu' })} data-testid="plu-field">
          <span className="field-label">{t.plu}</span>
          <span className="field-value">{plu || '—'}</span>
        </button>
        <button type="button" className={`field ${target === 'weight' ? 'active' : ''}`} onClick={() => setProduce({ target: 'weight' })} data-testid="weight-field">
          <span className="field-label">{t.weight}</span>
          <span className="field-value">
            {grams || '—'} {unit}
          </span>
        </button>
      </div>
      <p className="plu-product" aria-live="polite">
        {product ? `${nameIn(product, language)} · ${money(store, language, product.price)}${product.per ? t.perUnit(product.per) : ''}` : ' '}
      </p>
      <NumberPad onKey={onKey} decimal={target === 'weight'} label={target === 'plu' ? t.plu : t.weight} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setProduce(null)}>
          {t.clear}
        </button>
        <button type="button" className="primary" disabled={plu.length < 4} onClick={() => void add()}>
          {t.weighAndAdd}
        </button>
      </div>
    </section>
  );
}
