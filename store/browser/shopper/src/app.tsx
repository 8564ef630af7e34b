// The shopper page: opened once from the service desk's one-time link (kept in the URL's
// fragment, which never reaches a server), then the phone stays signed in and shows the
// sign-in QR code for the cart and the shopper's receipts.
import { useCallback, useEffect, useState } from 'react';
import { call, problemText } from '../../shared/api.js';
import { sessionSchema, shopperSchema, type ShopperView } from './answers.js';
import { Receipts } from './receipts.js';
import { SignInQr } from './sign-in-qr.js';

const LINK = /^#link=([A-Za-z0-9_-]{20,100})$/;

let asking: Promise<ShopperView> | undefined;

/** Asked once per page load: the link works once, and React may run an effect twice. */
const whoAmIOnce = (): Promise<ShopperView> => (asking ??= whoAmI());

async function whoAmI(): Promise<ShopperView> {
  const link = LINK.exec(location.hash)?.[1];
  if (link !== undefined) {
    // The link works once: take it out of the address bar and history before using it.
    history.replaceState(null, '', location.pathname);
    return (await call('POST', '/api/shopper/session', sessionSchema, { link })).shopper;
  }
  return call('GET', '/api/shopper/me', shopperSchema);
}

export function ShopperApp() {
  const [shopper, setShopper] = useState<ShopperView | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    whoAmIOnce().then(setShopper, (error: unknown) => {
      setShopper(null);
      setProblem(problemText(error));
    });
  }, []);
  const signedOut = useCallback(() => setShopper(null), []);

  if (shopper === undefined) return <p className="page">Loading…</p>;
  if (shopper === null) {
    return (
      <main className="page stack">
        <h1>Tally</h1>
        <div className="card stack">
          <h2>Sign in on this phone</h2>
          <p>Ask at the service desk for your sign-in link and open it on this phone. You stay signed in for a month.</p>
          {problem && <p className="muted">{problem}</p>}
        </div>
      </main>
    );
  }
  const signOut = () => void call('POST', '/api/shopper/logout', shopperSchema.optional()).finally(signedOut);
  return (
    <main className="page stack">
      <header className="row spread">
        <h1>Hello, {shopper.name}</h1>
        {shopper.membership === 'member' && <span className="badge ok">Member</span>}
      </header>
      <SignInQr onSignedOut={signedOut} />
      <Receipts />
      <button onClick={signOut}>Sign out of this phone</button>
    </main>
  );
}
