// The simulated cart's session log: each event checked, stamped and applied through the real
// reducer, exactly as the runtime records it, then handed to whoever listens (the reconciler).
import type { Clock } from '../../../domain/common/clock.js';
import { parseNewSessionEvent, type NewSessionEventInput, type SessionEvent } from '../../../domain/common/session/events.js';
import { applyEvent, initialCartState, type CartState } from '../../../domain/common/session/state.js';

export class TripLog {
  readonly #clock: Clock;
  readonly #listeners: ((event: SessionEvent) => void)[] = [];
  readonly #events: SessionEvent[] = [];
  #state: CartState = initialCartState;
  #seq = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get state(): CartState {
    return this.#state;
  }

  /** Every event recorded, in order: the trip log a reviewer reads. */
  get events(): readonly SessionEvent[] {
    return this.#events;
  }

  listen(listener: (event: SessionEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Appends an event; a refused one is a bug in the simulator, so it throws the session's own error. */
  record(input: NewSessionEventInput): void {
    const parsed = parseNewSessionEvent(input);
    if (!parsed.ok) throw parsed.error;
    const event: SessionEvent = { ...parsed.value, seq: this.#seq + 1, at: this.#clock.now() };
    const next = applyEvent(this.#state, event);
    if (!next.ok) throw next.error;
    this.#seq++;
    this.#state = next.value;
    this.#events.push(event);
    for (const listener of this.#listeners) listener(event);
  }
}
