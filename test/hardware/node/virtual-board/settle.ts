import type { SimulatedClock } from '../../../../domain/common/clock.js';

/** Lets queued stream ticks and promise callbacks run (the serial link delivers on the next tick). */
export async function drain(rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Advances simulated time in steps, letting the wire deliver between steps. */
export async function run(clock: SimulatedClock, ms: number, stepMs = 5): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t));
    await drain(2);
  }
}
