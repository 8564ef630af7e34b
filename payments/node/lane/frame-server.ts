// Lane frames over WebSocket, for the virtual BLE world on another process or machine: each
// connection gets the current frame at once and every new one as the token rotates, as JSON.
import { WebSocketServer } from 'ws';
import type { LaneBroadcaster } from './broadcaster.js';

export interface LaneFrameServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0 picks a free one) at `host`; receives nothing from its clients. */
export async function serveLaneFrames(broadcaster: LaneBroadcaster, where: { host: string; port: number }): Promise<LaneFrameServer> {
  const wss = new WebSocketServer({ host: where.host, port: where.port, maxPayload: 1024 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => {
    const stop = broadcaster.listen((frame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    });
    ws.on('close', stop);
    // A lane beacon takes no orders: anything a client sends ends its connection.
    ws.on('message', () => ws.close(1003, 'lane frames are one-way'));
  });
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : where.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
