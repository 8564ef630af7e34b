// The exact text a cart signs for each request to its store. Cart and store build it with this
// one function, so a request the cart signed is the request the store checks: the method, the
// path with its query, a digest of the body bytes as sent, when, a one-time nonce and which cart.
import { createHash } from 'node:crypto';

/** The headers a signed cart request carries (lower case, as Node presents them). */
export const CART_AUTH_HEADERS = {
  cartId: 'x-tally-cart',
  timestamp: 'x-tally-timestamp',
  nonce: 'x-tally-nonce',
  signature: 'x-tally-signature',
} as const;

/** The first line of every signed text: a new scheme gets a new tag, never a silent change. */
export const CART_AUTH_SCHEME = 'TALLY-CART-V1';

export interface CartRequestParts {
  readonly cartId: string;
  readonly method: string;
  /** The path as sent, query string included (`/api/catalog?since=4`). */
  readonly path: string;
  /** The body bytes exactly as sent; empty for a request without a body. */
  readonly body: Uint8Array | string;
  /** Epoch milliseconds when the cart signed. */
  readonly timestamp: number;
  /** Unique per request from this cart (16+ random bytes, base64url). */
  readonly nonce: string;
}

/** SHA-256 of the body, hex; the empty body has a digest too, so no request goes unsigned. */
export function bodyDigest(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** One field per line; none of the fields can hold a newline (the store checks their shape first). */
export function canonicalRequest(parts: CartRequestParts): string {
  return [CART_AUTH_SCHEME, parts.method.toUpperCase(), parts.path, bodyDigest(parts.body), String(parts.timestamp), parts.nonce, parts.cartId].join('\n');
}
