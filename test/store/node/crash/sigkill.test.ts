// Kill -9 in the middle of catalog imports and trip uploads, then reopen the database: every
// write the store acknowledged is there whole, and nothing is there half. Seeded, repeated.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { cartAuthHeaders, generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { addManager } from '../../../../store/node/add-manager.js';
import { openStoreDatabase } from '../../../../store/node/open-store.js';
import { latestCatalog } from '../../../../store/node/records/catalog-versions.js';
import { cheapScrypt, demoCatalog, MANAGER, seededSecureRandom } from '../test-store.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'store-child.ts');

function startChild(dataDir: string): Promise<{ process: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const url = /http:\/\/[\d.:]+/.exec(out)?.[0];
      if (url) resolve({ process: proc, url });
    });
    proc.once('exit', (code) => reject(new Error(`the store exited with ${code} before listening`)));
  });
}

/** A store client over real HTTP: a manager's session and one paired cart. */
async function client(url: string) {
  const json = async (response: Response): Promise<Record<string, unknown>> => (await response.json()) as Record<string, unknown>;
  const login = await json(await fetch(`${url}/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MANAGER) }));
  const staffHeaders = { 'content-type': 'application/json', authorization: `Bearer ${String(login.token)}` };
  const staff = (method: string, route: string, body?: unknown) =>
    fetch(`${url}${route}`, { method, headers: staffHeaders, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const keys = generateCartKeys();
  let cartId = 'pairing';
  const cart = (route: string, body: unknown) => {
    const text = JSON.stringify(body);
    const headers = cartAuthHeaders(keys, { cartId, method: 'POST', path: route, body: text, timestamp: Date.now() });
    return fetch(`${url}${route}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: text });
  };
  const asked = await json(await cart('/api/pairing', { publicKey: keys.publicKey }));
  await staff('POST', '/api/pairings/approve', { code: asked.code, name: 'Crash cart' });
  cartId = String(asked.cartId);
  return { staff, cart, json };
}

describe('a SIGKILL during writes', () => {
  it.each([11, 22, 33])('loses no acknowledged write and leaves no half write (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-crash-'));
    const setup = await openStoreDatabase({ dataDir }, new SimulatedClock(0));
    await addManager(setup, MANAGER, { clock: new SimulatedClock(0), random: seededSecureRandom(seed), scrypt: cheapScrypt });
    await setup.close();

    const store = await startChild(dataDir);
    const { staff, cart, json } = await client(store.url);
    const base = demoCatalog();
    await staff('POST', '/api/catalog', base);
    const shopper = await json(await staff('POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' }));

    const ackedVersions: number[] = [];
    const ackedTrips: { tripId: string; review: boolean }[] = [];
    const killAfter = random.int(4, 12);
    let acks = 0;
    const killed = new Promise<void>((resolve) => store.process.once('exit', () => resolve()));
    const ack = (): void => {
      if (++acks === killAfter) store.process.kill('SIGKILL');
    };

    const importing = (async () => {
      for (let version = 2; ; version++) {
        const products = base.products.map((p, i) => (i % 7 === version % 7 ? { ...p, price: Number(p.price) + version } : p));
        const response = await staff('POST', '/api/catalog', { ...base, version, products }).catch(() => undefined);
        if (response?.status !== 201) return;
        ackedVersions.push(version);
        ack();
      }
    })();
    const uploading = (async () => {
      for (let n = 0; ; n++) {
        const token = await staff('POST', `/api/shoppers/${String(shopper.id)}/sign-in`).then(json).catch(() => undefined);
        const started = token && (await cart('/api/cart/trips', { signInToken: token.token }).then(json).catch(() => undefined));
        if (!started?.tripId) return;
        const tripId = String(started.tripId);
        const alert = n % 2 === 0 ? [{ type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: {}, seq: 2, at: 2 }] : [];
        const events = [{ type: 'signedIn', tripId, shopperId: shopper.id, member: false, seq: 1, at: 1 }, ...alert];
        const response = await cart(`/api/cart/trips/${tripId}/events`, { events }).catch(() => undefined);
        if (response?.status !== 200) return;
        ackedTrips.push({ tripId, review: alert.length > 0 });
        ack();
      }
    })();
    await Promise.all([importing, uploading, killed]);

    const db = await openStoreDatabase({ dataDir }, new SimulatedClock(0));
    try {
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      const versions = (await db.query<{ version: number }>('SELECT version FROM catalog_versions')).map((r) => Number(r.version));
      for (const v of ackedVersions) expect(versions).toContain(v);
      // Each stored version is whole: its document imports and its change list was written with it.
      expect((await latestCatalog(db))?.version).toBe(Math.max(...versions));
      const changes = await db.query<{ version: number; n: number }>('SELECT version, COUNT(*) AS n FROM catalog_changes GROUP BY version');
      for (const v of versions.filter((v) => v > 1)) expect(changes.find((c) => Number(c.version) === v)?.n, `changes of version ${v}`).toBeGreaterThan(0);
      for (const trip of ackedTrips) {
        const row = (await db.query<{ state: string; events: string | null }>('SELECT state, events FROM trips WHERE id = $1', [trip.tripId]))[0];
        expect(row?.state).toBe('uploaded');
        const queued = await db.query('SELECT trip_id FROM review_queue WHERE trip_id = $1', [trip.tripId]);
        expect(queued.length).toBe(trip.review ? 1 : 0);
      }
      // No trip is half handed in: uploaded always has its log, open never does.
      expect(await db.query("SELECT id FROM trips WHERE (state = 'uploaded') <> (events IS NOT NULL)")).toEqual([]);
      expect(acks).toBeGreaterThanOrEqual(killAfter);
    } finally {
      await db.close();
    }
  });
});
