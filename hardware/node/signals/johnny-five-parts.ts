/**
 * Typed faces for the johnny-five components the battery and light drivers use (Sensor,
 * Led.RGB). hardware/node/johnny-five.ts types the board and IMU; these follow its pattern and
 * could move there.
 *
 * johnny-five runs its own event timers (Sensor's sampling interval) on the wall clock. The
 * cart's drivers read the components' state and do their timing on the injected clock instead,
 * so emulation and tests stay deterministic. Buttons are read from the pin directly
 * (debounced-input.ts): johnny-five's Button starts a hold interval it cannot be made to stop.
 */
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { JohnnyFiveBoard } from '../johnny-five.js';

/** johnny-five's Sensor on an analog pin; `pin` is the analog channel (A0 → 0). */
export interface JohnnyFiveSensor extends EventEmitter {
  readonly pin: number;
  disable(): void;
}

export interface RgbColor {
  readonly red: number;
  readonly green: number;
  readonly blue: number;
}

/** johnny-five's Led.RGB: three PWM pins, `color` writes all three at once. */
export interface JohnnyFiveRgbLed {
  color(color: RgbColor): void;
  off(): void;
}

interface PartsModule {
  Sensor: new (options: { pin: string; board: JohnnyFiveBoard; freq: number }) => JohnnyFiveSensor;
  Led: { RGB: new (options: { pins: { red: number; green: number; blue: number }; board: JohnnyFiveBoard; isAnode: boolean }) => JohnnyFiveRgbLed };
}

const five = createRequire(import.meta.url)('johnny-five') as PartsModule;

/** An analog input with johnny-five's own sampling timer switched off. */
export function createAnalogSensor(board: JohnnyFiveBoard, pin: string): JohnnyFiveSensor {
  const sensor = new five.Sensor({ pin, board, freq: 1000 });
  sensor.disable();
  return sensor;
}

export function createRgbLed(board: JohnnyFiveBoard, pins: { red: number; green: number; blue: number }, isAnode = false): JohnnyFiveRgbLed {
  return new five.Led.RGB({ pins, board, isAnode });
}
