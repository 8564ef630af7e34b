// The emulated cart's motion sensor: the cart's motion (pushes, vibration, turns) read as an
// accelerometer and gyro would read it, through the real moving/still detector, with the events
// of the johnny-five Motion part.
import { EventEmitter } from 'node:events';
import { MotionDetector } from '../../../hardware/common/motion/motion-detector.js';
import type { MotionEvents } from '../../../hardware/node/motion/motion.js';
import type { CartMotion } from '../../../hardware/node/virtual-devices/cart-motion.js';
import type { MotionPort } from '../runtime/hardware-link.js';

export class VirtualMotion extends EventEmitter<MotionEvents> implements MotionPort {
  readonly #motion: CartMotion;
  readonly #detector = new MotionDetector();

  constructor(motion: CartMotion) {
    super();
    this.#motion = motion;
  }

  get moving(): boolean {
    return this.#detector.moving;
  }

  /** Takes one accelerometer and gyro reading at time `at`. */
  sample(at: number): void {
    const changed = this.#detector.push(at, { accel: this.#motion.accelerationAt(at), gyro: this.#motion.rotationAt(at) });
    if (changed) this.emit(changed, at);
  }
}
