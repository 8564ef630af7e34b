// The shopper page's API. Staff hand a shopper a one-time link (at the service desk: the store
// has no shopper passwords); the phone that opens it gets a session cookie, and from then on
// asks for its own sign-in QR codes (short-lived, single use: the token the cart redeems) and
// lists its receipts. A shopper session reaches only that shopper's own data.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { shopperById, insertSignInToken, type Shopper } from '../../records/shoppers.js';
import { consumeShopperLink, deleteShopperSession, insertShopperLink, insertShopperSession, paidReceipts, shopperIdByEmail, shopperOfSession } from '../../records/shopper-page.js';
import { newSecret, secretDigest } from '../../secure-random.js';
import type { StoreContext } from '../context.js';
import { idParams } from '../fields.js';
import { HttpError, notFound } from '../http-error.js';
import { route } from '../zod-route.js';

export const SHOPPER_COOKIE = 'tally_shopper';
/** Long enough to type or scan from the desk's screen, short enough that a lost slip is harmless. */
const LINK_MS = 15 * 60_000;
/** The phone stays signed in for a month. */
const SESSION_MS = 30 * 24 * 60 * 60_000;
/** The page shows recent receipts; older ones are for the service desk. */
const RECEIPT_LIMIT = 50;

const secret = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'the code from the link');

function shopperCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === SHOPPER_COOKIE && value !== undefined && secret.safeParse(value).success) return value;
  }
  return undefined;
}

const cookie = (token: string, maxAgeMs: number, secure: boolean): string =>
  `${SHOPPER_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure ? '; Secure' : ''}`;

const publicView = (s: Shopper) => ({ name: s.name, email: s.email, membership: s.membership });

export function shopperPageRoutes(app: FastifyInstance, ctx: StoreContext): void {
  async function requireShopper(request: FastifyRequest): Promise<Shopper> {
    const token = shopperCookie(request);
    const id = token === undefined ? undefined : await shopperOfSession(ctx.db, secretDigest(token), ctx.clock.now());
    const shopper = id === undefined ? undefined : await shopperById(ctx.db, id);
    if (!shopper) throw new HttpError(401, 'not-signed-in', 'open the sign-in link from the service desk on this phone first');
    return shopper;
  }

  route(app, {
    method: 'GET',
    url: '/api/shoppers/lookup',
    query: z.strictObject({ email: z.email().max(200).transform((e) => e.toLowerCase()) }),
    async handler({ query, request }) {
      await ctx.staffAuth.require(request);
      const id = await shopperIdByEmail(ctx.db, query.email);
      const shopper = id === undefined ? undefined : await shopperById(ctx.db, id);
      if (!shopper) throw notFound('shopper with that email');
      return { id: shopper.id, ...publicView(shopper) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/shoppers/:id/page-link',
    params: idParams,
    async handler({ params, request, reply }) {
      await ctx.staffAuth.require(request);
      if (!(await shopperById(ctx.db, params.id))) throw notFound('shopper');
      const link = newSecret(ctx.random);
      const expiresAt = ctx.clock.now() + LINK_MS;
      await insertShopperLink(ctx.db, { tokenHash: secretDigest(link), shopperId: params.id, expiresAt });
      // In the fragment: the browser never sends it to a server, so it stays out of logs.
      return reply.code(201).send({ link, path: `/shopper/#link=${link}`, expiresAt });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/shopper/session',
    body: z.strictObject({ link: secret }),
    async handler({ body, reply }) {
      const now = ctx.clock.now();
      const shopperId = await consumeShopperLink(ctx.db, { tokenHash: secretDigest(body.link), at: now });
      const shopper = shopperId === undefined ? undefined : await shopperById(ctx.db, shopperId);
      if (!shopper) throw new HttpError(401, 'link-not-valid', 'this sign-in link is unknown, used or expired; ask the service desk for a new one');
      const token = newSecret(ctx.random);
      const expiresAt = now + SESSION_MS;
      await insertShopperSession(ctx.db, { tokenHash: secretDigest(token), shopperId: shopper.id, at: now, expiresAt });
      reply.header('set-cookie', cookie(token, SESSION_MS, ctx.policy.secureCookies));
      return reply.code(201).send({ shopper: publicView(shopper), expiresAt });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/shopper/me',
    async handler({ request }) {
      return publicView(await requireShopper(request));
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/shopper/sign-in-code',
    async handler({ request, reply }) {
      const shopper = await requireShopper(request);
      const token = newSecret(ctx.random);
      const now = ctx.clock.now();
      const expiresAt = now + ctx.policy.signInTokenMs;
      await insertSignInToken(ctx.db, { tokenHash: secretDigest(token), shopperId: shopper.id, expiresAt });
      // `now` lets the page count down on the store's clock even when the phone's clock is off.
      return reply.code(201).send({ token, expiresAt, now });
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/shopper/receipts',
    async handler({ request }) {
      const shopper = await requireShopper(request);
      return { receipts: await paidReceipts(ctx.db, shopper.id, RECEIPT_LIMIT) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/shopper/logout',
    async handler({ request, reply }) {
      const token = shopperCookie(request);
      if (token !== undefined) await deleteShopperSession(ctx.db, secretDigest(token));
      return reply.header('set-cookie', cookie('', 0, ctx.policy.secureCookies)).code(204).send();
    },
  });
}
