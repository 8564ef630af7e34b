import type { Clock } from '../../../domain/common/clock.js';
import { encodeLaneAdvertisement, encodeLaneManufacturerData, type LaneBeaconFrame } from '../../common/lane/advertisement.js';
import { LaneConfigError } from '../../common/lane/errors.js';
import { DEFAULT_ROTATION_EXPONENT, isLaneId, isRotationExponent, rotationCounter } from '../../common/lane/token.js';
import { checkLaneSecret, laneMac } from './mac.js';

export interface LaneBeaconOptions {
  readonly laneId: number;
  readonly secret: Uint8Array;
  readonly clock: Clock;
  /** The token changes every 2^K seconds (default 2: every 4 s). */
  readonly rotationExponent?: number;
  /** RSSI at 1 m, dBm, as calibrated at install time. */
  readonly measuredPower: number;
}

/** The beacon side of an exit lane: what it advertises at any moment. */
export class LaneBeacon {
  readonly laneId: number;
  readonly #secret: Uint8Array;
  readonly #clock: Clock;
  readonly #k: number;
  readonly #measuredPower: number;
  #cached: { counter: number; frame: LaneBeaconFrame } | undefined;

  constructor(options: LaneBeaconOptions) {
    if (!isLaneId(options.laneId)) throw new LaneConfigError(`lane id ${options.laneId} is not 0-65535`);
    const k = options.rotationExponent ?? DEFAULT_ROTATION_EXPONENT;
    if (!isRotationExponent(k)) throw new LaneConfigError(`rotation exponent ${k} is not 0-15`);
    if (!Number.isInteger(options.measuredPower) || options.measuredPower < -128 || options.measuredPower > 127) {
      throw new LaneConfigError(`measured power ${options.measuredPower} dBm does not fit an int8`);
    }
    checkLaneSecret(options.laneId, options.secret);
    this.laneId = options.laneId;
    this.#secret = Uint8Array.from(options.secret);
    this.#clock = options.clock;
    this.#k = k;
    this.#measuredPower = options.measuredPower;
  }

  /** The frame for the current rotation period (one HMAC per period, not per advertisement). */
  frame(): LaneBeaconFrame {
    const counter = rotationCounter(this.#clock.now(), this.#k);
    if (this.#cached?.counter !== counter) {
      const mac = laneMac(this.#secret, this.laneId, this.#k, counter);
      this.#cached = { counter, frame: { measuredPower: this.#measuredPower, token: { laneId: this.laneId, rotationExponent: this.#k, counter, mac } } };
    }
    return this.#cached.frame;
  }

  /** Manufacturer data bytes (company id first), as a BLE stack's advertising API takes them. */
  manufacturerData(): Uint8Array {
    return encodeLaneManufacturerData(this.frame());
  }

  /** The whole 31-byte-or-less advertising data (flags + manufacturer data). */
  advertisement(): Uint8Array {
    return encodeLaneAdvertisement(this.frame());
  }
}
