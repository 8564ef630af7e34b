// Pairing a cart with the store: the code the store issued and the same as a QR for the staff
// dashboard's camera, or a button to ask the store for one. A paired cart says whose it is.
import { ask } from '../../connection.js';
import { useScreen } from '../../store.js';
import { useWords } from '../../words.js';
import { QrCode } from './qr.js';

/** What the staff dashboard reads from the QR: the cart and the code, nothing secret beyond the code itself. */
export const pairingQrText = (cartId: string | null, code: string): string => `tally-pair:${cartId ?? ''}:${code}`;

export function Pairing() {
  const t = useWords();
  const pairing = useScreen((s) => s.snapshot?.pairing);
  const code = pairing?.code ?? null;
  return (
    <section className="staff-section pairing" data-testid="pairing">
      <h2>{t.pairing}</h2>
      <p>{pairing?.storeId ? t.pairedWith(pairing.storeId, pairing.cartId ?? '—') : t.notPaired}</p>
      {code ? (
        <div className="pairing-code">
          <QrCode text={pairingQrText(pairing?.cartId ?? null, code)} label={t.pairingQr} />
          <div>
            <span className="field-label">{t.pairingCode}</span>
            <span className="code" data-testid="pairing-code">
              {code}
            </span>
            <p className="muted">{t.pairingHint}</p>
          </div>
        </div>
      ) : (
        <p className="muted">{t.noPairingCode}</p>
      )}
      <button type="button" className="primary" onClick={() => void ask({ type: 'requestPairingCode' })}>
        {code ? t.newPairingCode : t.getPairingCode}
      </button>
    </section>
  );
}
