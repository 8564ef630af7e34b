/**
 * A typed facade over johnny-five and firmata, which ship no TypeScript types. It names exactly
 * the members the cart's drivers use; everything johnny-five returns is typed here, so no `any`
 * leaks into the drivers.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';

/** Bytes of one I2C reply, each 0-255. */
export type I2cReplyHandler = (bytes: number[]) => void;

export interface FirmataPin {
  readonly supportedModes: readonly number[];
  readonly mode?: number;
  readonly value?: number;
  readonly analogChannel: number;
}

/** The Firmata client (firmata.js `Board`), johnny-five's `board.io`. */
export interface FirmataIo extends EventEmitter {
  readonly isReady: boolean;
  readonly name: string;
  readonly MODES: Readonly<Record<'INPUT' | 'OUTPUT' | 'ANALOG' | 'PWM' | 'SERVO' | 'I2C' | 'PULLUP', number>>;
  readonly pins: readonly FirmataPin[];
  readonly analogPins: readonly number[];
  readonly firmware: { readonly name?: string; readonly version?: { readonly major: number; readonly minor: number } };
  readonly version: { readonly major?: number; readonly minor?: number };
  pinMode(pin: number, mode: number): void;
  digitalWrite(pin: number, value: 0 | 1): void;
  digitalRead(pin: number, callback: (value: 0 | 1) => void): void;
  analogRead(pin: number, callback: (value: number) => void): void;
  pwmWrite(pin: number, value: number): void;
  setSamplingInterval(ms: number): void;
  reportDigitalPin(pin: number, value: 0 | 1): void;
  /** `channel` is the analog channel (A0 → 0). */
  reportAnalogPin(channel: number, value: 0 | 1): void;
  queryPinState(pin: number, callback: () => void): void;
  i2cConfig(options: { readonly address?: number; readonly delay?: number }): FirmataIo;
  i2cWrite(address: number, bytes: number[]): FirmataIo;
  i2cWriteReg(address: number, register: number, value: number): FirmataIo;
  i2cRead(address: number, register: number, length: number, callback: I2cReplyHandler): FirmataIo;
  i2cReadOnce(address: number, register: number, length: number, callback: I2cReplyHandler): FirmataIo;
  i2cStop(options: { readonly address: number }): void;
}

export interface FirmataOptions {
  /** Ms to wait for the board's own version report before asking for it (default 5000). */
  readonly reportVersionTimeout?: number;
  /** Skip the capability and analog-mapping queries (faster start, Uno defaults assumed). */
  readonly skipCapabilities?: boolean;
  /** Sampling interval to set right after the handshake, in ms. */
  readonly samplingInterval?: number;
}

/** A johnny-five Board around an io. */
export interface JohnnyFiveBoard extends EventEmitter {
  readonly io: FirmataIo;
  readonly isReady: boolean;
}

export interface Axes {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** johnny-five's Accelerometer: x/y/z in g (a 5-sample moving average), 'data' on every reading. */
export interface JohnnyFiveAccelerometer extends EventEmitter, Axes {
  readonly acceleration: number;
}

/** johnny-five's Gyro: `rate` in degrees per second about each axis, after its 100-sample zero. */
export interface JohnnyFiveGyro extends EventEmitter {
  readonly isCalibrated: boolean;
  readonly rate: Axes;
}

export interface JohnnyFiveImu extends EventEmitter {
  readonly accelerometer: JohnnyFiveAccelerometer;
  readonly gyro: JohnnyFiveGyro;
}

interface FirmataConstructor {
  new (port: Duplex, options?: FirmataOptions): FirmataIo;
}

interface JohnnyFiveModule {
  Board: new (options: { io: FirmataIo; repl: false; debug: false; sigint: false; timeout?: number }) => JohnnyFiveBoard;
  IMU: new (options: { controller: 'MPU6050'; board: JohnnyFiveBoard; address?: number; freq?: number }) => JohnnyFiveImu;
}

const require = createRequire(import.meta.url);
const Firmata = require('firmata') as FirmataConstructor;
const five = require('johnny-five') as JohnnyFiveModule;

/** Opens a Firmata client over a serial port (a node-serialport port or the virtual board's). */
export function openFirmata(port: Duplex, options: FirmataOptions = {}): FirmataIo {
  return new Firmata(port, options);
}

/**
 * Wraps an io in a johnny-five Board: no REPL, no console chatter, no SIGINT handler of its own
 * (the cart runtime owns process shutdown).
 */
export function createBoard(io: FirmataIo): JohnnyFiveBoard {
  return new five.Board({ io, repl: false, debug: false, sigint: false });
}

/** Resolves when the board is ready; rejects on its first error before that. */
export function whenReady(board: JohnnyFiveBoard): Promise<void> {
  if (board.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onError = (e: unknown): void => reject(e instanceof Error ? e : new Error(String(e)));
    board.once('error', onError);
    board.once('ready', () => {
      board.off('error', onError);
      resolve();
    });
  });
}

/**
 * Calls `setup` each time the board reboots (unplugged and plugged back, reset) after it was
 * ready: the firmware has forgotten every pin mode, PWM value and report, and johnny-five's
 * components set theirs up only once. Returns the function that stops following reboots.
 */
export function onBoardReboot(board: JohnnyFiveBoard, setup: () => void): () => void {
  board.io.on('reportversion', setup);
  return () => board.io.off('reportversion', setup);
}

/** An IMU and the wall-clock timers johnny-five started for it, which only `dispose` stops. */
export interface OwnedImu {
  readonly imu: JohnnyFiveImu;
  dispose(): void;
}

/**
 * johnny-five's IMU with the MPU6050 controller (accelerometer, gyro, thermometer).
 *
 * Its constructor starts two `setInterval`s of its own (the IMU re-emitting its state every
 * `freq` ms, the thermometer likewise) and keeps no handle to the first: nothing in johnny-five
 * stops them, so a closed cart would keep Node running forever. They are caught while the
 * constructor runs (it is synchronous), unref'd at once so they never hold the process open,
 * and cleared by `dispose`.
 */
export function createMpu6050(board: JohnnyFiveBoard, options: { address?: number; freq?: number } = {}): OwnedImu {
  const started: ReturnType<typeof setInterval>[] = [];
  const original = globalThis.setInterval;
  const capturing = ((...args: Parameters<typeof setInterval>) => {
    const handle = original(...args);
    started.push(handle);
    return handle;
  }) as typeof setInterval;
  globalThis.setInterval = capturing;
  let imu: JohnnyFiveImu;
  try {
    imu = new five.IMU({ controller: 'MPU6050', board, ...options });
  } finally {
    globalThis.setInterval = original;
  }
  for (const handle of started) handle.unref();
  return {
    imu,
    dispose() {
      for (const handle of started.splice(0)) clearInterval(handle);
    },
  };
}
