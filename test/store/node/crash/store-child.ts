// Runs a store on port 0 over DATA_DIR (no catalog file) and prints its URL: the process the
// crash test kills with SIGKILL.
import { systemClock } from '../../../../domain/common/clock.js';
import { cryptoRandom } from '../../../../store/node/secure-random.js';
import { startStore } from '../../../../store/node/start-store.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: store-child DATA_DIR');
const store = await startStore({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', behindProxy: false }, { clock: systemClock, random: cryptoRandom });
console.log(store.url);
