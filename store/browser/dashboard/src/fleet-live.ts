// The fleet board's live connection: a snapshot, then every report and every cart going silent.
// A dropped connection is retried with a growing pause; a session that ended (code 4001) sends
// the person back to sign in instead.
import { ApiError, call } from '../../shared/api.js';
import { boardSchema, fleetEventSchema, staffMemberSchema } from './answers.js';
import { useDashboard } from './store.js';

const SESSION_ENDED = 4001;
const MAX_PAUSE_MS = 10_000;

export interface FleetLive {
  close(): void;
}

/** Refetches the whole board, for a cart the live events named before the board knew it. */
export async function refreshBoard(): Promise<void> {
  const { carts } = await call('GET', '/api/carts', boardSchema);
  useDashboard.getState().board(carts);
}

export function openFleetLive(): FleetLive {
  let socket: WebSocket | undefined;
  let pause = 500;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const state = useDashboard.getState;

  function connect(): void {
    state().setLink('connecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/fleet/live`);
    socket = ws;
    ws.onopen = () => {
      pause = 500;
      state().setLink('open');
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data)) as unknown;
      } catch {
        return;
      }
      const event = fleetEventSchema.safeParse(data);
      if (!event.success) return;
      if (event.data.type === 'snapshot') state().board(event.data.carts);
      else if (event.data.type === 'lane') state().laneResult(event.data);
      else if (!state().fleetEvent(event.data)) void refreshBoard().catch(() => undefined);
    };
    ws.onclose = (event) => {
      if (closed) return;
      if (event.code === SESSION_ENDED) {
        state().signedIn(null);
        return;
      }
      state().setLink('lost');
      retry = setTimeout(reconnect, pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    };
  }

  /** A refused upgrade looks like any dropped socket; asking who is signed in tells them apart. */
  function reconnect(): void {
    call('GET', '/api/staff/me', staffMemberSchema).then(connect, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) state().signedIn(null);
      else if (!closed) retry = setTimeout(reconnect, pause);
    });
  }

  connect();
  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    },
  };
}
