// Staff badges: a manager issues a staff member a badge (its QR shown once, printed on the
// badge), revokes it, or issues a new one (which revokes the old); a paired cart that reads a
// badge with its camera asks here who it belongs to. The store keeps only the secret's digest.
// A cart counts refused badges like wrong PINs and locks its pad; the store answers plainly,
// so the cart can tell the staff member why.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { STAFF_BADGE_PREFIX, staffBadgeTextSchema } from '../../../../domain/common/fleet/staff-badge.js';
import { badgeHolder, badgesInForce, issueBadge, revokeBadge } from '../../records/staff-badges.js';
import { newId, newSecret, secretDigest } from '../../secure-random.js';
import { signedRequestOf } from '../cart-auth.js';
import type { StoreContext } from '../context.js';
import { idParams } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

export function staffBadgeRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'GET',
    url: '/api/staff-badges',
    async handler({ request }) {
      await ctx.staffAuth.require(request, 'manager');
      return { badges: await badgesInForce(ctx.db) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/staff/:id/badge',
    params: idParams,
    async handler({ params, request, reply }) {
      const manager = await ctx.staffAuth.require(request, 'manager');
      const secret = newSecret(ctx.random);
      const issuedAt = ctx.clock.now();
      if (!(await issueBadge(ctx.db, { id: newId(ctx.random, 'badge'), staffId: params.id, secretHash: secretDigest(secret), at: issuedAt, by: manager.id }))) throw notFound('staff member');
      // The only time the badge's text leaves the store: print it now.
      return reply.code(201).send({ staffId: params.id, badge: `${STAFF_BADGE_PREFIX}${secret}`, issuedAt });
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/staff/:id/badge',
    params: idParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request, 'manager');
      if (!(await revokeBadge(ctx.db, params.id, ctx.clock.now()))) throw notFound('badge in force');
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/cart/staff-badge',
    body: z.strictObject({ badge: staffBadgeTextSchema }),
    async handler({ body, request }) {
      await ctx.cartAuth.require(signedRequestOf(request), 'paired');
      const holder = await badgeHolder(ctx.db, secretDigest(body.badge.slice(STAFF_BADGE_PREFIX.length)));
      if (!holder) throw new HttpError(404, 'unknown-badge', 'this store never issued that badge');
      if (holder.revokedAt !== null) throw new HttpError(403, 'badge-revoked', `that badge of ${holder.name} was revoked; ask a manager for a new one`);
      if (!holder.active) throw new HttpError(403, 'staff-inactive', `${holder.name}'s staff account is switched off`);
      return { staffId: holder.staffId, name: holder.name, role: holder.role };
    },
  });
}
