// Shopper accounts and their sign-in codes. Until the shopper page exists, staff issue the code
// (at the service desk); the cart redeems it exactly once.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { insertShopper, insertSignInToken, shopperById } from '../../records/shoppers.js';
import { newId, newSecret, secretDigest } from '../../secure-random.js';
import { StorageError } from '../../storage/sql-database.js';
import type { StoreContext } from '../context.js';
import { displayName, idParams } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

/**
 * A payment gateway's token for a saved card (`pm_…`). Anything holding a long run of digits is
 * refused: it may be a card number, which the store must never store.
 */
const paymentMethod = z
  .string()
  .regex(/^[a-z]{2,6}_[A-Za-z0-9_]{4,96}$/, 'a payment gateway token such as pm_1Nv… or pm_sandbox_approve, never a card number')
  .refine((s) => !/\d{12,}/.test(s), 'this looks like a card number; store the gateway token instead');

export function shopperRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'POST',
    url: '/api/shoppers',
    body: z.strictObject({
      name: displayName,
      email: z.email().max(200).transform((e) => e.toLowerCase()),
      membership: z.enum(['none', 'member']).default('none'),
      paymentMethod: paymentMethod.optional(),
    }),
    async handler({ body, request, reply }) {
      await ctx.staffAuth.require(request, 'manager');
      const id = newId(ctx.random, 'shopper');
      try {
        await insertShopper(ctx.db, { id, name: body.name, email: body.email, membership: body.membership, paymentMethod: body.paymentMethod ?? null, at: ctx.clock.now() });
      } catch (error) {
        if (error instanceof StorageError && error.code === 'constraint') throw new HttpError(409, 'email-taken', 'a shopper with that email already exists');
        throw error;
      }
      return reply.code(201).send({ id });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/shoppers/:id/sign-in',
    params: idParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request);
      if (!(await shopperById(ctx.db, params.id))) throw notFound('shopper');
      const token = newSecret(ctx.random);
      const expiresAt = ctx.clock.now() + ctx.policy.signInTokenMs;
      await insertSignInToken(ctx.db, { tokenHash: secretDigest(token), shopperId: params.id, expiresAt });
      return reply.code(201).send({ token, expiresAt });
    },
  });
}
