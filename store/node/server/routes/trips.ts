// Finished trips: the cart uploads the trip's event log; trips that need a person go to the
// review queue with their evidence, and associates work through it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseSessionEvent, type SessionEvent } from '../../../../domain/common/session/events.js';
import { reviewReasons } from '../../../common/trip-review.js';
import { openReviews, resolveReview } from '../../records/reviews.js';
import { closeTrip, tripById } from '../../records/trips.js';
import { signedRequestOf } from '../cart-auth.js';
import type { StoreContext } from '../context.js';
import { HttpError, notFound, type InputIssue } from '../http-error.js';
import { storeId } from '../fields.js';
import { route } from '../zod-route.js';

/** A long trip logs a few thousand events; each is well under a kilobyte. */
const TRIP_BODY_LIMIT = 8 * 1024 * 1024;

/** Every event checked against the session's schema, numbered 1, 2, 3 … with time never going back. */
function checkLog(raw: readonly unknown[]): { events: SessionEvent[]; issues: InputIssue[] } {
  const events: SessionEvent[] = [];
  const issues: InputIssue[] = [];
  raw.forEach((item, i) => {
    const parsed = parseSessionEvent(item);
    if (!parsed.ok) return void issues.push({ path: `body.events[${i}]`, message: parsed.error.message });
    const previous = events[events.length - 1];
    if (parsed.value.seq !== (previous?.seq ?? 0) + 1) issues.push({ path: `body.events[${i}].seq`, message: `expected ${(previous?.seq ?? 0) + 1}: the log has a gap or is out of order` });
    else if (previous && parsed.value.at < previous.at) issues.push({ path: `body.events[${i}].at`, message: 'time runs backwards here' });
    events.push(parsed.value);
  });
  return { events, issues };
}

export function tripRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'POST',
    url: '/api/cart/trips/:id/events',
    bodyLimit: TRIP_BODY_LIMIT,
    params: z.strictObject({ id: storeId }),
    body: z.strictObject({ events: z.array(z.unknown()).min(1).max(50_000) }),
    async handler({ body, params, request }) {
      // A locked cart still hands in the trip it finished.
      const cart = await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      const trip = await tripById(ctx.db, params.id);
      // Another cart's trip is reported as missing: a cart learns nothing about other carts.
      if (!trip || trip.cartId !== cart.id) throw notFound('trip');
      const { events, issues } = checkLog(body.events);
      if (issues.length > 0) throw new HttpError(400, 'invalid-trip-log', `the trip log has ${issues.length} problem(s); nothing was stored`, issues);
      const foreign = events.find((e) => e.type === 'signedIn' && (e.tripId !== trip.id || e.shopperId !== trip.shopperId));
      if (foreign) throw new HttpError(400, 'wrong-trip', `event ${foreign.seq} signs in another trip or shopper than ${trip.id}`);
      const log = JSON.stringify(events);
      if (trip.state === 'uploaded') {
        // The cart lost our answer and sent the same log again: the same answer, nothing new.
        if (trip.events === log) return { tripId: trip.id, duplicate: true };
        throw new HttpError(409, 'trip-closed', `trip ${trip.id} was already handed in with a different log`);
      }
      const reasons = reviewReasons(events, (await ctx.catalog.fresh())?.catalog);
      if (!(await closeTrip(ctx.db, { id: trip.id, events: log, at: ctx.clock.now(), reasons }))) {
        throw new HttpError(409, 'trip-closed', `trip ${trip.id} was handed in by another request`);
      }
      return { tripId: trip.id, review: reasons.length > 0, reasons };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/reviews',
    async handler({ request }) {
      await ctx.staffAuth.require(request);
      return { reviews: await openReviews(ctx.db) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/reviews/:id',
    params: z.strictObject({ id: storeId }),
    body: z.strictObject({ outcome: z.enum(['approved', 'charged-adjusted', 'refused']) }),
    async handler({ body, params, request }) {
      const staff = await ctx.staffAuth.require(request);
      if (!(await resolveReview(ctx.db, { tripId: params.id, outcome: body.outcome, by: staff.id, at: ctx.clock.now() }))) throw notFound('open review');
      return { tripId: params.id, outcome: body.outcome };
    },
  });
}
