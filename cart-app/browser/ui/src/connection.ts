// The page's end of the local WebSocket: snapshots in, intents and searches out. It reconnects
// on its own after a drop (the runtime keeps recording meanwhile), and answers each request
// with the runtime's reply.
import type { IntentError, ProductHit, ServerMessage } from '../../../common/ui-protocol/intents.js';
import type { CartSnapshot } from '../../../common/ui-protocol/snapshot.js';
import type { ScreenIntent } from '../../../common/ui-protocol/staff-intents.js';
import { useScreen } from './store.js';
import { pageSocketUrl } from './page-socket.js';

type Reply = { ok: true } | { ok: false; error: IntentError };
type Waiting = { resolve(value: Reply | readonly ProductHit[]): void };

const RETRY_MS = [250, 500, 1000, 2000, 4000];

class CartLink {
  #socket: WebSocket | null = null;
  #nextId = 1;
  #attempt = 0;
  #firstSnapshot = true;
  readonly #waiting = new Map<number, Waiting>();

  open(): void {
    const socket = new WebSocket(pageSocketUrl());
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      this.#firstSnapshot = true;
      useScreen.getState().setLink('open');
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => {
      useScreen.getState().setLink('lost');
      for (const waiting of this.#waiting.values()) waiting.resolve({ ok: false, error: { code: 'refused', message: 'The cart did not answer; try again.' } });
      this.#waiting.clear();
      const delay = RETRY_MS[Math.min(this.#attempt, RETRY_MS.length - 1)] ?? 4000;
      this.#attempt += 1;
      window.setTimeout(() => this.open(), delay);
    };
  }

  intent(intent: ScreenIntent): Promise<Reply> {
    return this.#request((id) => ({ type: 'intent', id, intent })) as Promise<Reply>;
  }

  search(query: string): Promise<readonly ProductHit[]> {
    return this.#request((id) => ({ type: 'search', id, query })).then((r) => (Array.isArray(r) ? r : []));
  }

  #request(message: (id: number) => object): Promise<Reply | readonly ProductHit[]> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, error: { code: 'refused', message: 'The cart is reconnecting; try again in a moment.' } });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, { resolve });
      socket.send(JSON.stringify(message(id)));
    });
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    // The runtime is trusted code on the same computer; its messages are typed by the shared protocol.
    const message = JSON.parse(data) as ServerMessage<CartSnapshot>;
    switch (message.type) {
      case 'snapshot':
        useScreen.getState().received(message.snapshot, this.#firstSnapshot);
        this.#firstSnapshot = false;
        return;
      case 'reply':
        this.#waiting.get(message.id)?.resolve(message.ok ? { ok: true } : { ok: false, error: message.error });
        this.#waiting.delete(message.id);
        return;
      case 'searchResults':
        this.#waiting.get(message.id)?.resolve(message.results);
        this.#waiting.delete(message.id);
        return;
      case 'error':
        useScreen.getState().notify({ tone: 'problem', text: message.message });
    }
  }
}

export const cart = new CartLink();

/** Sends an intent (the shopper's or a staff member's) and says so on the screen when the runtime refused it. */
export async function ask(intent: ScreenIntent): Promise<boolean> {
  const reply = await cart.intent(intent);
  useScreen.getState().notify(reply.ok ? null : { tone: 'problem', text: reply.error.message, error: reply.error });
  return reply.ok;
}
