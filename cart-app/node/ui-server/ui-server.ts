// The cart's screen for a browser: a small local HTTP server that serves the built touch UI and
// a WebSocket at /ws. The runtime pushes a snapshot after every change; the page sends intents
// and searches back. It binds to loopback only, and refuses WebSocket upgrades from other
// origins, so a web page elsewhere in the same browser cannot drive the cart.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { clientMessageSchema, describeIssues, type ServerMessage } from '../../common/ui-protocol/intents.js';
import type { CartSnapshot } from '../../common/ui-protocol/snapshot.js';
import type { CartRuntime } from '../runtime/cart-runtime.js';
import { LatestOnly } from './latest-only.js';
import { serveStatic } from './static-files.js';

export interface UiServerOptions {
  readonly runtime: CartRuntime;
  /** The built UI (cart-app/ui/dist). */
  readonly distDir: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  /** Loopback unless told otherwise: the screen sits on the same computer as the runtime. */
  readonly host?: string;
}

export interface UiServer {
  readonly url: string;
  /** Screens connected now. */
  readonly screens: number;
  /** Snapshots replaced before a slow screen took them, over every screen so far. */
  readonly skippedSnapshots: number;
  close(): Promise<void>;
}

/** Far more than any intent needs; a bigger frame is a bug or an attack. */
const MAX_MESSAGE_BYTES = 16 * 1024;

type Message = ServerMessage<CartSnapshot>;

function sendNow(socket: WebSocket, message: Message): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Hosts the page may be reached by: a DNS-rebinding page names some other host and is refused. */
function allowedOrigins(port: number): { hosts: Set<string>; origins: Set<string> } {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)) };
}

function handleMessage(runtime: CartRuntime, socket: WebSocket, data: RawData, isBinary: boolean): void {
  const bad = (message: string): void => sendNow(socket, { type: 'error', code: 'bad-message', message });
  if (isBinary) return bad('the cart reads text messages only');
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return bad('that message is not JSON');
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) return bad(`that message is not one the cart knows (${describeIssues(parsed.error)})`);
  const message = parsed.data;
  if (message.type === 'search') {
    sendNow(socket, { type: 'searchResults', id: message.id, query: message.query, results: runtime.search(message.query) });
    return;
  }
  const result = runtime.dispatch(message.intent);
  sendNow(socket, result.ok ? { type: 'reply', id: message.id, ok: true } : { type: 'reply', id: message.id, ok: false, error: result.error });
}

/** Wires one screen to the runtime; `closed` hears how many snapshots it skipped when it goes. */
function connect(runtime: CartRuntime, socket: WebSocket, closed: (channel: LatestOnly<CartSnapshot>) => void): LatestOnly<CartSnapshot> {
  const snapshots = new LatestOnly<CartSnapshot>((snapshot, done) => {
    if (socket.readyState !== socket.OPEN) return done(new Error('closed'));
    socket.send(JSON.stringify({ type: 'snapshot', snapshot } satisfies Message), (error) => done(error ?? undefined));
  });
  const unsubscribe = runtime.subscribe((snapshot) => snapshots.offer(snapshot));
  socket.on('message', (data, isBinary) => handleMessage(runtime, socket, data, isBinary));
  socket.on('close', () => {
    unsubscribe();
    snapshots.stop();
    closed(snapshots);
  });
  // A socket error (a reset, a frame over the limit) closes that screen only.
  socket.on('error', () => socket.terminate());
  snapshots.offer(runtime.snapshot());
  return snapshots;
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const { runtime, distDir, port = 0, host = '127.0.0.1' } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server: Server = createServer((request, response) => {
    serveStatic(distDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  let allowed = allowedOrigins(port);
  const live = new Set<LatestOnly<CartSnapshot>>();
  let skippedByGone = 0;
  const closed = (channel: LatestOnly<CartSnapshot>): void => {
    if (live.delete(channel)) skippedByGone += channel.dropped;
  };
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = request.headers.origin;
    const fromHere = allowed.hosts.has(request.headers.host ?? '') && (origin === undefined || allowed.origins.has(origin));
    if (request.url !== '/ws' || !fromHere) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => live.add(connect(runtime, ws, closed)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  allowed = allowedOrigins(bound);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${bound}/`,
    get screens() {
      return sockets.clients.size;
    },
    get skippedSnapshots() {
      return skippedByGone + [...live].reduce((sum, channel) => sum + channel.dropped, 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
