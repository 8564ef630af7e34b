// Scale calibration with a known weight: the basket emptied, one of the dock's test weights set in
// the middle, then the runtime sets the load cells' scale factor from it. The live reading shows
// whether the weight is on and still before the staff member taps.
import { useState } from 'react';
import { calibrationWeightsMg } from '../../../../../common/ui-protocol/staff-choices.js';
import { ask } from '../../connection.js';
import { localeFor, weight } from '../../format.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';

export function Calibration() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  const language = useScreen((s) => s.language);
  const [knownMg, setKnown] = useState<number>(calibrationWeightsMg[0]);
  if (!snapshot) return null;
  const { store } = snapshot;
  const scale = snapshot.diagnostics?.scale ?? null;
  const kg = (mg: number): string => `${new Intl.NumberFormat(localeFor(store, language)).format(mg / 1_000_000)} kg`;
  return (
    <section className="staff-section calibration" data-testid="calibration">
      <h2>{t.calibrateScale}</h2>
      <ol className="steps">
        <li>{t.calibrateStep1}</li>
        <li>{t.calibrateStep2(kg(knownMg))}</li>
        <li>{t.calibrateStep3}</li>
      </ol>
      <div className="choice-row" role="radiogroup" aria-label={t.knownWeight}>
        {calibrationWeightsMg.map((mg) => (
          <button key={mg} type="button" role="radio" aria-checked={mg === knownMg} className={`choice ${mg === knownMg ? 'active' : ''}`} onClick={() => setKnown(mg)}>
            {kg(mg)}
          </button>
        ))}
      </div>
      <p className="reading" data-testid="scale-reading">
        {t.scaleNow}:{' '}
        <strong>{scale?.grossMg != null ? `${weight(scale.grossMg, store.weightUnit, language, store)} · ${scale.stable ? t.still : t.settling}` : t.notReported}</strong>
      </p>
      <button type="button" className="primary big" onClick={() => void ask({ type: 'calibrateScale', knownMg })}>
        {t.calibrateWith(kg(knownMg))}
      </button>
    </section>
  );
}
