import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import { ActiveFaults, type FaultCleared, type HardwareFault } from '../../common/faults.js';
import { BOARD_ADC, CART_PINS, PACK_DIVIDER } from '../../common/pin-map.js';
import { onBoardReboot, type JohnnyFiveBoard } from '../johnny-five.js';
import { DebouncedInput } from '../signals/debounced-input.js';
import { createAnalogSensor } from '../signals/johnny-five-parts.js';
import { LevelAlarm, type BatteryLevel, type LevelThresholds } from './level-alarm.js';
import type { PackSpec } from './pack.js';
import { SocEstimator } from './soc-estimator.js';

/** A Hall-effect current sensor on an analog pin (ACS712-05B: 2.5 V at 0 A, 185 mV per A). */
export interface CurrentSensorSpec {
  readonly pin: string;
  readonly zeroVolts: number;
  readonly voltsPerAmp: number;
}

export const ACS712_05B_ON_A1: CurrentSensorSpec = { pin: CART_PINS.packCurrent, zeroVolts: 2.5, voltsPerAmp: 0.185 };

export interface BatteryMonitorOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  readonly pack: PackSpec;
  /** Where a current sensor is fitted (coulomb counting); voltage only without. */
  readonly current?: CurrentSensorSpec;
  /** Read the charger's STAT pin (active low while charging); without it, docked means charging. */
  readonly chargerStatus?: boolean;
  /** How often a reading is taken, ms (default 1 s). */
  readonly sampleMs?: number;
  /** No analog report for this long: a `no-answer` fault (default 3 s). */
  readonly noAnswerMs?: number;
  readonly thresholds?: LevelThresholds;
}

export interface BatteryReading {
  readonly packVolts: number;
  /** Positive discharging, negative charging; absent without a current sensor. */
  readonly currentA?: number;
  /** State of charge, 0-100 %. */
  readonly soc: number;
  readonly level: BatteryLevel;
  readonly docked: boolean;
  readonly charging: boolean;
  readonly at: number;
}

export interface BatteryMonitorEventMap {
  reading: [BatteryReading];
  /** The level changed: 'low' at 20 %, 'critical' at 10 %, 'ok' once recovered (with hysteresis). */
  level: [BatteryLevel, BatteryReading];
  dock: [{ docked: boolean; at: number }];
  fault: [HardwareFault];
  'fault-cleared': [FaultCleared];
}

/** Collects one analog channel's reports (every ~19 ms from StandardFirmata) between readings. */
class AnalogChannel {
  samples: number[] = [];
  lastAt = -Infinity;
  readonly #board: JohnnyFiveBoard;
  readonly #event: string;
  readonly #onValue: (value: number) => void;
  readonly #stopFollowingReboots: () => void;
  constructor(board: JohnnyFiveBoard, pin: string, clock: Clock) {
    const sensor = createAnalogSensor(board, pin);
    this.#board = board;
    this.#event = `analog-read-${sensor.pin}`;
    this.#onValue = (value) => {
      this.samples.push(value);
      this.lastAt = clock.now();
    };
    board.io.on(this.#event, this.#onValue);
    // A rebooted board stops reporting the pin until asked again (analog pins boot in analog mode).
    this.#stopFollowingReboots = onBoardReboot(board, () => board.io.reportAnalogPin(sensor.pin, 1));
  }

  close(): void {
    this.#board.io.off(this.#event, this.#onValue);
    this.#stopFollowingReboots();
  }

  /** Median of the samples since the last call (robust to a spike), or undefined if none came. */
  take(): number | undefined {
    const s = this.samples.sort((a, b) => a - b);
    this.samples = [];
    if (s.length === 0) return undefined;
    return s[Math.floor(s.length / 2)];
  }
}

const countsToVolts = (counts: number): number => (counts / BOARD_ADC.maxCount) * BOARD_ADC.referenceVolts;

/**
 * The pack and the dock, read through johnny-five: pack voltage on A0 through a divider,
 * current on A1 where fitted, dock contacts and the charger's status on digital pins. Emits a
 * reading every second, low/critical level changes with hysteresis, and dock changes. An
 * impossible voltage (a cut sense wire reads 0 V) or silence from the board is a fault, not a
 * flat battery: the level is held until readings make sense again.
 */
export class BatteryMonitor {
  readonly #o: BatteryMonitorOptions;
  readonly #events = new EventEmitter<BatteryMonitorEventMap>();
  readonly #voltage: AnalogChannel;
  readonly #current: AnalogChannel | undefined;
  readonly #dock: DebouncedInput;
  readonly #charger: DebouncedInput | undefined;
  readonly #estimator: SocEstimator;
  readonly #alarm: LevelAlarm;
  readonly #faults: ActiveFaults;
  readonly #startedAt: number;
  #timer: TimerHandle | undefined;
  #last: BatteryReading | undefined;
  #wasCharging = false;

