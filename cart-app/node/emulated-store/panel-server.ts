// Serves the emulator panel (emulator.html from the cart UI's Vite build) and its WebSocket at
// /ws, on loopback only. Requests are parsed with the panel protocol before anything is asked of
// the cart; the hardware's state goes out whenever it changed (checked a few times a second: the
// scale and the battery change on their own, not only when the panel asks something). Like the
// cart UI's server, it refuses WebSocket upgrades from other origins, so a web page elsewhere in
// the same browser cannot drive the cart.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { describePanelIssues, panelRequestSchema, type PanelMessage } from '../../common/emulator-protocol/messages.js';
import { serveStatic } from '../ui-server/static-files.js';
import type { EmulatorPanel } from './emulator-panel.js';

export interface PanelServerOptions {
  readonly panel: EmulatorPanel;
  /** The cart UI's build, which holds emulator.html and its assets. */
  readonly distDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** How often the hardware's state is compared with what was last sent, ms. */
  readonly everyMs?: number;
}

export interface PanelServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A request is a few hundred bytes; anything near this is a bug or an attack. */
const MAX_MESSAGE_BYTES = 8 * 1024;
/** A panel this far behind gets the next state instead of a queue of stale ones. */
const BEHIND_BYTES = 1024 * 1024;
const PAGE = '/emulator.html';

function send(socket: WebSocket, message: PanelMessage): void {
  if (socket.readyState === socket.OPEN && socket.bufferedAmount < BEHIND_BYTES) socket.send(JSON.stringify(message));
}

/** The panel page and its bundled assets; the cart's own page belongs to the cart UI's server. */
function panelFile(url: string | undefined): string | null {
  const pathname = (url ?? '/').split('?')[0] ?? '/';
  if (pathname === '/' || pathname === PAGE) return PAGE;
  return pathname.startsWith('/assets/') ? pathname : null;
}

async function answer(panel: EmulatorPanel, socket: WebSocket, data: RawData, isBinary: boolean, changed: () => void): Promise<void> {
  const bad = (message: string): void => send(socket, { type: 'error', message });
  if (isBinary) return bad('the emulator reads text messages only');
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return bad('that message is not JSON');
  }
  const parsed = panelRequestSchema.safeParse(json);
  if (!parsed.success) return bad(`that is not a request the emulator knows (${describePanelIssues(parsed.error)})`);
  const request = parsed.data;
  if (request.type === 'search') return send(socket, { type: 'products', id: request.id, query: request.query, products: panel.products(request.query) });
  const reply = await panel.handle(request);
  send(socket, { type: 'reply', id: request.id, ok: reply.ok, text: reply.text });
  changed();
}

export async function startPanelServer(options: PanelServerOptions): Promise<PanelServer> {
  const { panel, distDir, port, everyMs = 200 } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server: Server = createServer((request, response) => {
    const file = panelFile(request.url);
    if (file === null) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    request.url = file;
    serveStatic(distDir, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  let lastSent = '';
  const broadcast = (): void => {
    const state = JSON.stringify({ type: 'state', state: panel.state() } satisfies PanelMessage);
    if (state === lastSent) return;
    lastSent = state;
    for (const socket of sockets.clients) if (socket.readyState === socket.OPEN && socket.bufferedAmount < BEHIND_BYTES) socket.send(state);
  };
  const timer = setInterval(broadcast, everyMs);
  let hosts = new Set<string>();
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = request.headers.origin;
    const fromHere = hosts.has(request.headers.host ?? '') && (origin === undefined || hosts.has(origin.replace(/^http:\/\//, '')));
    if (request.url !== '/ws' || !fromHere) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        answer(panel, ws, data, isBinary, broadcast).catch((error: unknown) => send(ws, { type: 'error', message: `the emulator failed: ${error instanceof Error ? error.message : String(error)}` }));
      });
      ws.on('error', () => ws.terminate());
      send(ws, { type: 'state', state: panel.state() });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  }).catch((error: unknown) => {
    clearInterval(timer);
    throw error;
  });
  const bound = (server.address() as AddressInfo).port;
  hosts = new Set([`127.0.0.1:${bound}`, `localhost:${bound}`]);
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
