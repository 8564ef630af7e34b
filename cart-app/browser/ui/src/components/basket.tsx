// The basket: one row per line, newest scan flashed green and scrolled into view, with + and −
// for counted items and a remove button on every line.
import { useEffect, useRef } from 'react';
import type { SnapshotLine } from '../../../../common/ui-protocol/snapshot.js';
import { ask } from '../connection.js';
import { money, nameIn, quantityText, type StoreView } from '../format.js';
import { useScreen } from '../store.js';
import { useWords } from '../words.js';

function Line({ line, store, flashSeq }: { line: SnapshotLine; store: StoreView; flashSeq: number | null }) {
  const t = useWords();
  const language = useScreen((s) => s.language);
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (flashSeq !== null) row.current?.scrollIntoView({ block: 'nearest' });
  }, [flashSeq]);
  const { measure } = line;
  return (
    <li ref={row} className="line" data-testid="basket-line" data-sku={line.sku}>
      {/* Keyed by the scan's seq so the flash replays on every scan of the same line. */}
      {flashSeq !== null && <span key={flashSeq} className="flash" aria-hidden="true" />}
      <div className="line-main">
        <span className="line-name">{nameIn(line, language)}</span>
        <span className="line-detail">
          {measure.kind === 'weight' && `${quantityText(measure, language, store)} @ ${money(store, language, line.unitPrice)}${t.perUnit(measure.per)}`}
          {measure.kind === 'each' && measure.quantity > 1 && `${money(store, language, line.unitPrice)} ${t.each}`}
          {line.minimumAge !== null && <span className="age-badge">{t.staffCheckId(line.minimumAge)}</span>}
        </span>
      </div>
      {measure.kind === 'each' ? (
        <div className="stepper">
          <button type="button" className="step" disabled={measure.quantity <= 1} onClick={() => void ask({ type: 'changeQuantity', lineId: line.lineId, quantity: measure.quantity - 1 })} aria-label={t.fewer}>
            −
          </button>
          <span className="qty" data-testid="quantity">
            {measure.quantity}
          </span>
          <button type="button" className="step" disabled={measure.quantity >= 999} onClick={() => void ask({ type: 'changeQuantity', lineId: line.lineId, quantity: measure.quantity + 1 })} aria-label={t.more}>
            +
          </button>
        </div>
      ) : (
        <div className="stepper" />
      )}
      <div className="line-price">
        <span className="line-total">{money(store, language, line.total)}</span>
        {line.saving > 0 && <span className="line-saving">−{money(store, language, line.saving)}</span>}
      </div>
      <button type="button" className="remove" onClick={() => void ask({ type: 'removeLine', lineId: line.lineId })} aria-label={`${t.remove} ${nameIn(line, language)}`}>
        {t.remove}
      </button>
    </li>
  );
}

export function Basket() {
  const t = useWords();
  const snapshot = useScreen((s) => s.snapshot);
  if (!snapshot?.trip) return null;
  const { trip, store, lastScan } = snapshot;
  if (trip.lines.length === 0) return <p className="empty">{t.emptyBasket}</p>;
  return (
    <ul className="basket" aria-label="basket">
      {trip.lines.map((line) => (
        <Line key={line.lineId} line={line} store={store} flashSeq={lastScan?.lineId === line.lineId ? lastScan.seq : null} />
      ))}
    </ul>
  );
}
