// The store server's configuration: defaults, then a JSON file, then TALLY_STORE_* environment
// variables, then command-line flags, each later one winning; the result is checked whole.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { err, ok, type Result } from '../../domain/common/result.js';

// Environment variables and flags arrive as text; a file may hold numbers and booleans.
const port = z.union([z.int(), z.string().regex(/^\d{1,5}$/, 'a port number').transform(Number)]).pipe(z.int().min(0).max(65535));
const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((s) => s === 'true' || s === '1')]);

export const storeConfigSchema = z.strictObject({
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
