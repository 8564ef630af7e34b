// Runs a store on port 0 over DATA_DIR (no catalog file) and prints its URL: the process the
// crash test kills. With CRASH_AT ("SQL prefix#n") it kills itself with SIGKILL just before the
// n-th statement starting with that prefix runs: inside the write's transaction, after some of
// its statements and before its commit, which a kill from outside can only hit by luck.
import Database from 'better-sqlite3';
import { systemClock } from '../../../../domain/common/clock.js';
import { storeConfigSchema } from '../../../../store/node/config.js';
import { cryptoRandom } from '../../../../store/node/secure-random.js';
import { startStore } from '../../../../store/node/start-store.js';

const [dataDir, crashAt] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: store-child DATA_DIR [SQL-PREFIX#N]');

if (crashAt) {
  const [prefix = '', nth] = crashAt.split('#');
  let left = Number(nth);
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source);
    if (!source.startsWith(prefix)) return statement;
    const run = statement.run;
    return Object.assign(statement, {
      run: (...params: unknown[]): Database.RunResult => {
        if (--left === 0) process.kill(process.pid, 'SIGKILL');
        return Reflect.apply(run, statement, params) as Database.RunResult;
      },
    });
  } as typeof prepare;
}

// Every other setting at its default, as `tally store` would have it.
const config = storeConfigSchema.parse({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
const store = await startStore(config, { clock: systemClock, random: cryptoRandom });
console.log(store.url);
