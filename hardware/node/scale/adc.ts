import type { Clock } from '../../../domain/common/clock.js';
import type { Result } from '../../../domain/common/result.js';
import type { HardwareFaultCode } from '../../common/faults.js';
import type { FirmataIo } from '../johnny-five.js';
import type { I2cErrorMonitor } from './i2c-error-monitor.js';
import { i2cReplyEvent } from './i2c-error-monitor.js';

/** What a controller is handed to talk to its chip: johnny-five's io and nothing else. */
export interface AdcSession {
  readonly io: FirmataIo;
  readonly address: number;
  readonly clock: Clock;
  readonly gain: number;
  readonly samplesPerSecond: number;
  readonly errors: I2cErrorMonitor;
}

/** One reply of the continuous read: a conversion result, or a read the bus reported as failed. */
export type AdcReply = { readonly ok: true; readonly counts: number } | { readonly ok: false };

export interface AdcStartFailure {
  readonly code: HardwareFaultCode;
  readonly message: string;
}

/**
 * One load-cell ADC part. The Scale holds everything that is not about the chip (calibration,
 * faults, weight processing); a controller only brings its chip up and turns its replies into
 * signed counts. Another ADC (HX711 behind an I2C bridge, ADS1232) is another entry here.
 */
export interface AdcController {
  readonly part: string;
  readonly defaultAddress: number;
  readonly gains: readonly number[];
  readonly samplesPerSecond: readonly number[];
  /** The converter's rails: a result on one means the input is out of range. */
  readonly minCounts: number;
  readonly maxCounts: number;
  /** Resets and configures the chip, then starts continuous reading; `onReply` gets every reply. */
  start(session: AdcSession, onReply: (reply: AdcReply) => void): Promise<Result<void, AdcStartFailure>>;
  /** Stops the continuous read and drops the reply listener. */
  stop(session: AdcSession): void;
}

/**
 * One register read that gives up after `timeoutMs` (the board may be gone, and firmata.js would
 * keep the listener forever). Resolves to the bytes, or undefined when the read failed or timed out.
 */
export function readRegister(session: AdcSession, register: number, length: number, timeoutMs = 100): Promise<number[] | undefined> {
  const { io, address, clock, errors } = session;
  return new Promise((resolve) => {
    const timer = clock.setTimeout(() => {
      io.off(i2cReplyEvent(address, register), onReply);
      resolve(undefined);
    }, timeoutMs);
    const onReply = (bytes: number[]): void => {
      clock.clearTimeout(timer);
      resolve(errors.takeFailure(address, register) || bytes.length < length ? undefined : bytes);
    };
    io.i2cReadOnce(address, register, length, onReply);
  });
}

/** Waits `ms` on the session's clock. */
export function pause(session: AdcSession, ms: number): Promise<void> {
  return new Promise((resolve) => session.clock.setTimeout(resolve, ms));
}
