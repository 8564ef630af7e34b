// A new shopper's sign-in on a cart that let an earlier trip leave unsettled. The store opens no
// new trip on a cart while it has never heard an earlier trip's checkout (409 `trip-open`), so
// the cart sends what it owes first: a sign-in needs the store, so the store is back. A trip the
// store then pays, declines, refuses for good or is still charging is no longer open there, and
// the shopper signs in (docs/payments.md, "A new shopper after an unsettled trip").
import type { Result } from '../../../domain/common/result.js';
import type { StoreCallError } from '../store-client/store-client.js';

/** The watch as a sign-in uses it. */
export interface OwedSettler {
  settleNow(): Promise<void>;
}

/**
 * Settles what the cart owes, then redeems the shopper's code. When the store still finds a
 * trip open (a settlement that got no answer while the sign-in did), settles once more and tries
 * the code again: the store does not spend a code it refuses with `trip-open`.
 */
export async function settleThenSignIn<T>(watch: OwedSettler | undefined, signIn: () => Promise<Result<T, StoreCallError>>): Promise<Result<T, StoreCallError>> {
  if (!watch) return signIn();
  await watch.settleNow();
  const first = await signIn();
  if (first.ok || first.error.code !== 'trip-open') return first;
  await watch.settleNow();
  return signIn();
}
