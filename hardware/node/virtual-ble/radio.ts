import type { Random } from '../../../domain/common/random.js';

/**
 * Indoor radio propagation, the log-distance path-loss model with log-normal shadowing:
 *   RSSI(d) = P(1 m) − 10 · n · log10(d / 1 m) + X_shadow + X_fast
 * n is about 2 in free space and 2.5-3.5 between shelves full of goods and people. Shadowing
 * (bodies, shelving, carts) is spatially correlated, so it follows the Gudmundson model: an
 * AR(1) process over distance moved, correlation e^(−Δd / d_corr). Fast fading varies per packet.
 */
export interface RadioModel {
  /** Path-loss exponent n. */
  readonly exponent: number;
  /** Standard deviation of shadowing, dB (4-8 dB indoors). */
  readonly shadowingSigmaDb: number;
  /** Distance over which shadowing decorrelates, m. */
  readonly decorrelationM: number;
  /** Per-packet fading, dB. */
  readonly fastSigmaDb: number;
  /** Weakest signal the scanner decodes, dBm. */
  readonly sensitivityDbm: number;
  /** Fraction of packets lost to collisions and the scanner's duty cycle. */
  readonly packetLoss: number;
}

export const STORE_RADIO: RadioModel = {
  exponent: 2.7,
  shadowingSigmaDb: 5,
  decorrelationM: 3,
  fastSigmaDb: 2,
  sensitivityDbm: -95,
  packetLoss: 0.1,
};

/** Mean RSSI at a distance for a transmitter calibrated to `powerAt1m` dBm at 1 m. */
export function meanRssi(distanceM: number, powerAt1m: number, model: RadioModel): number {
  // Closer than 10 cm the far-field model does not hold; the antenna is not a point.
  return powerAt1m - 10 * model.exponent * Math.log10(Math.max(distanceM, 0.1));
}

/** One link's radio channel (one beacon to the cart), remembering its shadowing state. */
export class RadioLink {
  #shadowDb: number;
  #lastPosition: readonly [number, number, number] | undefined;

  constructor(
    private readonly model: RadioModel,
    private readonly random: Random,
  ) {
    this.#shadowDb = model.shadowingSigmaDb * random.normal();
  }

  /**
   * The RSSI of one packet sent from `from` to a receiver at `to` (metres), or null when the
   * packet is lost or too weak to decode. Integer dBm, as controllers report it.
   */
  receive(from: readonly [number, number, number], to: readonly [number, number, number], powerAt1m: number): number | null {
    const moved = this.#lastPosition ? Math.hypot(to[0] - this.#lastPosition[0], to[1] - this.#lastPosition[1], to[2] - this.#lastPosition[2]) : 0;
    this.#lastPosition = to;
    const rho = Math.exp(-moved / this.model.decorrelationM);
    this.#shadowDb = rho * this.#shadowDb + Math.sqrt(1 - rho * rho) * this.model.shadowingSigmaDb * this.random.normal();
    const lost = this.random.next() < this.model.packetLoss;
    const d = Math.hypot(from[0] - to[0], from[1] - to[1], from[2] - to[2]);
    const rssi = Math.round(meanRssi(d, powerAt1m, this.model) + this.#shadowDb + this.model.fastSigmaDb * this.random.normal());
    if (lost || rssi < this.model.sensitivityDbm) return null;
    return Math.min(20, rssi);
  }
}
