// Staff mode on the cart's screen: signing in with a badge PIN or by showing the badge's QR to the
// camera (checked with the store; the PIN works offline), the staff session's idle timeout, and
// the staff actions that are session events (ID check, letting an alert stand, a hand-set price,
// the staff hold). Everything a staff member does goes into the session log through the existing
// events, so the store sees it in the trip log. A refused badge counts like a wrong PIN, so the
// pad locks for both. Only that throttle lives in memory: a restart clears it, but a restart
// takes longer than a lock-out, so it buys a guesser nothing.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { NewSessionEventInput, SessionEvent } from '../../../domain/common/session/events.js';
import type { CartState } from '../../../domain/common/session/state.js';
import { formatMoney } from '../../../payments/common/money/format.js';
import { staffPriceCeiling } from '../../../payments/common/pricing/lines.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { IntentError, IntentErrorCode } from '../../common/ui-protocol/intents.js';
import type { StaffIntent } from '../../common/ui-protocol/staff-intents.js';
import { z } from 'zod';
import { staffBadgeTextSchema } from '../../../domain/common/fleet/staff-badge.js';
import { badgeOf, staffBadgeSchema, type StaffBadge } from './staff-pin.js';

export interface StaffConfig {
  /** The staff members who may sign in on this cart, by salted PIN hash (staff-pin.ts). */
  readonly badges: readonly StaffBadge[];
  /** A staff session ends after this long without a staff action (default 5 minutes). */
  readonly idleMs?: number;
  /** Wrong PINs in a row before the pad locks (default 5). */
  readonly maxWrongPins?: number;
  /** The first lock-out; each one after it doubles, up to 15 minutes (default 30 s). */
  readonly lockoutMs?: number;
}

const MAX_LOCKOUT_MS = 15 * 60_000;

/** The `staff` section of a cart's configuration file, checked where it is read. */
export const staffConfigSchema = z.strictObject({
  badges: z
    .array(staffBadgeSchema)
    .max(1000)
    .refine((badges) => new Set(badges.map((b) => b.staffId)).size === badges.length, 'each staff member has one badge'),
  idleMs: z.int().min(10_000).max(3_600_000).optional(),
  maxWrongPins: z.int().min(1).max(20).optional(),
  lockoutMs: z.int().min(1_000).max(MAX_LOCKOUT_MS).optional(),
}) satisfies z.ZodType<StaffConfig>;

/** What staff mode needs of the runtime. */
export interface StaffCart {
  readonly state: CartState;
  readonly catalog: Catalog;
  record(event: NewSessionEventInput): Result<void, IntentError>;
  priced(withStaffPrice?: { readonly lineId: string; readonly staffPrice: number }): Result<Receipt, string>;
  onEvent(listener: (event: SessionEvent) => void): () => void;
}

/**
 * Asks the store whose badge QR the camera read (the store client's `checkStaffBadge`). A refusal
 * with a status below 500 is the store's answer about the badge; anything else means it could not say.
 */
export type BadgeCheck = (badge: string) => Promise<Result<{ readonly staffId: string }, { readonly code: string; readonly message: string; readonly status: number | null }>>;

/** The staff intents that are session events. */
export type StaffAction = Extract<StaffIntent, { type: 'confirmAge' | 'verifyAlert' | 'overridePrice' | 'lockCart' | 'unlockCart' }>;

const DEFAULT_IDLE_MS = 5 * 60_000;
const DEFAULT_MAX_WRONG = 5;
const DEFAULT_LOCKOUT_MS = 30_000;

const refuse = (code: IntentErrorCode, message: string): { readonly ok: false; readonly error: IntentError } => err({ code, message });

export class StaffSession {
  readonly #cart: StaffCart;
  readonly #clock: Clock;
  readonly #badges: readonly StaffBadge[];
  readonly #idleMs: number;
  readonly #maxWrong: number;
  readonly #lockoutMs: number;
  readonly #warn: (message: string) => void;
  readonly #stop: () => void;
  #timer: TimerHandle | undefined;
  #wrongInARow = 0;
  #lockouts = 0;
  #lockedUntil = 0;

