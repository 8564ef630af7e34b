// The shopper's sign-in QR code: a fresh single-use code from the store, drawn with `qrcode`,
// replaced before it expires (its lifetime is counted on the store's clock, which the answer
// carries, so a phone with a wrong clock still refreshes in time).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { ApiError, call, problemText } from '../../shared/api.js';
import { signInCodeSchema } from './answers.js';

/** Ask for the next code this long before the current one runs out. */
const REFRESH_EARLY_MS = 20_000;
/** A code is never asked for more often than this, however short the store makes them. */
const MIN_REFRESH_MS = 5_000;

interface Shown {
  readonly image: string;
  /** The phone's performance.now() at which the code expires. */
  readonly expiresAtLocal: number;
}

export function SignInQr({ onSignedOut }: { onSignedOut: () => void }) {
  const [shown, setShown] = useState<Shown | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    call('POST', '/api/shopper/sign-in-code', signInCodeSchema)
      .then(async (code) => {
        const lifetime = code.expiresAt - code.now;
        const image = await QRCode.toDataURL(code.token, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
        if (!live) return;
        setShown({ image, expiresAtLocal: performance.now() + lifetime });
        setProblem(null);
        timer = setTimeout(() => setRound((r) => r + 1), Math.max(MIN_REFRESH_MS, lifetime - REFRESH_EARLY_MS));
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) return onSignedOut();
        setShown(null);
        setProblem(problemText(error));
        timer = setTimeout(() => setRound((r) => r + 1), MIN_REFRESH_MS);
      });
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [round, onSignedOut]);

  useEffect(() => {
    const tick = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const left = shown ? Math.max(0, Math.round((shown.expiresAtLocal - now) / 1000)) : 0;
  return (
    <section className="card qr-card">
      <h2>Scan this on the cart</h2>
      {shown ? (
        <img className="qr" src={shown.image} alt="Your sign-in code for the cart's camera" data-testid="sign-in-qr" width={320} height={320} />
      ) : (
        <div className="qr placeholder">{problem ?? 'Getting your code…'}</div>
      )}
      <p className="muted" data-testid="qr-expiry">
        {shown ? `Works once. A new code appears in ${Math.max(0, left - REFRESH_EARLY_MS / 1000)} s.` : ' '}
      </p>
      <button onClick={() => setRound((r) => r + 1)}>New code now</button>
    </section>
  );
}
