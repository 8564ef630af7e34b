// The durable cart session: the event log on disk, replayed into a zustand vanilla store. The
// runtime records what happens through `record`; the UI subscribes to the store. Nothing reaches
// the store that is not on the disk first, so a cart that restarts (after a crash, a power cut,
// a flat battery) replays the same log into the same basket.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Clock } from '../../common/clock.js';
import { err, ok, type Result } from '../../common/result.js';
import type { SessionError } from '../../common/session/errors.js';
import { parseNewSessionEvent, parseSessionEvent, type NewSessionEventInput, type SessionEvent } from '../../common/session/events.js';
import { applyEvent, initialCartState, type CartState } from '../../common/session/state.js';
import { SessionLogCorrupted, type SessionLogError } from './errors.js';
import { EventLog, type EventLogOptions, type LoggedRecord, type LogWarning } from './event-log.js';

/** The store as the rest of the cart sees it: read and subscribe, never set. */
export type CartStore = Pick<StoreApi<CartState>, 'getState' | 'getInitialState' | 'subscribe'>;

export interface OpenedSession {
  readonly session: CartSession;
  /** What opening repaired (a torn last record cut away); show it to staff, carry on. */
  readonly warnings: readonly LogWarning[];
}

interface Replayed {
  readonly state: CartState;
  /** The events from the last sign-in on (empty before the first). */
  readonly trip: SessionEvent[];
}

/** Replays the log's records; a record that is not an event, or cannot follow the one before, is corruption. */
function replay(file: string, records: readonly LoggedRecord[]): Result<Replayed, SessionLogCorrupted> {
  let state = initialCartState;
  const trip: SessionEvent[] = [];
  for (const [index, record] of records.entries()) {
    const event = parseSessionEvent(record.value);
    if (!event.ok) return err(new SessionLogCorrupted(file, record.offset, index, `record ${index + 1} is not a valid event (${event.error.message})`));
    const next = applyEvent(state, event.value);
    if (!next.ok) return err(new SessionLogCorrupted(file, record.offset, index, `event ${event.value.seq} cannot follow the events before it (${next.error.message})`));
    state = next.value;
    keepForTrip(trip, event.value);
  }
  return ok({ state, trip });
}

/** A sign-in starts the trip's log afresh; every event after it belongs to that trip. */
function keepForTrip(trip: SessionEvent[], event: SessionEvent): void {
  if (event.type === 'signedIn') trip.length = 0;
  if (event.type === 'signedIn' || trip.length > 0) trip.push(event);
}

export class CartSession {
  readonly #log: EventLog;
  readonly #clock: Clock;
  readonly #store: StoreApi<CartState>;
  readonly #trip: SessionEvent[];

  private constructor(log: EventLog, clock: Clock, replayed: Replayed) {
    this.#log = log;
    this.#clock = clock;
    this.#store = createStore<CartState>()(() => replayed.state);
    this.#trip = replayed.trip;
  }

  /**
   * Opens the cart's session log (creating it on a new cart) and replays it. A torn last record
   * comes back as a warning; any other damage is a SessionLogCorrupted error, with the file kept.
   */
  static open(file: string, clock: Clock, options: EventLogOptions = {}): Result<OpenedSession, SessionLogError> {
    const opened = EventLog.open(file, options);
    if (!opened.ok) return opened;
    const { log, records, warnings } = opened.value;
    const replayed = replay(file, records);
    if (!replayed.ok) {
      log.close();
      return replayed;
    }
    return ok({ session: new CartSession(log, clock, replayed.value), warnings });
  }

  get store(): CartStore {
    return this.#store;
  }

  get state(): CartState {
    return this.#store.getState();
  }

  /**
   * Records one event: checks it against the cart's state, appends it to the log and flushes it,
   * then updates the store. The returned event (with its seq and time) is the acknowledgement;
   * on an error nothing was written and the state is unchanged.
   */
  record(intent: NewSessionEventInput): Result<SessionEvent, SessionError | SessionLogError> {
    const parsed = parseNewSessionEvent(intent);
    if (!parsed.ok) return parsed;
    const state = this.#store.getState();
    // A wall clock can step back (an NTP correction); the log's time must not, so it holds still instead.
    const event: SessionEvent = { seq: state.lastSeq + 1, at: Math.max(this.#clock.now(), state.lastAt), ...parsed.value };
    const next = applyEvent(state, event);
    if (!next.ok) return next;
    const appended = this.#log.append(event);
    if (!appended.ok) return appended;
    keepForTrip(this.#trip, event);
    this.#store.setState(next.value, true);
    return ok(event);
  }

  /**
   * The current trip's events from its sign-in on, also those replayed after a restart: the log
   * the store re-prices and charges from. Empty before the first sign-in.
   */
  tripEvents(): readonly SessionEvent[] {
    return [...this.#trip];
  }

  close(): void {
    this.#log.close();
  }
}
