// What a paired cart asks of its store, every request signed with the cart's key.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { consumeSignInToken, shopperById } from '../../records/shoppers.js';
import { insertTrip, openTripOf } from '../../records/trips.js';
import { newId, secretDigest } from '../../secure-random.js';
import { cartReportSchema, type CartReport } from '../../../../domain/common/fleet/cart-report.js';
import type { StoreContext } from '../context.js';
import { signedRequestOf } from '../cart-auth.js';
import { HttpError } from '../http-error.js';
import { route } from '../zod-route.js';

export function cartApiRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'GET',
    url: '/api/cart/status',
    async handler({ request }) {
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'known');
      return { cartId: cart.id, name: cart.name, state: cart.state, locked: cart.locked, lockReason: cart.lockReason };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/cart/report',
    body: cartReportSchema,
    async handler({ body, request, reply }) {
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      const refused = await ctx.fleet.report(cart.id, body);
      if (refused) throw new HttpError(429, refused, `reports from one cart at most every ${ctx.policy.minReportIntervalMs} ms`);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/cart/trips',
    body: z.strictObject({ signInToken: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'the code from the shopper’s sign-in QR') }),
    async handler({ body, request, reply }) {
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'active');
      const battery = (cart.lastReport as Partial<CartReport> | null)?.battery;
      if (battery !== undefined && battery < ctx.policy.minTripBattery) {
        throw new HttpError(403, 'battery-low', `the battery is at ${battery}%; dock the cart to charge it before a trip`);
      }
      const now = ctx.clock.now();
      const started = await ctx.db.transaction(async (tx) => {
        const open = await openTripOf(tx, cart.id);
        if (open) return { conflict: open.id } as const;
        const shopperId = await consumeSignInToken(tx, { tokenHash: secretDigest(body.signInToken), cartId: cart.id, at: now });
        if (shopperId === undefined) return { badToken: true } as const;
        const tripId = newId(ctx.random, 'trip');
        await insertTrip(tx, { id: tripId, cartId: cart.id, shopperId, at: now });
        return { tripId, shopperId } as const;
      });
      if ('conflict' in started) throw new HttpError(409, 'trip-open', `this cart already has trip ${started.conflict} open`);
      if ('badToken' in started) throw new HttpError(401, 'sign-in-refused', 'that sign-in code is unknown, expired or already used; ask the shopper to show a fresh one');
      const shopper = await shopperById(ctx.db, started.shopperId);
      return reply.code(201).send({ tripId: started.tripId, shopper: shopper && { id: shopper.id, name: shopper.name, member: shopper.membership === 'member' } });
    },
  });
}
