// The store server: one Fastify instance with every route, ready for `listen` (port 0 in
// tests) or `inject`. Storage, time and randomness come in from outside.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Clock } from '../../../domain/common/clock.js';
import { CatalogService } from '../catalog-service.js';
import { defaultCheckoutSetup, type CheckoutSetup } from '../checkout/checkout-service.js';
import { defaultScrypt, type ScryptParams } from '../password.js';
import type { SecureRandom } from '../secure-random.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { CartAuth } from './cart-auth.js';
import { defaultPolicy, type StoreContext, type StorePolicy } from './context.js';
import { Fleet } from './fleet.js';
import { HttpError } from './http-error.js';
import { attachLive } from './live.js';
import { defaultThrottle, LoginThrottle, type ThrottleLimits } from './login-throttle.js';
import { acceptRawJson } from './raw-json.js';
import { cartApiRoutes } from './routes/cart-api.js';
import { cartRoutes } from './routes/carts.js';
import { catalogRoutes } from './routes/catalog.js';
import { checkoutRoutes } from './routes/checkout.js';
import { laneRoutes } from './routes/lanes.js';
import { shopperPageRoutes } from './routes/shopper-page.js';
import { shopperRoutes } from './routes/shoppers.js';
import { snapshotRoutes } from './routes/snapshots.js';
import { staffRoutes } from './routes/staff.js';
import { staffBadgeRoutes } from './routes/staff-badges.js';
import { tripRoutes } from './routes/trips.js';
import { webPageRoutes } from './routes/web-pages.js';
import { StaffAuth } from './staff-auth.js';

export interface StoreServerOptions {
  /** Migrated already (see openStore). */
  readonly db: SqlDatabase;
  readonly clock: Clock;
  readonly random: SecureRandom;
  /** Fastify's pino options; false (the default) is silent, for tests. */
  readonly logger?: FastifyServerOptions['logger'];
  readonly scrypt?: ScryptParams;
  readonly policy?: Partial<StorePolicy>;
  readonly throttle?: Partial<ThrottleLimits>;
  /** Read the client address from X-Forwarded-For (only behind a proxy you run). */
  readonly trustProxy?: boolean;
  /** Bytes; routes that take more (catalog import) say so themselves. */
  readonly bodyLimit?: number;
  /** The payment gateway and the exit lanes' secrets; the in-memory sandbox and no lanes when absent. */
  readonly checkout?: CheckoutSetup;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The store's catalog, for importing a file at start without going through HTTP. */
    readonly storeCatalog: CatalogService;
  }
}

/** Most requests are a few hundred bytes; 64 KiB leaves room and keeps floods cheap. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

interface ErrorBody {
  error: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
}

export async function buildStoreServer(options: StoreServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Ids and paths are short; a 64 KiB URL is an attack, not a request.
    routerOptions: { maxParamLength: 200 },
    genReqId: () => options.random.bytes(8).reduce((s, b) => s + b.toString(16).padStart(2, '0'), ''),
  });
  const policy = { ...defaultPolicy, ...options.policy };
  const ctx: StoreContext = {
    db: options.db,
    clock: options.clock,
    random: options.random,
    scrypt: options.scrypt ?? defaultScrypt,
    policy,
    catalog: await CatalogService.open(options.db, options.clock),
    staffAuth: new StaffAuth(options.db, options.clock),
    cartAuth: new CartAuth(options.db, options.clock, policy.cartClockSkewMs),
    throttle: new LoginThrottle(options.db, options.clock, { ...defaultThrottle, ...options.throttle }),
    fleet: new Fleet(options.db, options.clock, policy),
  };

  app.decorate('storeCatalog', ctx.catalog);
  acceptRawJson(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      const body: ErrorBody = { error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
      return reply.code(error.status).headers(error.headers).send(body);
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      // Fastify's own refusals: body too large (413), unsupported media type (415), and the like.
      const body: ErrorBody = { error: (error.code ?? 'bad-request').toLowerCase(), message: error.message };
      return reply.code(status).send(body);
    }
    request.log.error({ err: error }, 'request failed');
    const body: ErrorBody = { error: 'internal', message: 'the store could not complete this request; it has been logged' };
    return reply.code(500).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]?.slice(0, 200) ?? ''}` };
    return reply.code(404).send(body);
  });

  app.get('/api/health', async () => ({ ok: true, catalogVersion: ctx.catalog.current?.version ?? null }));
  catalogRoutes(app, ctx);
  staffRoutes(app, ctx);
  staffBadgeRoutes(app, ctx);
  cartRoutes(app, ctx);
  cartApiRoutes(app, ctx);
  shopperRoutes(app, ctx);
  tripRoutes(app, ctx);
  snapshotRoutes(app, ctx);
  checkoutRoutes(app, ctx, options.checkout ?? defaultCheckoutSetup(options.clock));
  laneRoutes(app, ctx);
  shopperPageRoutes(app, ctx);
  webPageRoutes(app, ctx);
  attachLive(app, ctx);
  return app;
}
