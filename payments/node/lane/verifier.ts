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
}

export interface LaneTokenCheck {
  /** The lane the checkout is for: the lane the cart says it is in. */
  readonly laneId: number;
  /** The lane frame the cart heard: manufacturer data bytes, or their hex as forwarded in JSON. */
  readonly frame: Uint8Array | string;
  /** The trip being checked out; a token is spent by one trip only. */
  readonly tripId: string;
}

export interface LaneTokenAccepted {
  readonly token: LaneToken;
  /** How many rotation periods old the token was when checked. */
  readonly agePeriods: number;
  /** True when this trip had already presented this token (a retried request, not a replay). */
  readonly repeat: boolean;
}

/**
 * The store's check of a lane token a cart forwards: the right lane, a real MAC (compared in
 * constant time), fresh on the store's clock, and not spent by another trip.
 */
export class LaneTokenVerifier {
  readonly #clock: Clock;
  readonly #secrets: ReadonlyMap<number, Uint8Array>;
  readonly #k: number;
  readonly #maxAge: number;
  readonly #maxAhead: number;
  readonly #spent = new ReplayGuard();

  constructor(options: LaneTokenVerifierOptions) {
    const k = options.rotationExponent ?? DEFAULT_ROTATION_EXPONENT;
    if (!isRotationExponent(k)) throw new LaneConfigError(`rotation exponent ${k} is not 0-15`);
    const maxAge = options.maxAgePeriods ?? 2;
    const maxAhead = options.maxAheadPeriods ?? 1;
    for (const [name, v] of [['maxAgePeriods', maxAge], ['maxAheadPeriods', maxAhead]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 16) throw new LaneConfigError(`${name} ${v} is not 0-16`);
    }
    const secrets = new Map<number, Uint8Array>();
    for (const [laneId, secret] of options.secrets) {
      if (!isLaneId(laneId)) throw new LaneConfigError(`lane id ${laneId} is not 0-65535`);
      checkLaneSecret(laneId, secret);
      secrets.set(laneId, Uint8Array.from(secret));
    }
    this.#clock = options.clock;
    this.#secrets = secrets;
    this.#k = k;
    this.#maxAge = maxAge;
    this.#maxAhead = maxAhead;
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
    const now = rotationCounter(this.#clock.now(), this.#k);
    const age = now - token.counter;
    if (age > this.#maxAge) return refuse('stale', `token is ${age} periods old; at most ${this.#maxAge} accepted`);
    if (-age > this.#maxAhead) return refuse('from-the-future', `token is ${-age} periods ahead of the store's clock`);

    this.#spent.forgetBefore(now);
    const spentBy = this.#spent.spend(`${token.laneId}:${token.counter}:${toHex(token.mac)}`, check.tripId, token.counter + this.#maxAge);
    if (spentBy.tripId !== check.tripId) return refuse('replayed', `token already used by another trip`);
    return ok({ token, agePeriods: age, repeat: spentBy.repeat });
  }

  /** Tokens remembered as spent (bounded: each is forgotten once it could no longer be fresh). */
  get rememberedTokens(): number {
    return this.#spent.size;
  }
}
