import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import { BOARD_ADC, CART_PINS, PACK_DIVIDER } from '../../common/pin-map.js';
import { ACS712_05B_ON_A1 } from '../power/battery-monitor.js';
import { cellVoltsAtSoc } from '../power/discharge-curve.js';
import type { PackSpec } from '../power/pack.js';
import type { VirtualBoard } from '../virtual-board/virtual-board.js';
import { VirtualContact } from './contact.js';

export interface VirtualBatteryOptions {
  readonly board: VirtualBoard;
  readonly clock: Clock;
  readonly random: Random;
  readonly pack: PackSpec;
  /** State of charge at the start, % (default 80). */
  readonly initialSoc?: number;
  /** What the cart draws, A (default 1.5: computer, screen, cameras, board). */
  readonly loadA?: number;
  /** The dock charger's constant-current limit, A (default 6). */
  readonly chargeA?: number;
  /** Physics step, ms (default 1 s). */
  readonly stepMs?: number;
  /** ADC noise, counts standard deviation (default 0.7). */
  readonly adcNoiseCounts?: number;
}

// A CC-CV charger holds its current limit up to about 90 %, then tapers in the
// constant-voltage phase, and stops at 100 % (cut off below C/20).
const TAPER_FROM_SOC = 90;

/**
 * The cart's battery pack, its dock and charger, wired to the virtual board as the real ones
 * are (see hardware/common/pin-map.ts): pack voltage through the divider on A0, an ACS712-05B
 * on A1, the dock contacts on D2 (chattering as the cart rolls on) and the charger's STAT output on
 * D8. It drains with the load, charges on the dock, and its voltage sags and rises with current.
 */
export class VirtualBattery {
  readonly #o: VirtualBatteryOptions;
  readonly #dock: VirtualContact;
  #soc: number;
  #loadA: number;
  #currentA = 0;
  #senseWireCut = false;
  #timer: TimerHandle | undefined;

  constructor(options: VirtualBatteryOptions) {
    this.#o = options;
    this.#soc = options.initialSoc ?? 80;
    this.#loadA = options.loadA ?? 1.5;
    if (!(this.#soc >= 0 && this.#soc <= 100)) throw new RangeError(`initial charge must be 0-100 %, not ${options.initialSoc}`);
    const { board, clock, random } = options;
    this.#dock = new VirtualContact({ board, clock, random: random.fork(), pin: CART_PINS.dockContact, bounceMs: 120 });
    board.setAnalogInput(CART_PINS.packVoltage, () => this.#voltageCounts());
    board.setAnalogInput(CART_PINS.packCurrent, () => this.#currentCounts());
    board.setDigitalInput(CART_PINS.chargerStatus, 1);
    this.#update();
    this.#schedule();
  }

  /** True state of charge, % (what a perfect gauge would say). */
  get soc(): number {
    return this.#soc;
  }

  /** Pack current, A: positive discharging. */
  get currentA(): number {
    return this.#currentA;
  }

  get docked(): boolean {
    return this.#dock.closed;
  }

  /** The terminal voltage now. */
  get packVolts(): number {
    const { pack } = this.#o;
    return cellVoltsAtSoc(pack.curve, this.#soc) * pack.cellsInSeries - this.#currentA * pack.internalOhms;
  }

  get charging(): boolean {
    return this.docked && this.#soc < 100;
  }

  dock(): void {
    this.#dock.close();
    this.#update();
  }

  undock(): void {
    this.#dock.open();
    this.#update();
  }

  /** The cart's draw changes (screen dimmed, cameras off while parked). */
  setLoad(amps: number): void {
    if (!(amps >= 0 && amps < 50)) throw new RangeError(`load must be 0-50 A, not ${amps}`);
    this.#loadA = amps;
    this.#update();
  }

  /** The A0 sense wire comes loose (reads 0 V) or is fixed. */
  cutSenseWire(cut: boolean): void {
    this.#senseWireCut = cut;
  }

  stop(): void {
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    const stepMs = this.#o.stepMs ?? 1000;
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#soc = Math.min(100, Math.max(0, this.#soc - ((this.#currentA * stepMs) / 3_600_000 / this.#o.pack.capacityAh) * 100));
      this.#update();
      this.#schedule();
    }, stepMs);
  }

  #update(): void {
    let chargeA = 0;
    if (this.charging) {
      const limit = this.#o.chargeA ?? 6;
      chargeA = this.#soc < TAPER_FROM_SOC ? limit : Math.max(limit * ((100 - this.#soc) / (100 - TAPER_FROM_SOC)), this.#o.pack.capacityAh / 20);
    }
    // On the dock the charger feeds the cart and the pack; off it, the pack feeds the cart.
    this.#currentA = this.#loadA - (this.docked ? this.#loadA + chargeA : 0);
    this.#o.board.setDigitalInput(CART_PINS.chargerStatus, this.charging ? 0 : 1);
  }

  #noisyCounts(volts: number): number {
    const counts = (volts / BOARD_ADC.referenceVolts) * BOARD_ADC.maxCount + (this.#o.adcNoiseCounts ?? 0.7) * this.#o.random.normal();
    return Math.min(BOARD_ADC.maxCount, Math.max(0, Math.round(counts)));
  }

  #voltageCounts(): number {
    if (this.#senseWireCut) return 0;
    return this.#noisyCounts((this.packVolts * PACK_DIVIDER.bottomOhms) / (PACK_DIVIDER.topOhms + PACK_DIVIDER.bottomOhms));
  }

  #currentCounts(): number {
    return this.#noisyCounts(ACS712_05B_ON_A1.zeroVolts + ACS712_05B_ON_A1.voltsPerAmp * this.#currentA);
  }
}
