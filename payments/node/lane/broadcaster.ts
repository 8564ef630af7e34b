// The beacon side of an exit lane where the machine cannot advertise over BLE itself (the
// emulator, a desk test): each rotation period's frame is handed to listeners (stdout, the
// virtual BLE world over WebSocket) as soon as the token changes, on the injected clock.
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { toHex } from '../../common/lane/hex.js';
import type { LaneBeacon } from './beacon.js';

/** One period's frame as `tally lane` prints and serves it (hex, as a cart forwards it). */
export interface LaneFrameMessage {
  readonly type: 'lane-frame';
  readonly laneId: number;
  readonly rotationExponent: number;
  readonly counter: number;
  /** The period this token belongs to, epoch ms. */
  readonly fromMs: number;
  readonly untilMs: number;
  readonly measuredPower: number;
  /** Manufacturer data (company id first), what the virtual world and noble report. */
  readonly manufacturerData: string;
  /** The whole advertising payload (flags + manufacturer data), for a BLE stack's raw API. */
  readonly advertisement: string;
}

export function laneFrameMessage(beacon: LaneBeacon): LaneFrameMessage {
  const { token, measuredPower } = beacon.frame();
  const periodMs = 2 ** token.rotationExponent * 1000;
  return {
    type: 'lane-frame',
    laneId: token.laneId,
    rotationExponent: token.rotationExponent,
    counter: token.counter,
    fromMs: token.counter * periodMs,
    untilMs: (token.counter + 1) * periodMs,
    measuredPower,
    manufacturerData: toHex(beacon.manufacturerData()),
    advertisement: toHex(beacon.advertisement()),
  };
}

/**
 * Sends the current frame to every listener at start and again at each rotation. It wakes at the
 * period boundary (not on a polling interval), so a listener never holds a stale token.
 */
export class LaneBroadcaster {
  readonly #beacon: LaneBeacon;
  readonly #clock: Clock;
  readonly #listeners = new Set<(frame: LaneFrameMessage) => void>();
  #timer: TimerHandle | undefined;
  #current: LaneFrameMessage | undefined;

  constructor(beacon: LaneBeacon, clock: Clock) {
    this.#beacon = beacon;
    this.#clock = clock;
  }

  /** The frame being broadcast now. */
  get current(): LaneFrameMessage {
    return (this.#current ??= laneFrameMessage(this.#beacon));
  }

  /** Adds a listener; it gets the current frame at once. Returns the way to remove it. */
  listen(listener: (frame: LaneFrameMessage) => void): () => void {
    this.#listeners.add(listener);
    if (this.#timer !== undefined) listener(this.current);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#rotate();
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #rotate(): void {
    const frame = (this.#current = laneFrameMessage(this.#beacon));
    for (const listener of this.#listeners) listener(frame);
    // At least 1 ms: a clock standing exactly on the boundary must still move to the next period.
    this.#timer = this.#clock.setTimeout(() => this.#rotate(), Math.max(1, frame.untilMs - this.#clock.now()));
  }
}
