import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { parseLaneManufacturerData } from '../../common/lane/advertisement.js';
import { LaneConfigError, LaneTokenRefusal } from '../../common/lane/errors.js';
import { fromHex, laneFrameHexSchema, toHex } from '../../common/lane/hex.js';
import { ReplayGuard } from '../../common/lane/replay-guard.js';
import { DEFAULT_ROTATION_EXPONENT, isLaneId, isRotationExponent, rotationCounter, type LaneToken } from '../../common/lane/token.js';
import { checkLaneSecret, laneMac, macsEqual } from './mac.js';

export interface LaneTokenVerifierOptions {
  readonly clock: Clock;
  /** Each lane's secret, by lane id. */
  readonly secrets: ReadonlyMap<number, Uint8Array>;
  readonly rotationExponent?: number;
  /**
   * How many rotation periods old a token may be (default 2: with 4 s periods a token stays good
   * for 8-12 s, long enough for the cart to forward it, short enough that a recording is useless).
   */
  readonly maxAgePeriods?: number;
  /** How many periods ahead of the store's clock (default 1: beacon clock skew). */
  readonly maxAheadPeriods?: number;
  /**
   * How many different trips may spend one token (default 8). Several carts leave a busy lane
   * within one rotation period and all hear the same token; the bound caps what one recorded
   * token can be used for.
   */
  readonly maxTripsPerToken?: number;
}

export const DEFAULT_MAX_TRIPS_PER_TOKEN = 8;

export interface LaneTokenCheck {
  /** The lane the checkout is for: the lane the cart says it is in. */
  readonly laneId: number;
  /** The lane frame the cart heard: manufacturer data bytes, or their hex as forwarded in JSON. */
  readonly frame: Uint8Array | string;
  /** The trip being checked out; it spends the token once, and its retries spend nothing more. */
  readonly tripId: string;
  /**
   * When the cart heard it, for a trip settled late after leaving offline: freshness is checked
   * as of then (the caller bounds how long ago that may be). Now when absent.
   */
  readonly heardAt?: number;
}

export interface LaneTokenAccepted {
  readonly token: LaneToken;
  /** How many rotation periods old the token was when checked. */
  readonly agePeriods: number;
  /** True when this trip had already presented this token (a retried request, not a replay). */
  readonly repeat: boolean;
}

function checkedSecrets(given: ReadonlyMap<number, Uint8Array>): Map<number, Uint8Array> {
  const secrets = new Map<number, Uint8Array>();
  for (const [laneId, secret] of given) {
    if (!isLaneId(laneId)) throw new LaneConfigError(`lane id ${laneId} is not 0-65535`);
    checkLaneSecret(laneId, secret);
    secrets.set(laneId, Uint8Array.from(secret));
  }
  return secrets;
}

/**
 * The store's check of a lane token a cart forwards: the right lane, a real MAC (compared in
 * constant time), fresh on the store's clock, and not already spent by as many other trips as one
 * token may serve.
 */
export class LaneTokenVerifier {
  readonly #clock: Clock;
  #secrets: ReadonlyMap<number, Uint8Array>;
  readonly #k: number;
  readonly #maxAge: number;
  readonly #maxAhead: number;
  readonly #spent: ReplayGuard;
  readonly #maxTrips: number;

  constructor(options: LaneTokenVerifierOptions) {
    const k = options.rotationExponent ?? DEFAULT_ROTATION_EXPONENT;
    if (!isRotationExponent(k)) throw new LaneConfigError(`rotation exponent ${k} is not 0-15`);
    const maxAge = options.maxAgePeriods ?? 2;
    const maxAhead = options.maxAheadPeriods ?? 1;
    for (const [name, v] of [['maxAgePeriods', maxAge], ['maxAheadPeriods', maxAhead]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 16) throw new LaneConfigError(`${name} ${v} is not 0-16`);
    }
    const maxTrips = options.maxTripsPerToken ?? DEFAULT_MAX_TRIPS_PER_TOKEN;
    if (!Number.isInteger(maxTrips) || maxTrips < 1 || maxTrips > 64) throw new LaneConfigError(`maxTripsPerToken ${maxTrips} is not 1-64`);
    this.#clock = options.clock;
    this.#secrets = checkedSecrets(options.secrets);
    this.#k = k;
    this.#maxAge = maxAge;
    this.#maxAhead = maxAhead;
    this.#maxTrips = maxTrips;
    this.#spent = new ReplayGuard(maxTrips);
  }

  /**
   * Swaps in the store's lanes as they are now (a manager adds and removes lanes while the store
   * runs). Checked whole before anything changes; the spent tokens are kept.
   */
  replaceLanes(secrets: ReadonlyMap<number, Uint8Array>): void {
    this.#secrets = checkedSecrets(secrets);
  }

  /** How many different trips may spend one token. */
  get maxTripsPerToken(): number {
    return this.#maxTrips;
  }

  verify(check: LaneTokenCheck): Result<LaneTokenAccepted, LaneTokenRefusal> {
    const refuse = (kind: LaneTokenRefusal['kind'], detail: string) => err(new LaneTokenRefusal(kind, detail));
    let bytes: Uint8Array;
    if (typeof check.frame === 'string') {
      const hex = laneFrameHexSchema.safeParse(check.frame);
      if (!hex.success) return refuse('malformed', hex.error.issues[0]?.message ?? 'not hex');
      bytes = fromHex(hex.data);
    } else bytes = check.frame;
    const parsed = parseLaneManufacturerData(bytes);
    if (!parsed.ok) return err(new LaneTokenRefusal('malformed', parsed.error.message, parsed.error));
    const { token } = parsed.value;

    if (token.laneId !== check.laneId) return refuse('wrong-lane', `token from lane ${token.laneId}, checkout at lane ${check.laneId}`);
    const secret = this.#secrets.get(token.laneId);
    if (!secret) return refuse('unknown-lane', `no secret for lane ${token.laneId}`);
    if (token.rotationExponent !== this.#k) return refuse('wrong-rotation', `beacon rotates with K=${token.rotationExponent}, the store expects K=${this.#k}`);
    // The MAC before freshness and replay: nothing about the store's state is revealed to a
    // sender who cannot produce a real token.
    if (!macsEqual(laneMac(secret, token.laneId, token.rotationExponent, token.counter), token.mac)) {
      return refuse('forged', `MAC does not match lane ${token.laneId}'s secret`);
    }
    const now = rotationCounter(check.heardAt ?? this.#clock.now(), this.#k);
    const age = now - token.counter;
    if (age > this.#maxAge) return refuse('stale', `token is ${age} periods old; at most ${this.#maxAge} accepted`);
    if (-age > this.#maxAhead) return refuse('from-the-future', `token is ${-age} periods ahead of the store's clock`);

    this.#spent.forgetBefore(now);
    const spent = this.#spent.spend(tokenKey(token), check.tripId, token.counter + this.#maxAge);
    if (!spent.accepted) return refuse('replayed', `token already used by ${spent.trips} other trips, the most one token may serve`);
    return ok({ token, agePeriods: age, repeat: spent.repeat });
  }

  /** Tokens remembered as spent (bounded: each is forgotten once it could no longer be fresh). */
  get rememberedTokens(): number {
    return this.#spent.size;
  }
}

/** How a spent token is remembered, in memory and in the store's database. */
export const tokenKey = (token: LaneToken): string => `${token.laneId}:${token.counter}:${toHex(token.mac)}`;
