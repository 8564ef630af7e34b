// Catalog routes: a manager imports a new version (and gets every problem back at once), carts
// and the dashboard fetch the whole catalog or what changed since the version they hold.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StoreContext } from '../context.js';
import { HttpError } from '../http-error.js';
import { CartAuth, signedRequestOf } from '../cart-auth.js';
import { route } from '../zod-route.js';

/** A catalog for a large store (200,000 products) is a few tens of megabytes. */
const CATALOG_BODY_LIMIT = 64 * 1024 * 1024;

/** A cart (paired, even if locked: it keeps prices fresh while docked) or a signed-in staff member. */
async function requireReader(ctx: StoreContext, request: FastifyRequest): Promise<void> {
  if (CartAuth.present(request)) await ctx.cartAuth.require(signedRequestOf(request), 'paired');
  else await ctx.staffAuth.require(request);
}

/** Answers 304 when the client already holds this representation. */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag).header('cache-control', 'no-cache');
  const held = request.headers['if-none-match'];
  if (held === undefined || !held.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return false;
  reply.code(304);
  return true;
}

export function catalogRoutes(app: FastifyInstance, ctx: StoreContext): void {
  route(app, {
    method: 'POST',
    url: '/api/catalog',
    bodyLimit: CATALOG_BODY_LIMIT,
    body: z.unknown(),
    async handler({ body, request, reply }) {
      const manager = await ctx.staffAuth.require(request, 'manager');
      const result = await ctx.catalog.import(body, manager.id);
      if (result.ok) return reply.code(201).send(result.value);
      if (result.error.kind === 'not-newer') {
        throw new HttpError(409, 'catalog-not-newer', `the catalog's version ${result.error.version} is not newer than the store's ${result.error.current}; raise "version"`);
      }
      const { issues } = result.error;
      throw new HttpError(400, 'catalog-invalid', `the catalog has ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was imported`, issues);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/catalog',
    query: z.strictObject({ since: z.string().regex(/^\d{1,15}$/, 'a catalog version number').transform(Number).optional() }),
    async handler({ query, request, reply }) {
      await requireReader(ctx, request);
      const current = await ctx.catalog.fresh();
      if (!current) throw new HttpError(404, 'no-catalog', 'no catalog has been imported yet');
      if (query.since === undefined) {
        if (notModified(request, reply, `"catalog-${current.version}"`)) return reply.send();
        return reply.type('application/json; charset=utf-8').send(current.json);
      }
      const delta = await ctx.catalog.since(query.since);
      if (!delta.ok) {
        if (delta.error.kind === 'ahead') throw new HttpError(409, 'catalog-ahead', `version ${query.since} is newer than the store's ${delta.error.current}; fetch the whole catalog`);
        throw new HttpError(410, 'catalog-too-old', `version ${query.since} is older than any the store keeps; fetch the whole catalog`);
      }
      if (notModified(request, reply, `"catalog-${current.version}-since-${query.since}"`)) return reply.send();
      const { products: _products, ...settings } = current.document;
      return { ...settings, ...delta.value };
    },
  });
}
