// The panel's end of the emulator's WebSocket: the hardware's state in, requests out. Every
// message is parsed with the shared protocol, so a panel from an older build says so instead of
// showing half a state. It reconnects after a drop (the cart keeps running meanwhile).
import { panelMessageSchema, type PanelAction } from '../../../../common/emulator-protocol/messages.js';
import { usePanel } from './store.js';
import { pageSocketUrl } from '../page-socket.js';

type Answer = { ok: boolean; text: string };

const RETRY_MS = 1000;

class EmulatorLink {
  #socket: WebSocket | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, (answer: Answer) => void>();

  open(): void {
    const socket = new WebSocket(pageSocketUrl());
    this.#socket = socket;
    socket.onopen = () => {
      usePanel.setState({ link: 'open' });
      this.search(usePanel.getState().query);
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = () => {
      usePanel.setState({ link: 'lost', busy: false });
      for (const resolve of this.#waiting.values()) resolve({ ok: false, text: 'The emulator did not answer.' });
      this.#waiting.clear();
      window.setTimeout(() => this.open(), RETRY_MS);
    };
  }

  /** Asks the cart's hardware for something; resolves with what it did. */
  ask(request: PanelAction): Promise<Answer> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve({ ok: false, text: 'The emulator is reconnecting.' });
    const id = this.#nextId++;
    usePanel.setState({ busy: true, problem: null });
    return new Promise((resolve) => {
      this.#waiting.set(id, (answer) => {
        usePanel.setState({ busy: false, problem: answer.ok ? null : answer.text });
        resolve(answer);
      });
      socket.send(JSON.stringify({ ...request, id }));
    });
  }

  search(query: string): void {
    usePanel.setState({ query });
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify({ type: 'search', id: this.#nextId++, query }));
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      json = undefined;
    }
    const parsed = panelMessageSchema.safeParse(json);
    if (!parsed.success) {
      usePanel.setState({ problem: 'The emulator sent a message this panel does not understand: reload the page (the build may be newer).' });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'state':
        usePanel.setState({ hardware: message.state });
        return;
      case 'products':
        // An answer to an older query is stale once the developer typed on.
        if (message.query === usePanel.getState().query) usePanel.setState({ products: message.products });
        return;
      case 'reply':
        this.#waiting.get(message.id)?.({ ok: message.ok, text: message.text });
        this.#waiting.delete(message.id);
        return;
      case 'error':
        usePanel.setState({ problem: message.message, busy: false });
    }
  }
}

export const emulator = new EmulatorLink();
