import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../../domain/common/clock.js';
import { addManager } from '../../store/node/add-manager.js';
import { loadStoreConfig, type StoreConfig } from '../../store/node/config.js';
import { openStoreDatabase } from '../../store/node/open-store.js';
import { cryptoRandom } from '../../store/node/secure-random.js';
import { startStore, StoreStartError } from '../../store/node/start-store.js';
import { UsageError, type Command } from '../command.js';
import { demoCatalogPath } from '../paths.js';

const usage = `Usage: tally store [--port N] [--host H] [--data DIR] [--catalog FILE] [--database URL] [--config FILE]
       tally store add-manager --name NAME [--data DIR] [--database URL]

Runs the store server (see docs/store-server.md). --port 0 picks a free port; the URL is
printed once it listens. --data (default ./store-data) holds the SQLite database; --database
postgres://… uses PostgreSQL instead. --catalog (default: the demo store) is imported at first
start and whenever it carries a newer version. --config reads a JSON file of the same settings
(port, host, dataDir, catalogFile, databaseUrl, logLevel, behindProxy, and the payment settings
below); TALLY_STORE_* variables override it and flags override both.

Payments (docs/payments.md): the embedded sandbox gateway is the default, its ledger kept in the
data folder. TALLY_STORE_GATEWAY=stripe with TALLY_STORE_STRIPE_KEY=sk_… charges through Stripe
(keep the key in the environment, not in a file). TALLY_STORE_LANE_SECRETS="3=HEX,4=HEX" (or
"laneSecrets": {"3": "HEX"} in the file) names each exit lane's beacon secret, the one
\`tally lane\` broadcasts with; a store without lanes refuses every lane token.

add-manager creates a manager account, reading the password (12+ characters) from the first
line of standard input, e.g.  printf '%s\\n' "$PASSWORD" | tally store add-manager --name ana
There is no default account: a new store needs this once before anyone can sign in.`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  catalog: { type: 'string' },
  database: { type: 'string' },
  config: { type: 'string' },
  name: { type: 'string' },
} as const;

async function configFrom(values: Record<string, string | undefined>, defaultCatalog: string | undefined): Promise<StoreConfig> {
  const dataDir = values.data ?? process.env.TALLY_STORE_DATA ?? 'store-data';
  const fileInData = path.join(dataDir, 'store.json');
  const loaded = await loadStoreConfig({
    file: values.config ?? (existsSync(fileInData) ? fileInData : undefined),
    env: process.env,
    flags: { port: values.port, host: values.host, dataDir, catalogFile: values.catalog, databaseUrl: values.database },
  });
  if (!loaded.ok) throw new UsageError(`configuration:\n  ${loaded.error.join('\n  ')}`);
  return { ...loaded.value, catalogFile: loaded.value.catalogFile ?? defaultCatalog };
}

async function readFirstLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('New manager password (shown as you type; pipe it in to hide it): ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function runAddManager(values: Record<string, string | undefined>): Promise<number> {
  if (values.name === undefined) throw new UsageError('add-manager needs --name NAME');
  const config = await configFrom(values, undefined);
  const password = await readFirstLine();
  const db = await openStoreDatabase(config, systemClock);
  try {
    const added = await addManager(db, { name: values.name, password }, { clock: systemClock, random: cryptoRandom });
    if (!added.ok) {
      console.error(`tally store add-manager: ${added.error}`);
      return 1;
    }
    console.log(`manager ${added.value.name} created (${added.value.id})`);
    return 0;
  } finally {
    await db.close();
  }
}

async function runServer(values: Record<string, string | undefined>): Promise<number> {
  const config = await configFrom(values, demoCatalogPath);
  let store;
  try {
    store = await startStore(config, { clock: systemClock, random: cryptoRandom });
  } catch (error) {
    if (error instanceof StoreStartError) {
      console.error(`tally store: ${error.message}`);
      return 1;
    }
    throw error;
  }
  console.log(store.catalogNote);
  console.log(`store listening on ${store.url}`);
  const running = store;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

export const storeCommand: Command = {
  name: 'store',
  summary: 'run the store server, or add a manager account',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
    if (action === 'add-manager') return runAddManager(values);
    if (action !== undefined) throw new UsageError(`unknown action '${action}'`);
    if (values.name !== undefined) throw new UsageError('--name goes with add-manager');
    return runServer(values);
  },
};
