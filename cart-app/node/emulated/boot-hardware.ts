// Starts the emulated cart's hardware as a real cart starts its own: firmata opens the board's
// serial port, johnny-five waits for the board, CartHardware brings up every driver (the scale's
// NAU7802 controller, the MPU6050, the battery monitor, the pole light with the hardware's
// faults bound to it, the buzzer and the buttons), and once the motion sensor has proven the cart
// still, the empty basket is tared. Only the serial port is virtual.
//
// A basket that will not tare (still moving after its tries, or noisier than the scale's capture
// band allows; see hardware/node/scale/capture-band.ts) is not a reason to refuse to start: weight decisions are made on steps, which need
// no zero, so the cart carries on untared and says so.
import type { Clock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { CartHardware } from '../../../hardware/node/cart-hardware.js';
import { createBoard, openFirmata, whenReady } from '../../../hardware/node/johnny-five.js';
import { REFERENCE_PACK } from '../../../hardware/node/power/pack.js';
import type { CartBody } from './cart-body.js';

export class HardwareStartError extends Error {
  override readonly name = 'HardwareStartError';
  constructor(
    readonly code: 'board-silent' | 'scale-silent' | 'never-still',
    message: string,
  ) {
    super(message);
  }
}

export interface BootOptions {
  readonly clock: Clock;
  /** Expected noise of one scale sample, grams; sets the scale's stability bands. */
  readonly scaleNoiseGrams: number;
  readonly warn?: (message: string) => void;
}

/** Simulated time the board, the scale and the motion sensor each get to come up. */
const LIMIT_MS = 5000;
const POLL_MS = 10;
/** A tare wants a still basket; the first try may meet the last of the cart's settling. */
const TARE_TRIES = 3;

/** Moves the body's time on until `done` says so, up to `limitMs`; whether it did. */
async function until(body: CartBody, done: () => boolean, limitMs = LIMIT_MS): Promise<boolean> {
  for (let waited = 0; !done() && waited < limitMs; waited += POLL_MS) await body.advance(POLL_MS);
  return done();
}

/** The outcome of `promise` once the body's time has moved on far enough, or undefined after `limitMs`. */
async function settle<T>(body: CartBody, promise: Promise<T>, limitMs = LIMIT_MS): Promise<{ value: T } | { error: unknown } | undefined> {
  let outcome: { value: T } | { error: unknown } | undefined;
  promise.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  await until(body, () => outcome !== undefined, limitMs);
  return outcome;
}

export async function bootCartHardware(body: CartBody, options: BootOptions): Promise<Result<CartHardware, HardwareStartError>> {
  const { clock } = options;
  // Ask for the version if the board has not announced itself within 100 ms (wall clock, firmata's own timer).
  const board = createBoard(openFirmata(body.port, { reportVersionTimeout: 100 }));
  const ready = await settle(body, whenReady(board));
  if (!ready || 'error' in ready) {
    const why = ready ? `: ${ready.error instanceof Error ? ready.error.message : String(ready.error)}` : '';
    return err(new HardwareStartError('board-silent', `the cart's board never became ready${why}`));
  }
  // A lane-strip switch for each pole is fitted: the virtual store front tapes its lanes' mouths
  // north pole up at odd lanes and south pole up at even ones.
  const hardware = new CartHardware({ board, clock, pack: REFERENCE_PACK, scale: { noiseGrams: Math.max(1, options.scaleNoiseGrams) }, laneStrip: 'both-poles' });
  const fail = (code: HardwareStartError['code'], message: string): Result<CartHardware, HardwareStartError> => {
    hardware.close();
    return err(new HardwareStartError(code, message));
  };
  let scaleReady = false;
  hardware.scale.once('ready', () => (scaleReady = true));
  if (!(await until(body, () => scaleReady))) return fail('scale-silent', `the scale never came up: ${hardware.scale.faults[0]?.message ?? 'no answer'}`);
  if (!(await until(body, () => !hardware.motion.moving))) return fail('never-still', 'the motion sensor never found the cart still');
  let why = '';
  for (let tries = 0; tries < TARE_TRIES; tries++) {
    const tared = await settle(body, hardware.scale.tare());
    // A tare restarts the step detector: the cart is ready once it has a settled reading again.
    if (tared && 'value' in tared && tared.value.ok) {
      await until(body, () => hardware.scale.reading !== undefined);
      return ok(hardware);
    }
    why = tared && 'value' in tared && !tared.value.ok ? tared.value.error.message : 'the scale sent nothing';
  }
  options.warn?.(`the empty basket could not be tared (${why}); the scale reads the basket's own mass too, and steps are weighed as usual`);
  return ok(hardware);
}