  constructor(options: BatteryMonitorOptions) {
    this.#o = options;
    const { board, clock } = options;
    this.#voltage = new AnalogChannel(board, CART_PINS.packVoltage, clock);
    this.#current = options.current ? new AnalogChannel(board, options.current.pin, clock) : undefined;
    // Contacts chatter as the cart rolls onto the dock.
    this.#dock = new DebouncedInput({ board, clock, pin: CART_PINS.dockContact, debounceMs: 200 });
    this.#dock.on('press', ({ at }) => this.#emit('dock', { docked: true, at }));
    this.#dock.on('release', ({ at }) => this.#emit('dock', { docked: false, at }));
    this.#charger = options.chargerStatus ? new DebouncedInput({ board, clock, pin: CART_PINS.chargerStatus, debounceMs: 100 }) : undefined;
    this.#estimator = new SocEstimator(options.pack);
    this.#alarm = new LevelAlarm(options.thresholds);
    this.#faults = new ActiveFaults('battery', (f) => this.#emit('fault', f), (c) => this.#emit('fault-cleared', c));
    this.#startedAt = clock.now();
    this.#schedule();
  }

  /** The latest reading, once there is one. */
  get reading(): BatteryReading | undefined {
    return this.#last;
  }

  get faults(): readonly HardwareFault[] {
    return this.#faults.list();
  }

  on<E extends keyof BatteryMonitorEventMap>(event: E, listener: (...args: BatteryMonitorEventMap[E]) => void): this {
    (this.#events.on as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  off<E extends keyof BatteryMonitorEventMap>(event: E, listener: (...args: BatteryMonitorEventMap[E]) => void): this {
    (this.#events.off as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  close(): void {
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#voltage.close();
    this.#current?.close();
    this.#dock.close();
    this.#charger?.close();
  }

  #emit<E extends keyof BatteryMonitorEventMap>(event: E, ...args: BatteryMonitorEventMap[E]): void {
    (this.#events.emit as (e: E, ...a: BatteryMonitorEventMap[E]) => boolean)(event, ...args);
  }

  #schedule(): void {
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#sample();
      this.#schedule();
    }, this.#o.sampleMs ?? 1000);
  }

  #sample(): void {
    const at = this.#o.clock.now();
    const { pack } = this.#o;
    const counts = this.#voltage.take();
    const silentFor = at - Math.max(this.#voltage.lastAt, this.#startedAt);
    if (counts === undefined) {
      if (silentFor >= (this.#o.noAnswerMs ?? 3000)) this.#faults.raise('no-answer', `no pack-voltage reading for ${Math.round(silentFor / 1000)} s: is the board connected?`, at);
      return;
    }
    this.#faults.clear('no-answer', at);
    const packVolts = countsToVolts(counts) * ((PACK_DIVIDER.topOhms + PACK_DIVIDER.bottomOhms) / PACK_DIVIDER.bottomOhms);
    // A pack below its BMS cut-off cannot be running the cart; one above its charge voltage is
    // not this pack. Either way the wire or divider is wrong, and the gauge must not guess.
    const lowest = pack.curve.cutoffVolts * pack.cellsInSeries * 0.9;
    const highest = pack.curve.chargeVolts * pack.cellsInSeries * 1.1;
    if (packVolts < lowest || packVolts > highest) {
      this.#faults.raise('out-of-range', `pack voltage reads ${packVolts.toFixed(2)} V, outside ${lowest.toFixed(1)}-${highest.toFixed(1)} V: check the sense wire and divider on ${CART_PINS.packVoltage}`, at);
      return;
    }
    this.#faults.clear('out-of-range', at);

    const currentCounts = this.#current?.take();
    const spec = this.#o.current;
    const currentA = spec && currentCounts !== undefined ? (countsToVolts(currentCounts) - spec.zeroVolts) / spec.voltsPerAmp : undefined;
    const docked = this.#dock.isDown;
    const charging = docked && (this.#charger ? this.#charger.isDown : currentA === undefined || currentA < -0.05);
    // The charger ending its cycle on the dock is the surest "full" there is.
    if (this.#wasCharging && !charging && docked && this.#charger) this.#estimator.markFull(at);
    this.#wasCharging = charging;
    const soc = this.#estimator.update({ packVolts, ...(currentA !== undefined ? { currentA } : {}), atMs: at });
    const changed = this.#alarm.update(soc);
    const reading: BatteryReading = { packVolts, ...(currentA !== undefined ? { currentA } : {}), soc, level: this.#alarm.level, docked, charging, at };
    this.#last = reading;
    this.#emit('reading', reading);
    if (changed) this.#emit('level', changed, reading);
  }
}
