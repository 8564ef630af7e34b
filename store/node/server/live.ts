// Live connections over WebSocket (`ws`, on Fastify's own HTTP server):
//   /api/cart/live   a paired cart; the upgrade request is signed like any cart request, then
//                    each message is a health report (domain/common/fleet/cart-report.ts).
//   /api/fleet/live  a signed-in staff member's fleet board: a snapshot, then every report,
//                    every cart going silent and every checkout's lane result (green or red);
//                    closed when the staff session ends.
// A refused upgrade gets the same JSON error an HTTP request would, then the socket is closed.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { cartReportSchema } from '../../../domain/common/fleet/cart-report.js';
import type { StoreContext } from './context.js';
import { HttpError } from './http-error.js';

export const CART_LIVE_PATH = '/api/cart/live';
export const FLEET_LIVE_PATH = '/api/fleet/live';

/** A report is a few hundred bytes; anything much bigger is not a report. */
const MAX_MESSAGE_BYTES = 16 * 1024;

function refuse(socket: Duplex, error: HttpError): void {
  const body = JSON.stringify({ error: error.code, message: error.message });
  socket.end(`HTTP/1.1 ${error.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

const send = (ws: WebSocket, message: unknown): void => {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
};

export function attachLive(app: FastifyInstance, ctx: StoreContext): void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  function onCart(ws: WebSocket, cartId: string): void {
    const gone = ctx.fleet.connected(cartId, { notify: (message) => send(ws, message), hangUp: (reason) => ws.close(4003, reason) });
    ws.on('close', gone);
    ws.on('message', (data, isBinary) => {
      let parsed: unknown;
      try {
        parsed = isBinary ? undefined : (JSON.parse(String(data)) as unknown);
      } catch {
        parsed = undefined;
      }
      const report = cartReportSchema.safeParse(parsed);
      if (!report.success) {
        send(ws, { type: 'error', error: 'invalid-report', issues: report.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
        return;
      }
      ctx.fleet.report(cartId, report.data).then(
        (refused) => send(ws, refused ? { type: 'error', error: refused } : { type: 'ack', at: ctx.clock.now() }),
        (error: unknown) => {
          app.log.error({ err: error, cartId }, 'could not record a cart report');
          send(ws, { type: 'error', error: 'internal' });
        },
      );
    });
  }

  async function onStaff(ws: WebSocket, expiresAt: number): Promise<void> {
    const stop = ctx.fleet.watch((event) => send(ws, event));
    const expiry = ctx.clock.setTimeout(() => ws.close(4001, 'session ended'), expiresAt - ctx.clock.now());
    ws.on('close', () => {
      stop();
      ctx.clock.clearTimeout(expiry);
    });
    send(ws, { type: 'snapshot', carts: await ctx.fleet.board() });
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = request.url ?? '';
    if (url === CART_LIVE_PATH) {
      const cart = await ctx.cartAuth.require({ method: request.method ?? 'GET', url, headers: request.headers, body: new Uint8Array() }, 'paired');
      wss.handleUpgrade(request, socket, head, (ws) => onCart(ws, cart.id));
    } else if (url === FLEET_LIVE_PATH) {
      const staff = await ctx.staffAuth.current(request);
      if (!staff) throw new HttpError(401, 'not-signed-in', 'sign in as a staff member first');
      wss.handleUpgrade(request, socket, head, (ws) => void onStaff(ws, staff.expiresAt));
    } else {
      throw new HttpError(404, 'not-found', 'no live connection at this path');
    }
  }

  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    upgrade(request, socket, head).catch((error: unknown) => {
      if (!(error instanceof HttpError)) app.log.error({ err: error }, 'live connection failed');
      refuse(socket, error instanceof HttpError ? error : new HttpError(500, 'internal', 'the store could not open the connection'));
    });
  });

  // preClose, not onClose: the HTTP server waits for every open connection (live sockets too)
  // before onClose runs, so a store with carts connected would never finish stopping.
  app.addHook('preClose', async () => {
    ctx.fleet.stop();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}
