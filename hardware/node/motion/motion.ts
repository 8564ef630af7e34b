import { EventEmitter } from 'node:events';
import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { FaultCleared, HardwareFault } from '../../common/faults.js';
import { ActiveFaults } from '../../common/faults.js';
import type { MotionDetectorOptions } from '../../common/motion/motion-detector.js';
import { MotionDetector } from '../../common/motion/motion-detector.js';
import type { JohnnyFiveBoard, JohnnyFiveImu, OwnedImu } from '../johnny-five.js';
import { createMpu6050 } from '../johnny-five.js';
import { I2cErrorMonitor } from '../scale/i2c-error-monitor.js';

export interface MotionOptions {
  readonly board: JohnnyFiveBoard;
  readonly clock: Clock;
  /** 0x68 (AD0 low, the default) or 0x69. */
  readonly address?: number;
  readonly detector?: MotionDetectorOptions;
}

export interface MotionEvents {
  moving: [number];
  still: [number];
  fault: [HardwareFault];
  'fault-cleared': [FaultCleared];
}

/** The MPU-6050's data registers, and the write that wakes it (PWR_MGMT_1 = 0), as johnny-five's driver uses them. */
const DATA_REGISTER = 0x3b;
const DATA_LENGTH = 14;
const WAKE: readonly number[] = [0x6b, 0x00];
/** johnny-five's IMU re-emits its state on wall-clock timers; keep them idle (they are stopped on close). */
const IDLE_IMU_FREQ_MS = 1_000_000_000;

/**
 * Whether the cart is moving, from the MPU-6050 through johnny-five's IMU (controller MPU6050).
 * Weight decisions wait for `still`. Until the sensor has proven the cart still — and whenever the
 * sensor is faulty — it says moving, so the scale never trusts a reading it cannot vouch for.
 * The IMU's readings arrive with each I2C reply (the board's sampling interval), not on the IMU's
 * own timer. After a board reboot the chip is asleep and the board has forgotten the continuous
 * read; johnny-five does not redo its setup, so this does (its reply listener is still in place).
 */
export class Motion extends EventEmitter<MotionEvents> {
  readonly #clock: Clock;
  readonly #board: JohnnyFiveBoard;
  readonly #imu: JohnnyFiveImu;
  readonly #ownedImu: OwnedImu;
  readonly #address: number;
  readonly #detector: MotionDetector;
  readonly #errors: I2cErrorMonitor;
  readonly #faults: ActiveFaults;
  #lastDataAt: number;
  #badReplies = 0;
  #watchdog: TimerHandle | undefined;
  #closed = false;
  readonly #noop = (): void => undefined;
  readonly #onAccel = (): void => this.#onData();
  readonly #onReboot = (): void => {
    const io = this.#board.io;
    io.off(`I2C-reply-${this.#address}-${DATA_REGISTER}`, this.#noop);
    io.i2cConfig({ address: this.#address });
    io.i2cWrite(this.#address, [...WAKE]);
    io.i2cRead(this.#address, DATA_REGISTER, DATA_LENGTH, this.#noop);
  };

  constructor(options: MotionOptions) {
    super();
    this.#clock = options.clock;
    this.#board = options.board;
    this.#address = options.address ?? 0x68;
    this.#detector = new MotionDetector(options.detector);
    this.#errors = new I2cErrorMonitor(options.board.io);
    this.#faults = new ActiveFaults(
      'motion',
      (f) => this.emit('fault', f),
      (c) => this.emit('fault-cleared', c),
    );
    this.#ownedImu = createMpu6050(options.board, { address: this.#address, freq: IDLE_IMU_FREQ_MS });
    this.#imu = this.#ownedImu.imu;
    this.#imu.accelerometer.on('data', this.#onAccel);
    options.board.io.on('reportversion', this.#onReboot);
    this.#lastDataAt = this.#clock.now();
    this.#armWatchdog();
  }

  /** True while the cart moves, or while the sensor cannot say. */
  get moving(): boolean {
    return this.#detector.moving || this.#faults.any;
  }

  get faults(): HardwareFault[] {
    return this.#faults.list();
  }

  close(): void {
    this.#closed = true;
    if (this.#watchdog) this.#clock.clearTimeout(this.#watchdog);
    this.#board.io.off('reportversion', this.#onReboot);
    this.#imu.accelerometer.off('data', this.#onAccel);
    this.#ownedImu.dispose();
    this.#errors.close();
  }

  #onData(): void {
    const now = this.#clock.now();
    if (this.#errors.takeFailure(this.#address, DATA_REGISTER)) {
      if (++this.#badReplies >= 3) this.#fault(now, 'i2c-error', 'the motion sensor is not answering on the I2C bus');
      return;
    }
    const wasMoving = this.moving;
    this.#badReplies = 0;
    this.#lastDataAt = now;
    this.#faults.clearAllBut([], now);
    const a = this.#imu.accelerometer;
    this.#detector.push(now, { accel: { x: a.x, y: a.y, z: a.z }, gyro: this.#imu.gyro.rate });
    if (this.moving !== wasMoving) this.emit(this.moving ? 'moving' : 'still', now);
  }

  #fault(now: number, code: 'no-answer' | 'i2c-error', message: string): void {
    const wasMoving = this.moving;
    this.#faults.raise(code, message, now);
    if (!wasMoving) this.emit('moving', now);
  }

  #armWatchdog(): void {
    this.#watchdog = this.#clock.setTimeout(() => {
      if (this.#closed) return;
      const now = this.#clock.now();
      if (now - this.#lastDataAt > 500) this.#fault(now, 'no-answer', 'no readings from the motion sensor');
      this.#armWatchdog();
    }, 100);
  }
}
