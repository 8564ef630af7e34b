// A big-key number pad for a touchscreen: digits, a decimal point when the value has one, and
// delete. Used for PLU codes, weights and the budget.
interface NumberPadProps {
  readonly onKey: (key: string) => void;
  readonly decimal: boolean;
  readonly label: string;
}

const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3'];

export function NumberPad({ onKey, decimal, label }: NumberPadProps) {
  return (
    <div className="number-pad" role="group" aria-label={label}>
      {KEYS.map((k) => (
        <button key={k} type="button" className="key" onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key" disabled={!decimal} onClick={() => onKey('.')} aria-label="decimal point">
        .
      </button>
      <button type="button" className="key" onClick={() => onKey('0')}>
        0
      </button>
      <button type="button" className="key" onClick={() => onKey('⌫')} aria-label="delete">
        ⌫
      </button>
    </div>
  );
}

/** Applies a key to a typed value, keeping it short and with at most one decimal point. */
export function typeKey(value: string, key: string, maxLength: number): string {
  if (key === '⌫') return value.slice(0, -1);
  if (key === '.' && value.includes('.')) return value;
  return value.length >= maxLength ? value : value + key;
}
