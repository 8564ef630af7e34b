// An on-screen keyboard: a cart's screen has no physical one. Letters and digits only, which
// is all product names (accents are ignored by the catalog's search) and coupon codes need.
const ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL-', 'ZXCVBNM'];

interface TouchKeyboardProps {
  readonly onKey: (key: string) => void;
  readonly label: string;
}

export function TouchKeyboard({ onKey, label }: TouchKeyboardProps) {
  return (
    <div className="touch-keyboard" role="group" aria-label={label}>
      {ROWS.map((row) => (
        <div className="kb-row" key={row}>
          {[...row].map((k) => (
            <button key={k} type="button" className="key small" onClick={() => onKey(k)}>
              {k}
            </button>
          ))}
          {row === 'ZXCVBNM' && (
            <>
              <button type="button" className="key small wide" onClick={() => onKey(' ')} aria-label="space">
                ␣
              </button>
              <button type="button" className="key small wide" onClick={() => onKey('⌫')} aria-label="delete">
                ⌫
              </button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}

export function typeText(value: string, key: string, maxLength: number): string {
  if (key === '⌫') return value.slice(0, -1);
  return value.length >= maxLength ? value : value + key;
}
