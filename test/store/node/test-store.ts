// A store server for tests: a fresh database, a simulated clock, seeded "secure" randomness,
// cheap scrypt, a manager signed in and the demo catalog imported; and carts that sign their
// requests the way a real cart does.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import { cartAuthHeaders, generateCartKeys, type CartKeys } from '../../../domain/node/cart-auth/keys.js';
import { demoCatalogPath } from '../../../cli/paths.js';
import { addManager } from '../../../store/node/add-manager.js';
import type { SecureRandom } from '../../../store/node/secure-random.js';
import { buildStoreServer, type StoreServerOptions } from '../../../store/node/server/build-server.js';
import type { SqlDatabase } from '../../../store/node/storage/sql-database.js';
import { openMigrated, type Binding } from './databases.js';

/** Deterministic bytes for tests only: the same seed issues the same ids and tokens. */
export function seededSecureRandom(seed: number): SecureRandom {
  const random = seededRandom(seed);
  return { bytes: (count) => Uint8Array.from({ length: count }, () => random.int(0, 255)) };
}

/** scrypt at N=2^10: the same code path as production at a thousandth of the work. */
export const cheapScrypt = { N: 1024, r: 8, p: 1 } as const;

export const demoCatalog = (): Record<string, unknown> & { version: number; products: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(demoCatalogPath, 'utf8')) as Record<string, unknown> & { version: number; products: Record<string, unknown>[] };

export const MANAGER = { name: 'ana', password: 'correct horse battery' } as const;
export const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);

export interface TestStore {
  readonly app: FastifyInstance;
  readonly db: SqlDatabase;
  readonly clock: SimulatedClock;
  /** The manager's session token. */
  readonly manager: string;
  /** Sends a request as a staff member (bearer token), JSON body. */
  staff(token: string, method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse>;
  login(name: string, password: string, remoteAddress?: string): Promise<LightMyRequestResponse>;
}

export async function testStore(binding: Binding, options: Partial<StoreServerOptions> & { catalog?: boolean } = {}): Promise<TestStore> {
  const db = await openMigrated(binding);
  const clock = new SimulatedClock(T0);
  const random = seededSecureRandom(5);
  const added = await addManager(db, MANAGER, { clock, random, scrypt: cheapScrypt });
  if (!added.ok) throw new Error(added.error);
  const app = await buildStoreServer({ db, clock, random, scrypt: cheapScrypt, ...options });
  const staff: TestStore['staff'] = (token, method, url, body) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}) });
  const login: TestStore['login'] = (name, password, remoteAddress = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/staff/login', payload: { name, password }, remoteAddress });
  const signedIn = await login(MANAGER.name, MANAGER.password);
  const manager = (signedIn.json() as { token: string }).token;
  if (options.catalog !== false) {
    const imported = await staff(manager, 'POST', '/api/catalog', demoCatalog());
    if (imported.statusCode !== 201) throw new Error(imported.body);
  }
  return { app, db, clock, manager, staff, login };
}

/** A cart with its own key, signing each request at the store's simulated time. */
export class TestCart {
  readonly keys: CartKeys = generateCartKeys();
  cartId = 'pairing';

  constructor(private readonly store: TestStore) {}

  /** The signed request as it would go on the wire; `tweak` lets a test spoil it first. */
  signed(method: 'GET' | 'POST', url: string, body?: unknown, tweak: { nonce?: string; timestamp?: number } = {}): InjectOptions {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers = cartAuthHeaders(this.keys, {
      cartId: this.cartId,
      method,
      path: url,
      body: payload,
      timestamp: tweak.timestamp ?? this.store.clock.now(),
      ...(tweak.nonce !== undefined ? { nonce: tweak.nonce } : {}),
    });
    return { method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, payload };
  }

  send(method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.store.app.inject(this.signed(method, url, body));
  }

  /** Asks to pair and has the manager approve the code; returns the cart id. */
  async pair(name = 'Cart 7'): Promise<string> {
    const asked = await this.send('POST', '/api/pairing', { publicKey: this.keys.publicKey });
    if (asked.statusCode !== 201) throw new Error(asked.body);
    const { cartId, code } = asked.json() as { cartId: string; code: string };
    const approved = await this.store.staff(this.store.manager, 'POST', '/api/pairings/approve', { code, name });
    if (approved.statusCode !== 200) throw new Error(approved.body);
    this.cartId = cartId;
    return cartId;
  }
}
