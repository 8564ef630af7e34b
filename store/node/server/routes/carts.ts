// Pairing and the fleet, staff side. A new cart proves it holds the key it presents by signing
// its pairing request with it; a staff member approves the code shown on that cart's screen.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CART_AUTH_HEADERS } from '../../../../domain/node/cart-auth/canonical.js';
import { approvePairing, cartByPublicKey, insertPairingRequest, pendingPairings, updateCart } from '../../records/carts.js';
import { sweepExpiredPairings } from '../../records/expired-pairings.js';
import { newId } from '../../secure-random.js';
import { StorageError } from '../../storage/sql-database.js';
import type { StoreContext } from '../context.js';
import { signedRequestOf } from '../cart-auth.js';
import { displayName, idParams } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { newPairingCode, pairingCodePattern } from '../pairing-code.js';
import { addressSubject, RateLimit } from '../rate-limit.js';
import { route } from '../zod-route.js';

/** The lock reason when staff give none. */
const STAFF_HOLD = 'staff hold';

/** The cart id a cart puts in its signed pairing request, before it has one. */
export const PAIRING_CART_ID = 'pairing';

/**
 * Unapproved pairing requests one client address may make per pairing-code lifetime. Approved
 * ones are taken back, so staff pairing a whole delivery of carts behind one address are never
 * slowed; a flood from one address cannot take every place in the approval list.
 */
export const PAIRINGS_PER_ADDRESS = 10;

const retryAfter = (ms: number): Record<string, string> => ({ 'retry-after': String(Math.ceil(ms / 1000)) });

const pairingCode = z.string().trim().toUpperCase().regex(pairingCodePattern, 'the 8-character code on the cart, as XXXX-XXXX');

export function cartRoutes(app: FastifyInstance, ctx: StoreContext): void {
  const perAddress = new RateLimit(ctx.db, ctx.clock, { scope: 'pairing-address', windowMs: ctx.policy.pairingCodeMs, limit: PAIRINGS_PER_ADDRESS });

  route(app, {
    method: 'POST',
    url: '/api/pairing',
    body: z.strictObject({ publicKey: z.string().max(100), name: displayName.optional() }),
    async handler({ body, request, reply }) {
      if (request.headers[CART_AUTH_HEADERS.cartId] !== PAIRING_CART_ID) {
        throw new HttpError(400, 'not-a-pairing-request', `sign a pairing request with ${CART_AUTH_HEADERS.cartId}: ${PAIRING_CART_ID}`);
      }
      await ctx.cartAuth.verifySignature(signedRequestOf(request), body.publicKey, `pairing:${body.publicKey}`);
      const now = ctx.clock.now();
      // Expired requests go first: their places free up, and their keys may ask again.
      await sweepExpiredPairings(ctx.db, now);
      const existing = await cartByPublicKey(ctx.db, body.publicKey);
      if (existing) {
        const why = existing.state === 'unpaired' ? 'this key was unpaired; make a new key' : `this key already belongs to cart ${existing.id} (${existing.state})`;
        throw new HttpError(409, 'key-known', why);
      }
      const pending = await pendingPairings(ctx.db, now);
      if (pending.length >= ctx.policy.maxPendingPairings) {
        const firstExpiry = Math.min(...pending.map((p) => p.expiresAt));
        throw new HttpError(429, 'too-many-pairings', 'too many carts are waiting for approval; approve or let them expire first', undefined, retryAfter(firstExpiry - now));
      }
      const cartId = newId(ctx.random, 'cart');
      const wait = await perAddress.take(addressSubject(request.ip), cartId);
      if (wait > 0) throw new HttpError(429, 'too-many-pairings', `this address asked to pair ${PAIRINGS_PER_ADDRESS} carts that nobody approved yet`, undefined, retryAfter(wait));
      const code = newPairingCode(ctx.random);
      const expiresAt = now + ctx.policy.pairingCodeMs;
      try {
        await insertPairingRequest(ctx.db, { cartId, name: body.name ?? `Cart ${code.slice(0, 4)}`, publicKey: body.publicKey, code, at: now, expiresAt });
      } catch (error) {
        await perAddress.withdraw(cartId);
        // Two requests with the same key at once: the second loses on the unique key.
        if (error instanceof StorageError && error.code === 'constraint') throw new HttpError(409, 'key-known', 'this key is already waiting to pair');
        throw error;
      }
      return reply.code(201).send({ cartId, code, expiresAt });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/pairings',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      return { pairings: await pendingPairings(ctx.db, ctx.clock.now()) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/pairings/approve',
    body: z.strictObject({ code: pairingCode, name: displayName }),
    async handler({ body, request }) {
      const staff = await ctx.staffAuth.require(request);
      const cartId = await approvePairing(ctx.db, { code: body.code, name: body.name, by: staff.id, at: ctx.clock.now() });
      if (cartId === undefined) throw new HttpError(404, 'no-such-code', `no cart is waiting with code ${body.code} (it may have expired: codes last ${ctx.policy.pairingCodeMs / 60_000} minutes)`);
      await perAddress.withdraw(cartId);
      return { cartId, name: body.name };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/carts',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      return { carts: await ctx.fleet.board() };
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/carts/:id',
    params: idParams,
    body: z
      .strictObject({ name: displayName.optional(), locked: z.boolean().optional(), lockReason: z.string().trim().min(1).max(200).optional() })
      .refine((b) => b.name !== undefined || b.locked !== undefined, 'say what to change: name or locked')
      .refine((b) => b.lockReason === undefined || b.locked === true, { message: 'a lock reason goes with locked: true', path: ['lockReason'] }),
    async handler({ body, params, request }) {
      await ctx.staffAuth.require(request);
      const changed = await updateCart(ctx.db, params.id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.locked !== undefined ? { locked: body.locked ? { reason: body.lockReason ?? STAFF_HOLD } : false } : {}),
      });
      if (!changed) throw notFound('cart');
      if (body.locked !== undefined) ctx.fleet.notify(params.id, body.locked ? { type: 'locked', reason: body.lockReason ?? STAFF_HOLD } : { type: 'unlocked' });
      return { id: params.id };
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/carts/:id',
    params: idParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request);
      if (!(await updateCart(ctx.db, params.id, { unpair: true }))) throw notFound('cart');
      ctx.fleet.retire(params.id);
      return reply.code(204).send();
    },
  });
}
