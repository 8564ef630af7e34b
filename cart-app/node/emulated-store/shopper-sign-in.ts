// Signs the demo shopper in through the real path: their sign-in code is printed as a QR, shown
// to the cart's camera and read by the real decoder; the cart redeems what it read at the store,
// which opens the trip, and the cart asks for the hold on the shopper's card. A cart that let an
// earlier trip leave unsettled settles it first (exit-lane/settle-then-sign-in.ts).
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import { settleThenSignIn, type OwedSettler } from '../exit-lane/settle-then-sign-in.js';
import type { StoreClient } from '../store-client/store-client.js';
import { EmulatedStoreError } from './errors.js';

export interface SignedIn {
  readonly tripId: string;
  readonly shopperName: string;
  /** Minor units held on the card, or why there is no hold. */
  readonly hold: { readonly held: true; readonly amount: number } | { readonly held: false; readonly reason: string };
}

export async function signInThroughQr(cart: EmulatedCart, client: StoreClient, signInCode: string, owed?: OwedSettler): Promise<SignedIn> {
  const read = await cart.camera.show({ text: signInCode, kind: 'qrcode' });
  if (!read.ok) throw new EmulatedStoreError('sign-in', `the cart's camera could not read the sign-in QR: ${read.error.message}`);
  const code = read.value.text;
  const trip = await settleThenSignIn(owed, () => client.startTrip(code));
  if (!trip.ok) throw new EmulatedStoreError('sign-in', `the store refused the sign-in code: ${trip.error.message}`);
  const shopper = trip.value.shopper;
  const signed = cart.runtime.signIn({ tripId: trip.value.tripId, shopperId: shopper?.id ?? 'shopper', member: shopper?.member ?? false });
  if (!signed.ok) throw new EmulatedStoreError('sign-in', `the cart would not start the trip: ${signed.error.message}`);
  const hold = await client.hold(trip.value.tripId);
  return {
    tripId: trip.value.tripId,
    shopperName: shopper?.name ?? 'a guest',
    hold: hold.ok && hold.value.state === 'held' ? { held: true, amount: hold.value.amount } : { held: false, reason: hold.ok ? 'the trip is already checked out' : hold.error.message },
  };
}
