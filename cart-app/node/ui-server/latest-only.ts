// Sends a stream of snapshots to one screen so that a slow or stuck screen falls behind
// gracefully: at most one snapshot is in flight, and while it is, newer ones replace each other
// instead of queueing. Only the latest state matters to a screen, and the runtime never waits.

/** Hands `value` to the transport; calls `done` once it is written out (or failed). */
export type Send<T> = (value: T, done: (error?: Error) => void) => void;

export class LatestOnly<T> {
  readonly #send: Send<T>;
  #inFlight = false;
  #waiting: { readonly value: T } | null = null;
  #stopped = false;
  /** Values replaced before they were sent: how far the screen fell behind. */
  dropped = 0;

  constructor(send: Send<T>) {
    this.#send = send;
  }

  offer(value: T): void {
    if (this.#stopped) return;
    if (!this.#inFlight) return this.#start(value);
    if (this.#waiting) this.dropped += 1;
    this.#waiting = { value };
  }

  /** Stops sending (the screen went away); offers after this are ignored. */
  stop(): void {
    this.#stopped = true;
    this.#waiting = null;
  }

  #start(value: T): void {
    this.#inFlight = true;
    this.#send(value, (error) => {
      this.#inFlight = false;
      if (error) return this.stop();
      const next = this.#waiting;
      this.#waiting = null;
      if (next) this.offer(next.value);
    });
  }
}
