// Opens the cart's live WebSocket to its store. The upgrade request is signed like any cart
// request (GET, the path, the empty body's digest), so only the cart holding the key can be
// the cart on the fleet board; a refused upgrade's JSON error is read back for the caller.
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { cartAuthHeaders } from '../../../domain/node/cart-auth/keys.js';
import { storeErrorSchema } from './catalog-answers.js';
import type { CartIdentity } from './signed-get.js';

export const CART_LIVE_PATH = '/api/cart/live';

/** The store's messages are a few hundred bytes; a bigger one closes the socket. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** A refusal's JSON body is small; more is not read. */
const MAX_REFUSAL_BYTES = 4 * 1024;

/** Why the store would not open the connection (the upgrade's HTTP answer). */
export interface UpgradeRefusal {
  readonly status: number;
  /** The store's error code (`cart-unpaired`, `bad-signature` …), or `http-STATUS`. */
  readonly code: string;
  readonly message: string;
}

export function openSignedSocket(cart: CartIdentity, onRefused: (refusal: UpgradeRefusal) => void): WebSocket {
  const headers = cartAuthHeaders(cart.keys, { cartId: cart.cartId, method: 'GET', path: CART_LIVE_PATH, body: '', timestamp: cart.clock.now() });
  const url = `${cart.baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${CART_LIVE_PATH}`;
  const ws = new WebSocket(url, { headers, maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: 15_000 });
  ws.on('unexpected-response', (_request, response: IncomingMessage) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REFUSAL_BYTES) chunks.push(chunk);
    });
    response.on('end', () => {
      let said: unknown;
      try {
        said = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        said = undefined;
      }
      const error = storeErrorSchema.safeParse(said);
      const status = response.statusCode ?? 0;
      onRefused(error.success ? { status, code: error.data.error, message: error.data.message } : { status, code: `http-${status}`, message: `the store answered ${status}` });
      // Ends the attempt; 'close' follows as for any other lost connection.
      ws.terminate();
    });
    response.on('error', () => ws.terminate());
  });
  return ws;
}
