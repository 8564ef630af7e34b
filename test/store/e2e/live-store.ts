// A real store server for the dashboard's end-to-end tests: SQLite in a temp folder (the way
// `tally store` opens it), listening on a free port, with a manager and the demo catalog, and
// the pages served from `webDir`. Its clock is simulated: the test moves time, nothing sleeps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { addManager } from '../../../store/node/add-manager.js';
import { openStoreDatabase } from '../../../store/node/open-store.js';
import { buildStoreServer } from '../../../store/node/server/build-server.js';
import { cheapScrypt, demoCatalog, MANAGER, seededSecureRandom, T0, type TestStore } from '../node/test-store.js';

export interface LiveStore extends TestStore {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  close(): Promise<void>;
}

export async function startLiveStore(webDir: string): Promise<LiveStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-store-e2e-'));
  const clock = new SimulatedClock(T0);
  const db = await openStoreDatabase({ dataDir }, clock);
  const random = seededSecureRandom(11);
  const added = await addManager(db, MANAGER, { clock, random, scrypt: cheapScrypt });
  if (!added.ok) throw new Error(added.error);
  // The one way in for where the pages are (see store/node/server/routes/web-pages.ts).
  const before = process.env.TALLY_STORE_WEB_DIR;
  process.env.TALLY_STORE_WEB_DIR = webDir;
  const app = await buildStoreServer({ db, clock, random, scrypt: cheapScrypt });
  if (before === undefined) delete process.env.TALLY_STORE_WEB_DIR;
  else process.env.TALLY_STORE_WEB_DIR = before;
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  const staff: TestStore['staff'] = (token, method, target, body) =>
    app.inject({ method, url: target, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}) });
  const login: TestStore['login'] = (name, password, remoteAddress = '10.0.0.1') => app.inject({ method: 'POST', url: '/api/staff/login', payload: { name, password }, remoteAddress });
  const manager = ((await login(MANAGER.name, MANAGER.password)).json() as { token: string }).token;
  const imported = await staff(manager, 'POST', '/api/catalog', demoCatalog());
  if (imported.statusCode !== 201) throw new Error(imported.body);

  return {
    app,
    db,
    clock,
    manager,
    staff,
    login,
    url,
    async close() {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