  constructor(cart: StaffCart, clock: Clock, config: StaffConfig | undefined, warn: (message: string) => void) {
    this.#cart = cart;
    this.#clock = clock;
    this.#badges = config?.badges ?? [];
    this.#idleMs = config?.idleMs ?? DEFAULT_IDLE_MS;
    this.#maxWrong = config?.maxWrongPins ?? DEFAULT_MAX_WRONG;
    this.#lockoutMs = config?.lockoutMs ?? DEFAULT_LOCKOUT_MS;
    this.#warn = warn;
    // However staff mode began (a PIN here, a scripted trip, a log from before a restart), it times out.
    this.#stop = cart.onEvent((event) => {
      if (event.type === 'staffModeEntered') this.#arm();
      if (event.type === 'staffModeExited') this.#disarm();
    });
    if (cart.state.staff) this.#arm();
  }

  /** Signs the badge's owner in (handing over from another staff member signed in); throttled. */
  signIn(pin: string): Result<{ staffId: string }, IntentError> {
    const now = this.#clock.now();
    const locked = this.#locked(now);
    if (locked) return locked;
    if (this.#badges.length === 0) return refuse('wrong-pin', 'No staff PINs are set up on this cart; staff sign-in is off.');
    const badge = badgeOf(this.#badges, pin);
    if (!badge) return this.#failed(now, 'wrong-pin', 'That PIN is not a staff PIN of this store.');
    return this.#enter(badge.staffId);
  }

  /**
   * Signs in the owner of the badge QR the camera read, once the store says whose it is. A badge
   * the store refuses (unknown, revoked, its owner switched off) counts like a wrong PIN; a store
   * that cannot answer counts for nothing, and the PIN still works.
   */
  async signInWithBadge(text: string, check: BadgeCheck | undefined): Promise<Result<{ staffId: string }, IntentError>> {
    const now = this.#clock.now();
    const locked = this.#locked(now);
    if (locked) return locked;
    if (!staffBadgeTextSchema.safeParse(text).success) return this.#failed(now, 'badge-refused', 'That is not a staff badge of this store.');
    if (!check) return refuse('refused', 'This cart cannot check badges with the store; sign in with your badge PIN.');
    let answer: Awaited<ReturnType<BadgeCheck>>;
    try {
      answer = await check(text);
    } catch (error) {
      answer = { ok: false, error: { code: 'network', message: error instanceof Error ? error.message : String(error), status: null } };
    }
    if (answer.ok) return this.#enter(answer.value.staffId);
    const { status, message } = answer.error;
    if (status === null || status >= 500 || status === 429 || status === 401) {
      return refuse('refused', `The store could not check the badge (${message}); sign in with your badge PIN.`);
    }
    return this.#failed(this.#clock.now(), 'badge-refused', `The store refused this badge: ${message}.`);
  }

  signOut(): Result<void, IntentError> {
    if (!this.#cart.state.staff) return refuse('not-staff', 'Nobody is signed in as staff.');
    return this.#cart.record({ type: 'staffModeExited' });
  }

  /** The signed-in staff member, whose session this keeps alive; else `not-staff`. */
  staffOnly(): Result<string, IntentError> {
    const staff = this.#cart.state.staff;
    if (!staff) return refuse('not-staff', 'Only a staff member can do that: sign in with your badge PIN first.');
    this.#arm();
    return ok(staff.staffId);
  }

  /** Carries out a staff action as its session event. */
  act(action: StaffAction): Result<void, IntentError> {
    const by = this.staffOnly();
    if (!by.ok) return by;
    const staffId = by.value;
    if (action.type === 'lockCart') return this.#cart.record({ type: 'locked', reason: 'staff-hold', detail: action.detail });
    if (action.type === 'unlockCart') {
      if (!this.#cart.state.locks.some((l) => l.reason === 'staff-hold')) return refuse('refused', 'The cart is not held by staff.');
      return this.#cart.record({ type: 'unlocked', reason: 'staff-hold', by: staffId });
    }
    const trip = this.#cart.state.trip;
    if (!trip) return refuse('not-shopping', 'Nobody is shopping with this cart right now.');
    switch (action.type) {
      case 'confirmAge':
        return this.#cart.record({ type: 'ageChecked', by: staffId });
      case 'verifyAlert': {
        const alert = trip.alerts.find((a) => a.alertId === action.alertId);
        if (!alert || alert.resolution) return refuse('refused', 'That alert is not open any more.');
        return this.#cart.record({ type: 'alertResolved', alertId: action.alertId, how: 'staff-verified', by: staffId });
      }
      case 'overridePrice': {
        const line = trip.basket.find((l) => l.lineId === action.lineId);
        if (!line) return refuse('unknown-line', 'That item is no longer in the basket.');
        const product = this.#cart.catalog.bySku(line.sku);
        if (!product) return refuse('unknown-product', `${line.sku} is no longer in the store's catalog; remove the line instead.`);
        // The same ceiling the pricing engine (and so the store) applies: a staff price only ever lowers one.
        const ceiling = staffPriceCeiling(product, trip.member, line.labelPrice);
        const { currency, minorUnits, locale } = this.#cart.catalog.store;
        const money = (minor: number): string => formatMoney(minor, currency, minorUnits, locale);
        if (action.price > ceiling) return refuse('refused', `A staff price can only lower the price: ${money(action.price)} is more than ${product.name}'s ${money(ceiling)}.`);
        // A staff-priced line takes no promotion, so a price under the shelf's can still cost the
        // shopper more than the promotion does now: the whole basket is priced both ways to be sure.
        const now = this.#cart.priced();
        const after = this.#cart.priced({ lineId: line.lineId, staffPrice: action.price });
        if (now.ok && after.ok && after.value.total > now.value.total) {
          return refuse('refused', `That price would raise the shopper's total from ${money(now.value.total)} to ${money(after.value.total)}: the item's promotion gives more.`);
        }
        return this.#cart.record({ type: 'overrideApplied', by: staffId, lineId: line.lineId, price: action.price, reason: action.reason });
      }
    }
  }

  close(): void {
    this.#stop();
    this.#disarm();
  }

  /** The refusal while the pad is locked after too many failed sign-ins; undefined when it is open. */
  #locked(now: number): { readonly ok: false; readonly error: IntentError } | undefined {
    if (now >= this.#lockedUntil) return undefined;
    return refuse('wrong-pin', `Too many wrong PINs: the pad is locked for another ${Math.ceil((this.#lockedUntil - now) / 1000)} s.`);
  }

  /** Signs `staffId` in (handing over from another staff member); the failure count starts again. */
  #enter(staffId: string): Result<{ staffId: string }, IntentError> {
    this.#wrongInARow = 0;
    this.#lockouts = 0;
    const { staff, trip } = this.#cart.state;
    if (staff?.staffId === staffId) {
      this.#arm();
      return ok({ staffId });
    }
    if (staff) {
      const out = this.#cart.record({ type: 'staffModeExited' });
      if (!out.ok) return out;
    }
    const entered = this.#cart.record({ type: 'staffModeEntered', staffId, mode: trip ? 'assist' : 'maintenance' });
    return entered.ok ? ok({ staffId }) : entered;
  }

  /** A wrong PIN or a refused badge: counted, and after too many in a row the pad locks, longer each time. */
  #failed(now: number, code: 'wrong-pin' | 'badge-refused', message: string): { readonly ok: false; readonly error: IntentError } {
    this.#wrongInARow += 1;
    if (this.#wrongInARow < this.#maxWrong) return refuse(code, message);
    const wait = Math.min(MAX_LOCKOUT_MS, this.#lockoutMs * 2 ** this.#lockouts);
    this.#lockouts += 1;
    this.#wrongInARow = 0;
    this.#lockedUntil = now + wait;
    this.#warn(`${this.#maxWrong} wrong staff PINs or refused badges in a row; the pad is locked for ${wait / 1000} s`);
    return refuse('wrong-pin', `Too many wrong PINs: the pad is locked for ${Math.ceil(wait / 1000)} s.`);
  }

  #arm(): void {
    this.#disarm();
    this.#timer = this.#clock.setTimeout(() => this.#expire(), this.#idleMs);
  }

  #disarm(): void {
    if (this.#timer) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #expire(): void {
    this.#timer = undefined;
    if (!this.#cart.state.staff) return;
    const out = this.#cart.record({ type: 'staffModeExited' });
    if (!out.ok) this.#warn(`the idle staff session could not be ended: ${out.error.message}`);
  }
}
