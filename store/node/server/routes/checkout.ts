// Paying at the exit lane: the cart's hold at trip start and its checkout at the lane (signed
// cart requests), and what staff see and do about payments (failed payments, incidents,
// overrides for a basket that cannot settle on its own). See docs/payments.md.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Receipt } from '../../../../payments/common/pricing/receipt.js';
import { CheckoutError } from '../../checkout/errors.js';
import { CheckoutService, type CheckoutSetup } from '../../checkout/checkout-service.js';
import { checkoutOf, checkoutsEnded, recentIncidents, recordOverride } from '../../checkout/records.js';
import { refundsOf, Refunds } from '../../checkout/refunds.js';
import { tripById } from '../../records/trips.js';
import { signedRequestOf } from '../cart-auth.js';
import type { StoreContext } from '../context.js';
import { storeId } from '../fields.js';
import { notFound } from '../http-error.js';
import { route } from '../zod-route.js';

/** The checkout may carry the whole trip log, as the trip upload does. */
const CHECKOUT_BODY_LIMIT = 8 * 1024 * 1024;
/** How soon a cart should ask again when the gateway has not answered yet. */
const RETRY_AFTER_S = 1;

const checkoutBody = z.strictObject({
  laneId: z.int().min(0).max(0xffff),
  /** Checked by the lane token verifier, which logs a malformed frame for staff. */
  laneFrame: z.string().max(62),
  events: z.array(z.unknown()).min(1).max(50_000).optional(),
  cartTotal: z.int().min(0).max(100_000_000).optional(),
  /** A trip that left while the store was unreachable, settled now: when it left (epoch ms). */
  leftAt: z.int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/**
 * Runs the checkout's work and answers its refusals the store's way ({ error, message }), with
 * the detail the cart acts on beside them: the reasons to fix, the failure, the log's issues by path.
 */
async function answering<T>(reply: FastifyReply, work: () => Promise<T>, done?: (answer: T) => void, refused?: (kind: CheckoutError['kind']) => void): Promise<unknown> {
  try {
    const answer = await work();
    done?.(answer);
    return answer;
  } catch (error) {
    if (!(error instanceof CheckoutError)) throw error;
    refused?.(error.kind);
    if (error.kind === 'payment-pending') void reply.header('retry-after', String(RETRY_AFTER_S));
    const detail = error.detail !== null && typeof error.detail === 'object' ? error.detail : {};
    return reply.code(error.status).send({ error: error.kind, message: error.message, ...detail });
  }
}

const refundBody = z
  .strictObject({
    /** The dashboard's id for this refund; a retry of the same refund sends the same id. */
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, '8-100 letters, digits, _ or -'),
    lineId: z.string().min(1).max(100).optional(),
    amount: z.int().min(1).max(99_999_999).optional(),
    reason: z.string().trim().min(3).max(200),
  })
  .refine((b) => (b.lineId === undefined) !== (b.amount === undefined), 'give either lineId or amount');

export function checkoutRoutes(app: FastifyInstance, ctx: StoreContext, setup: CheckoutSetup): void {
  const service = new CheckoutService({ db: ctx.db, clock: ctx.clock, random: ctx.random, catalog: ctx.catalog }, setup);
  const refunds = new Refunds(ctx.db, setup.gateway, ctx.clock, setup.triesPerStep ?? 3);

  route(app, {
    method: 'POST',
    url: '/api/cart/trips/:id/hold',
    params: z.strictObject({ id: storeId }),
    async handler({ params, request, reply }) {
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      return answering(reply, () => service.hold(cart.id, params.id));
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/cart/trips/:id/checkout',
    bodyLimit: CHECKOUT_BODY_LIMIT,
    params: z.strictObject({ id: storeId }),
    body: checkoutBody,
    async handler({ body, params, request, reply }) {
      // A locked cart (low battery at the lane) still pays for what it holds.
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      const lane = { laneId: body.laneId, cartId: cart.id, tripId: params.id };
      return answering(
        reply,
        () => service.checkout(cart.id, params.id, body),
        (paid) => ctx.fleet.laneResult({ ...lane, at: ctx.clock.now(), result: 'green', total: paid.total, currency: paid.currency, minorUnits: paid.receipt.minorUnits }),
        // Still being charged is not an answer yet: the lane stays as it is until the retry settles it.
        (kind) => kind !== 'payment-pending' && ctx.fleet.laneResult({ ...lane, at: ctx.clock.now(), result: 'red', reason: kind }),
      );
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/payments/failed',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      const failed = await checkoutsEnded(ctx.db, 'failed', 200);
      return { failed: failed.map(({ receipt: _receipt, ...c }) => c) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/payments/paid',
    async handler({ request }) {
      // Where a manager finds the trip to refund: the latest paid checkouts, without their receipts.
      await ctx.staffAuth.require(request, 'manager');
      const paid = await checkoutsEnded(ctx.db, 'paid', 100);
      // The receipt stays on the store; its currency's decimals are all the dashboard needs of it.
      return { paid: paid.map(({ receipt, failure: _failure, ...c }) => ({ ...c, minorUnits: (JSON.parse(receipt) as Pick<Receipt, 'minorUnits'>).minorUnits })) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/payments/incidents',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      return { incidents: await recentIncidents(ctx.db, 200) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/payments/overrides/:id',
    params: z.strictObject({ id: storeId }),
    body: z.strictObject({ reason: z.string().trim().min(3).max(200) }),
    async handler({ body, params, request }) {
      const staff = await ctx.staffAuth.require(request);
      if (!(await tripById(ctx.db, params.id))) throw notFound('trip');
      await recordOverride(ctx.db, { tripId: params.id, staffId: staff.id, reason: body.reason, at: ctx.clock.now() });
      return { tripId: params.id, overriddenBy: staff.id };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/payments/refunds/:id',
    params: z.strictObject({ id: storeId }),
    body: refundBody,
    async handler({ body, params, request, reply }) {
      const manager = await ctx.staffAuth.require(request, 'manager');
      return answering(reply, async () => {
        const refund = await refunds.refund({ tripId: params.id, staffId: manager.id, ...body });
        if (refund.state === 'pending') {
          void reply.header('retry-after', String(RETRY_AFTER_S));
          return reply.code(503).send({ error: 'refund-pending', message: 'the gateway has not answered yet; send the same request again', refund });
        }
        if (refund.state === 'failed') return reply.code(502).send({ error: 'refund-failed', message: refund.failure ?? 'the gateway refused the refund', refund });
        return { refund };
      });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/payments/refunds/:id',
    params: z.strictObject({ id: storeId }),
    async handler({ params, request }) {
      await ctx.staffAuth.require(request);
      const c = await checkoutOf(ctx.db, params.id);
      if (!c) throw notFound('checkout');
      return { tripId: c.tripId, state: c.state, total: c.total, currency: c.currency, refunds: await refundsOf(ctx.db, params.id) };
    },
  });
}
