// The live fleet: every cart's latest report, which carts need charging, which have gone silent.
// A cart's silence is a timer on the injected clock, restarted by each report, so a test moves
// time and sees the cart go silent without waiting.
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { listCarts, recordCartSeen, type CartRecord } from '../records/carts.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import type { StorePolicy } from './context.js';
import type { CartReport } from '../../../domain/common/fleet/cart-report.js';

export interface FleetCart {
  readonly id: string;
  readonly name: string;
  readonly state: CartRecord['state'];
  readonly locked: boolean;
  readonly lockReason: string | null;
  readonly lastSeenAt: number | null;
  readonly lastReport: CartReport | null;
  /** Not heard from within the silence window (or never). */
  readonly silent: boolean;
  /** Below the trip threshold and not charging: someone should dock it. */
  readonly needsCharge: boolean;
}

/**
 * What an exit lane shows when a cart checks out there: green (paid, with the amount) or red
 * (not paid, with the store's reason code), for the lane's display and the staff board.
 */
export interface LaneResult {
  readonly laneId: number;
  readonly cartId: string;
  readonly tripId: string;
  readonly at: number;
  readonly result: 'green' | 'red';
  /** What was charged, when green: minor units of `currency`, which has `minorUnits` decimals. */
  readonly total?: number;
  readonly currency?: string;
  readonly minorUnits?: number;
  /** The checkout's refusal code, when red (e.g. 'payment-declined', 'unresolved-alerts'). */
  readonly reason?: string;
}

export type FleetEvent =
  | { readonly type: 'report'; readonly cartId: string; readonly at: number; readonly report: CartReport }
  | { readonly type: 'silent'; readonly cartId: string; readonly lastSeenAt: number }
  | ({ readonly type: 'lane' } & LaneResult);

/** Why a report was not taken. */
export type ReportRefusal = 'too-frequent';

export class Fleet {
  readonly #silenceTimers = new Map<string, TimerHandle>();
  readonly #lastAccepted = new Map<string, number>();
  readonly #watchers = new Set<(event: FleetEvent) => void>();
  /** Open live connections by cart: what to call to tell the cart something, and to hang up. */
  readonly #connections = new Map<string, { notify(message: unknown): void; hangUp(reason: string): void }>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    private readonly policy: StorePolicy,
  ) {}

  view(cart: CartRecord): FleetCart {
    const report = cart.lastReport as CartReport | null;
    const now = this.clock.now();
    return {
      id: cart.id,
      name: cart.name,
      state: cart.state,
      locked: cart.locked,
      lockReason: cart.lockReason,
      lastSeenAt: cart.lastSeenAt,
      lastReport: report,
      silent: cart.lastSeenAt === null || now - cart.lastSeenAt >= this.policy.silentAfterMs,
      needsCharge: report !== null && report.battery < this.policy.minTripBattery && !report.charging,
    };
  }

  async board(): Promise<FleetCart[]> {
    return (await listCarts(this.db)).map((cart) => this.view(cart));
  }

  /** Records a cart's report and tells the watchers; refuses reports that come too fast. */
  async report(cartId: string, report: CartReport): Promise<ReportRefusal | undefined> {
    const at = this.clock.now();
    const last = this.#lastAccepted.get(cartId);
    if (last !== undefined && at - last < this.policy.minReportIntervalMs) return 'too-frequent';
    this.#lastAccepted.set(cartId, at);
    await recordCartSeen(this.db, cartId, at, report);
    const timer = this.#silenceTimers.get(cartId);
    if (timer) this.clock.clearTimeout(timer);
    this.#silenceTimers.set(
      cartId,
      this.clock.setTimeout(() => {
        this.#silenceTimers.delete(cartId);
        this.#emit({ type: 'silent', cartId, lastSeenAt: at });
      }, this.policy.silentAfterMs),
    );
    this.#emit({ type: 'report', cartId, at, report });
    return undefined;
  }

  /** Calls `listener` with every fleet event until the returned function is called. */
  watch(listener: (event: FleetEvent) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** A checkout at a lane ended: every watcher (the lane displays, the staff board) hears of it. */
  laneResult(result: LaneResult): void {
    this.#emit({ type: 'lane', ...result });
  }

  /** A cart's live connection opened; a newer one for the same cart replaces it. */
  connected(cartId: string, connection: { notify(message: unknown): void; hangUp(reason: string): void }): () => void {
    this.#connections.get(cartId)?.hangUp('replaced by a newer connection');
    this.#connections.set(cartId, connection);
    return () => {
      if (this.#connections.get(cartId) === connection) this.#connections.delete(cartId);
    };
  }

  /** Tells a connected cart that staff changed its state (locked, unlocked, renamed). */
  notify(cartId: string, message: unknown): void {
    this.#connections.get(cartId)?.notify(message);
  }

  /** A cart was unpaired: its connection was authenticated by a key that is no longer valid. */
  retire(cartId: string): void {
    this.#connections.get(cartId)?.hangUp('unpaired');
    this.#connections.delete(cartId);
    const timer = this.#silenceTimers.get(cartId);
    if (timer) this.clock.clearTimeout(timer);
    this.#silenceTimers.delete(cartId);
  }

  /** Stops every silence timer (the server is closing). */
  stop(): void {
    for (const timer of this.#silenceTimers.values()) this.clock.clearTimeout(timer);
    this.#silenceTimers.clear();
    this.#watchers.clear();
  }

  #emit(event: FleetEvent): void {
    for (const watcher of this.#watchers) watcher(event);
  }
}
