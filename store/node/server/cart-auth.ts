// Checks a signed cart request: the cart is known, the signature is its key's over this exact
// request, the timestamp is fresh, and the nonce is new. Only then is the cart's state looked
// at, so a caller without the key learns nothing about a cart.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../../domain/common/clock.js';
import { CART_AUTH_HEADERS, type CartRequestParts } from '../../../domain/node/cart-auth/canonical.js';
import { parsePublicKey, verifyCartRequest } from '../../../domain/node/cart-auth/keys.js';
import { cartById, type CartRecord } from '../records/carts.js';
import { claimNonce, sweepNonces } from '../records/nonces.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { HttpError } from './http-error.js';
import { rawBodyOf } from './raw-json.js';

const headersSchema = z.object({
  [CART_AUTH_HEADERS.cartId]: z.string().regex(/^[A-Za-z0-9_:-]{1,80}$/),
  [CART_AUTH_HEADERS.timestamp]: z.string().regex(/^\d{1,15}$/).transform(Number),
  [CART_AUTH_HEADERS.nonce]: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  [CART_AUTH_HEADERS.signature]: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});

/** What a route lets through: any known cart (status), a paired cart even if locked, or only an active one. */
export type CartRequirement = 'known' | 'paired' | 'active';

/** A request as the signature covers it: an HTTP request, or the upgrade request of a cart's live connection. */
export interface SignedRequest {
  readonly method: string;
  /** The path with its query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
}

export const signedRequestOf = (request: FastifyRequest): SignedRequest => ({ method: request.method, url: request.url, headers: request.headers, body: rawBodyOf(request) });

const unauthorized = (code: string, message: string): HttpError => new HttpError(401, code, message);

export class CartAuth {
  #lastSweep = -Infinity;

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    /** How far a request's timestamp may be from the store's clock, either way. */
    private readonly skewMs: number,
  ) {}

  /** True when the request claims to come from a cart. */
  static present(request: SignedRequest | FastifyRequest): boolean {
    return request.headers[CART_AUTH_HEADERS.cartId] !== undefined;
  }

  /**
   * Verifies the request was signed by `publicKey` (text as the cart sent it) and is fresh and
   * new; `nonceOwner` scopes the nonce (the cart id, or the key for a pairing request).
   */
  async verifySignature(request: SignedRequest, publicKey: string, nonceOwner: string): Promise<{ cartId: string }> {
    const headers = headersSchema.safeParse(request.headers);
    if (!headers.success) throw unauthorized('unsigned-request', `a cart request needs the ${Object.values(CART_AUTH_HEADERS).join(', ')} headers in their proper form`);
    const h = headers.data;
    const key = parsePublicKey(publicKey);
    const parts: CartRequestParts = {
      cartId: h[CART_AUTH_HEADERS.cartId],
      method: request.method,
      path: request.url,
      body: request.body,
      timestamp: h[CART_AUTH_HEADERS.timestamp],
      nonce: h[CART_AUTH_HEADERS.nonce],
    };
    if (!key.ok || !verifyCartRequest(key.value, parts, h[CART_AUTH_HEADERS.signature])) throw unauthorized('bad-signature', 'the request signature does not verify');
    const now = this.clock.now();
    if (Math.abs(now - parts.timestamp) > this.skewMs) {
      throw unauthorized('stale-request', `the request was signed at ${parts.timestamp}, more than ${this.skewMs / 1000} s from the store's clock (${now}); check the cart's clock`);
    }
    await this.#sweep(now);
    // Kept until the timestamp could no longer pass the check above.
    const fresh = await claimNonce(this.db, { cartId: nonceOwner, nonce: parts.nonce, expiresAt: parts.timestamp + this.skewMs + 1 });
    if (!fresh) throw unauthorized('replayed-request', 'this request was already received (its nonce is used)');
    return { cartId: parts.cartId };
  }

  /** The cart that signed this request, held to `requirement`. */
  async require(request: SignedRequest, requirement: CartRequirement): Promise<CartRecord> {
    const id = request.headers[CART_AUTH_HEADERS.cartId];
    const cart = typeof id === 'string' ? await cartById(this.db, id) : undefined;
    if (!cart) throw unauthorized('unknown-cart', 'no cart with that id is known here; pair the cart first');
    await this.verifySignature(request, cart.publicKey, cart.id);
    if (cart.state === 'unpaired') throw new HttpError(403, 'cart-unpaired', 'this cart was unpaired by staff; make a new key and pair it again');
    if (requirement !== 'known' && cart.state !== 'paired') throw new HttpError(403, 'cart-not-paired', 'this cart is waiting for a staff member to approve its pairing code');
    if (requirement === 'active' && cart.locked) throw new HttpError(403, 'cart-locked', `this cart is locked${cart.lockReason ? ` (${cart.lockReason})` : ''}`);
    return cart;
  }

  async #sweep(now: number): Promise<void> {
    if (now - this.#lastSweep < this.skewMs) return;
    this.#lastSweep = now;
    await sweepNonces(this.db, now);
  }
}
