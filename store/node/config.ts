// The store server's configuration: defaults, then a JSON file, then TALLY_STORE_* environment
// variables, then command-line flags, each later one winning; the result is checked whole.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { err, ok, type Result } from '../../domain/common/result.js';
import { laneSecretsSchema } from '../../payments/common/lane/secrets.js';
import { DEFAULT_OFFLINE_CAP } from '../../payments/common/offline/cap.js';

// Environment variables and flags arrive as text; a file may hold numbers and booleans.
const port = z.union([z.int(), z.string().regex(/^\d{1,5}$/, 'a port number').transform(Number)]).pipe(z.int().min(0).max(65535));
const whole = (min: number, max: number) => z.union([z.int(), z.string().regex(/^\d{1,9}$/, 'a whole number').transform(Number)]).pipe(z.int().min(min).max(max));
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

export const storeConfigSchema = z
  .strictObject({
    /** 0 picks a free port. */
    port: port.default(8080),
    host: z.string().min(1).max(255).default('127.0.0.1'),
    /** Holds store.db (SQLite) and anything else the store writes. */
    dataDir: z.string().min(1, 'say where the store keeps its data (--data DIR or TALLY_STORE_DATA)'),
    /** Imported at first start, and again whenever it carries a newer version. */
    catalogFile: z.string().min(1).optional(),
    /** PostgreSQL instead of SQLite: postgres://user@host:port/db. */
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Behind an HTTPS proxy you run: trust X-Forwarded-For and mark cookies Secure. */
    behindProxy: flag.default(false),
    /** Who charges the shoppers: the built-in sandbox (test cards only) or Stripe. */
    gateway: z.enum(['sandbox', 'stripe']).default('sandbox'),
    /** Stripe's secret or restricted key; set it in the environment (TALLY_STORE_STRIPE_KEY), not in a file. */
    stripeSecretKey: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[0-9A-Za-z]{8,200}$/, 'a Stripe secret key (sk_test_…, sk_live_… or rk_…)')
      .optional(),
    /** A Stripe-compatible API at another address (a local mock); api.stripe.com when absent. */
    stripeApiUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Each exit lane's beacon secret: { "3": "hex" } in a file, "3=hex,4=hex" in the environment. */
    laneSecrets: laneSecretsSchema.default(() => new Map<number, Uint8Array>()),
    /** The lane beacons' rotation exponent K: a new token every 2^K seconds. */
    laneRotationExponent: whole(0, 15).default(2),
    /** How many different trips may spend one lane token (carts leaving a busy lane together). */
    maxTripsPerToken: whole(1, 64).default(8),
    /** The hold placed when a trip starts, minor units. */
    holdAmount: whole(1, 99_999_999).default(15_000),
    /** The offline cap (docs/payments.md, "Offline"): trips a cart may leave unsettled at once, and their total. */
    offlineCapTrips: whole(0, 100).default(DEFAULT_OFFLINE_CAP.maxTrips),
    offlineCapAmount: whole(0, 99_999_999).default(DEFAULT_OFFLINE_CAP.maxAmount),
    /** Where receipts are e-mailed through: smtp://user:pass@host:587 or smtps://…; none are sent without it. */
    smtpUrl: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The receipts' sender. */
    receiptFrom: z.string().min(3).max(200).default('Tally receipts <receipts@localhost>'),
  })
  .check((ctx) => {
    if (ctx.value.gateway === 'stripe' && ctx.value.stripeSecretKey === undefined) {
      ctx.issues.push({ code: 'custom', path: ['stripeSecretKey'], message: 'the Stripe gateway needs a key: set TALLY_STORE_STRIPE_KEY', input: undefined });
    }
  });

export type StoreConfig = z.output<typeof storeConfigSchema>;
export type StoreConfigInput = Partial<Record<keyof StoreConfig, unknown>>;

const ENV: Record<string, keyof StoreConfig> = {
  TALLY_STORE_PORT: 'port',
  TALLY_STORE_HOST: 'host',
  TALLY_STORE_DATA: 'dataDir',
  TALLY_STORE_CATALOG: 'catalogFile',
  TALLY_STORE_DATABASE_URL: 'databaseUrl',
  TALLY_STORE_LOG_LEVEL: 'logLevel',
  TALLY_STORE_BEHIND_PROXY: 'behindProxy',
  TALLY_STORE_GATEWAY: 'gateway',
  TALLY_STORE_STRIPE_KEY: 'stripeSecretKey',
  TALLY_STORE_STRIPE_API_URL: 'stripeApiUrl',
  TALLY_STORE_LANE_SECRETS: 'laneSecrets',
  TALLY_STORE_LANE_ROTATION: 'laneRotationExponent',
  TALLY_STORE_MAX_TRIPS_PER_TOKEN: 'maxTripsPerToken',
  TALLY_STORE_HOLD_AMOUNT: 'holdAmount',
  TALLY_STORE_OFFLINE_CAP_TRIPS: 'offlineCapTrips',
  TALLY_STORE_OFFLINE_CAP_AMOUNT: 'offlineCapAmount',
  TALLY_STORE_SMTP_URL: 'smtpUrl',
  TALLY_STORE_RECEIPT_FROM: 'receiptFrom',
};

const defined = (input: StoreConfigInput): StoreConfigInput => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

/** Every problem with the merged configuration, one line each, naming the setting. */
export async function loadStoreConfig(sources: { file?: string; env?: NodeJS.ProcessEnv; flags?: StoreConfigInput }): Promise<Result<StoreConfig, string[]>> {
  let fromFile: StoreConfigInput = {};
  if (sources.file !== undefined) {
    try {
      fromFile = JSON.parse(await readFile(sources.file, 'utf8')) as StoreConfigInput;
    } catch (error) {
      return err([`${sources.file}: ${(error as Error).message}`]);
    }
  }
  const fromEnv: StoreConfigInput = {};
  for (const [name, key] of Object.entries(ENV)) if (sources.env?.[name] !== undefined) fromEnv[key] = sources.env[name];
  const parsed = storeConfigSchema.safeParse({ ...defined(fromFile), ...fromEnv, ...defined(sources.flags ?? {}) });
  if (parsed.success) return ok(parsed.data);
  return err(parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`));
}
