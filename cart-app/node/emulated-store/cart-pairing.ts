// Pairs the emulated cart with the store the way a real cart is paired: the cart asks with its
// own key and gets a code, and a member of staff approves the code; here the launcher is that
// member of staff (the demo manager). The key and the store's id for the cart are kept in the
// data folder, so a restarted cart is already paired and asks nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../../../domain/common/clock.js';
import { exportPrivateKey, generateCartKeys, importCartKeys, type CartKeys } from '../../../domain/node/cart-auth/keys.js';
import { StoreClient } from '../store-client/store-client.js';
import type { EmulatedStoreLayout } from './data-folder.js';
import { EmulatedStoreError } from './errors.js';
import type { StaffDesk } from './staff-desk.js';

export interface PairedCart {
  readonly client: StoreClient;
  readonly cartId: string;
  /** The cart's key, for the links that sign their own requests (catalog, fleet). */
  readonly keys: CartKeys;
  /** The code the launcher approved now; null when the cart was paired on an earlier start. */
  readonly approvedCode: string | null;
}

function cartKeys(layout: EmulatedStoreLayout): { keys: CartKeys; cartId: string | undefined } {
  mkdirSync(layout.cartDir, { recursive: true, mode: 0o700 });
  if (!existsSync(layout.cartKey)) {
    const keys = generateCartKeys();
    writeFileSync(layout.cartKey, exportPrivateKey(keys), { mode: 0o600 });
    return { keys, cartId: undefined };
  }
  let keys: CartKeys;
  try {
    keys = importCartKeys(readFileSync(layout.cartKey, 'utf8'));
  } catch (error) {
    throw new EmulatedStoreError('data-folder', `the cart's key ${layout.cartKey} cannot be read (${error instanceof Error ? error.message : String(error)}). Start afresh with --fresh.`);
  }
  const cartId = existsSync(layout.cartId) ? readFileSync(layout.cartId, 'utf8').trim() : '';
  return { keys, cartId: cartId === '' ? undefined : cartId };
}

export async function pairEmulatedCart(options: { readonly layout: EmulatedStoreLayout; readonly storeUrl: string; readonly clock: Clock; readonly desk: StaffDesk; readonly cartName: string }): Promise<PairedCart> {
  const { layout, storeUrl, clock, desk, cartName } = options;
  const { keys, cartId } = cartKeys(layout);
  const client = new StoreClient({ baseUrl: storeUrl, keys, clock, ...(cartId ? { cartId } : {}) });
  if (cartId !== undefined) {
    const status = await client.status();
    if (status.ok && status.value.state === 'paired') return { client, cartId, keys, approvedCode: null };
  }
  const asked = await client.requestPairing(cartName);
  if (!asked.ok) throw new EmulatedStoreError('pairing', `the store refused to pair the cart: ${asked.error.message}`);
  writeFileSync(layout.cartId, `${client.cartId}\n`);
  await desk.approvePairing(asked.value.code, cartName);
  const status = await client.status();
  if (!status.ok || status.value.state !== 'paired') throw new EmulatedStoreError('pairing', `the store approved code ${asked.value.code} but the cart is ${status.ok ? status.value.state : `unreachable (${status.error.message})`}`);
  return { client, cartId: client.cartId, keys, approvedCode: asked.value.code };
}
