// A real store on a free port with a cart paired to it the way a real cart pairs (its own key,
// a staff member approving the code), and a way to stop and start the store on the same port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { StoreClient } from '../../../../cart-app/node/store-client/store-client.js';
import type { CartIdentity } from '../../../../cart-app/node/store-link/signed-get.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { buildStoreServer } from '../../../../store/node/server/build-server.js';
import { bindings } from '../../../store/node/databases.js';
import { cheapScrypt, seededSecureRandom, testStore, type TestStore } from '../../../store/node/test-store.js';

export interface LiveStore {
  readonly store: TestStore;
  readonly cart: CartIdentity;
  /** A fresh folder for the cart's files, removed by `close`. */
  readonly folder: string;
  /** A request as the signed-in manager, to whichever server is running now. */
  staff(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Stops the store's server (the database stays). */
  stop(): Promise<void>;
  /** Starts a new server on the same database and port, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function liveStore(): Promise<LiveStore> {
  const store = await testStore(bindings[0] as (typeof bindings)[number]);
  const url = await store.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  let app: FastifyInstance | undefined = store.app;
  // The store's close waits for upgraded (WebSocket) sockets before its own hook ends them, so
  // a stop drops every socket first, as a store that crashed or lost power would.
  const sockets = new Set<Socket>();
  const track = (server: FastifyInstance): void => {
    server.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  };
  track(store.app);
  const keys = generateCartKeys();
  const client = new StoreClient({ baseUrl: url, keys, clock: store.clock });
  const asked = await client.requestPairing('Cart 4');
  if (!asked.ok) throw new Error(asked.error.message);
  const approved = await store.staff(store.manager, 'POST', '/api/pairings/approve', { code: asked.value.code, name: 'Cart 4' });
  if (approved.statusCode !== 200) throw new Error(approved.body);
  const folder = mkdtempSync(path.join(tmpdir(), 'tally-store-link-'));
  const stop = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    await app?.close();
    app = undefined;
  };
  return {
    store,
    cart: { baseUrl: url, keys, cartId: asked.value.cartId, clock: store.clock },
    folder,
    stop,
    staff(method, url, body) {
      if (!app) throw new Error('the store is stopped');
      return app.inject({ method, url, headers: { authorization: `Bearer ${store.manager}` }, ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}) });
    },
    async restart() {
      await stop();
      app = await buildStoreServer({ db: store.db, clock: store.clock, random: seededSecureRandom(9), scrypt: cheapScrypt });
      track(app);
      await app.listen({ port, host: '127.0.0.1' });
    },
    async close() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The next event of `type` from anything with `on(listener)`; register before causing it. */
export function nextEvent<E extends { readonly type: string }, T extends E['type']>(source: { on(listener: (event: E) => void): () => void }, type: T): Promise<Extract<E, { type: T }>> {
  return new Promise((resolve) => {
    const off = source.on((event) => {
      if (event.type !== type) return;
      off();
      resolve(event as Extract<E, { type: T }>);
    });
  });
}
