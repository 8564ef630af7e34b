// Kill -9 in the middle of a catalog import, and in the middle of a trip upload, while the other
// kind of write keeps going; then reopen the database and restart the store: every write the
// store acknowledged is there whole, nothing is there half, and the restarted store serves what
// it acknowledged. The store kills itself inside the write's transaction (see store-child.ts);
// the seed picks which statement of which write. Repeated over seeds.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom, type Random } from '../../../../domain/common/random.js';
import { cartAuthHeaders, generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { addManager } from '../../../../store/node/add-manager.js';
import { openStoreDatabase } from '../../../../store/node/open-store.js';
import { latestCatalog } from '../../../../store/node/records/catalog-versions.js';
import { insertSession } from '../../../../store/node/records/staff.js';
import { newSecret, secretDigest } from '../../../../store/node/secure-random.js';
import { cheapScrypt, demoCatalog, MANAGER, seededSecureRandom } from '../test-store.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'store-child.ts');

function startChild(dataDir: string, crashAt?: string): Promise<{ process: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, ...(crashAt ? [crashAt] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
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

type Json = Record<string, unknown>;
const json = async (response: Response): Promise<Json> => (await response.json()) as Json;

/** A store client over real HTTP: a manager's session (which outlives a restart) and one paired cart. */
async function client(url: string, session: string) {
  const keys = generateCartKeys();
  let cartId = 'pairing';
  let base = url;
  const staff = (method: string, route: string, body?: unknown) =>
    fetch(`${base}${route}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const cart = (route: string, body: unknown) => {
    const text = JSON.stringify(body);
    const headers = cartAuthHeaders(keys, { cartId, method: 'POST', path: route, body: text, timestamp: Date.now() });
    return fetch(`${base}${route}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: text });
  };
  const asked = await json(await cart('/api/pairing', { publicKey: keys.publicKey }));
  await staff('POST', '/api/pairings/approve', { code: asked.code, name: 'Crash cart' });
  cartId = String(asked.cartId);
  return { staff, cart, moveTo: (next: string) => void (base = next) };
}

type Target = 'catalog import' | 'trip upload';

/**
 * Where the store dies: a statement inside the target's transaction, the n-th time it runs. An
 * import writes its version row, then one change row per changed product (every product for the
 * first version, then about 1 in 7 of the demo store's), then commits; an upload closes the
 * trip, then (every other trip here) queues it for review, then commits.
 */
const crashPoint = (target: Target, random: Random): string =>
  target === 'catalog import'
    ? `INSERT INTO catalog_changes#${demoCatalog().products.length + random.int(5, 60)}`
    : `INSERT INTO review_queue#${random.int(2, 8)}`;

/** Runs one crash; resolves to whether the kill landed while the target write was unanswered. */
async function crashOnce(target: Target, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-crash-'));
  const setup = await openStoreDatabase({ dataDir }, new SimulatedClock(0));
  const manager = await addManager(setup, MANAGER, { clock: new SimulatedClock(0), random: seededSecureRandom(seed), scrypt: cheapScrypt });
  if (!manager.ok) throw new Error(manager.error);
  // A session made here rather than by signing in: the store's scrypt is at production strength, which this test does not need to pay for.
  const session = newSecret(seededSecureRandom(seed + 1));
  await insertSession(setup, { tokenHash: secretDigest(session), staffId: manager.value.id, at: Date.now(), expiresAt: Date.now() + 60 * 60_000 });
  await setup.close();

  const store = await startChild(dataDir, crashPoint(target, random));
  let restarted: ChildProcess | undefined;
  try {
    const { staff, cart, moveTo } = await client(store.url, session);
    const base = demoCatalog();
    await staff('POST', '/api/catalog', base);
    const shopper = await json(await staff('POST', '/api/shoppers', { name: 'Li', email: 'li@example.com' }));
    const killed = new Promise<void>((resolve) => store.process.once('exit', () => resolve()));

    const ackedVersions: number[] = [];
    const ackedTrips: { tripId: string; review: boolean; events: unknown[] }[] = [];
    /** The writes that were under way when the store died (never answered). */
    const unanswered: { version?: number; tripId?: string } = {};
    const importing = (async () => {
      for (let version = 2; ; version++) {
        const products = base.products.map((p, i) => (i % 7 === version % 7 ? { ...p, price: Number(p.price) + version } : p));
        const response = await staff('POST', '/api/catalog', { ...base, version, products }).catch(() => undefined);
        if (response?.status !== 201) {
          unanswered.version = version;
          return;
        }
        ackedVersions.push(version);
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
        if (response?.status !== 200) {
          unanswered.tripId = tripId;
          return;
        }
        ackedTrips.push({ tripId, review: alert.length > 0, events });
      }
    })();
    await Promise.all([importing, uploading, killed]);

    const db = await openStoreDatabase({ dataDir }, new SimulatedClock(0));
    let newest: number;
    try {
      expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);
      const versions = (await db.query<{ version: number }>('SELECT version FROM catalog_versions')).map((r) => Number(r.version));
      for (const v of ackedVersions) expect(versions, `acknowledged version ${v}`).toContain(v);
      // Each stored version is whole: its document reads back with as many products as recorded, and its change list was written with it.
      newest = Math.max(...versions);
      expect((await latestCatalog(db))?.version).toBe(newest);
      for (const row of await db.query<{ version: number; document: string; product_count: number }>('SELECT version, document, product_count FROM catalog_versions')) {
        expect((JSON.parse(row.document) as { products: unknown[] }).products.length, `version ${row.version}`).toBe(Number(row.product_count));
      }
      const changes = await db.query<{ version: number; n: number }>('SELECT version, COUNT(*) AS n FROM catalog_changes GROUP BY version');
      for (const v of versions.filter((v) => v > 1)) expect(changes.find((c) => Number(c.version) === v)?.n, `changes of version ${v}`).toBeGreaterThan(0);
      for (const trip of ackedTrips) {
        const row = (await db.query<{ state: string }>('SELECT state FROM trips WHERE id = $1', [trip.tripId]))[0];
        expect(row?.state, `acknowledged trip ${trip.tripId}`).toBe('uploaded');
        const queued = await db.query('SELECT trip_id FROM review_queue WHERE trip_id = $1', [trip.tripId]);
        expect(queued.length).toBe(trip.review ? 1 : 0);
      }
      // The write the store died inside left nothing: its transaction never committed.
      if (target === 'catalog import') {
        expect(unanswered.version).toBeDefined();
        expect(versions).not.toContain(unanswered.version);
      } else {
        const row = (await db.query<{ state: string; events: string | null }>('SELECT state, events FROM trips WHERE id = $1', [unanswered.tripId ?? '']))[0];
        expect(row).toEqual({ state: 'open', events: null });
        expect(await db.query('SELECT trip_id FROM review_queue WHERE trip_id = $1', [unanswered.tripId ?? ''])).toEqual([]);
      }
      // No trip is half handed in: uploaded always has its log, open never does; no review without its trip handed in.
      expect(await db.query("SELECT id FROM trips WHERE (state = 'uploaded') <> (events IS NOT NULL)")).toEqual([]);
      expect(await db.query("SELECT q.trip_id FROM review_queue q JOIN trips t ON t.id = q.trip_id WHERE t.state <> 'uploaded'")).toEqual([]);
    } finally {
      await db.close();
    }
    expect(ackedVersions.length + ackedTrips.length).toBeGreaterThan(0);

    // The restarted store serves what it acknowledged: the newest catalog, and each handed-in
    // trip answered as a duplicate when the cart (which never heard back) sends it again.
    const again = await startChild(dataDir);
    restarted = again.process;
    moveTo(again.url);
    expect(await json(await fetch(`${again.url}/api/health`))).toMatchObject({ ok: true, catalogVersion: newest });
    for (const trip of ackedTrips.slice(-3)) {
      const resent = await cart(`/api/cart/trips/${trip.tripId}/events`, { events: trip.events });
      expect(await json(resent), `resending trip ${trip.tripId}`).toMatchObject({ duplicate: true });
    }
  } finally {
    store.process.kill('SIGKILL');
    restarted?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe.each(['catalog import', 'trip upload'] as const)('a SIGKILL during a %s', (target) => {
  it.each([11, 22])('loses no acknowledged write and leaves no half write (seed %i)', (seed) => crashOnce(target, seed));
});
