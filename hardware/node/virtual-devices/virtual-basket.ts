import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { LoadCellSet } from '../../common/load-cells.js';
import { BASKET_CELLS, bridgeRatio } from '../../common/load-cells.js';
import { NAU7802_ADDRESS } from '../../common/nau7802.js';
import type { VirtualBoard } from '../virtual-board/virtual-board.js';
import type { BasketPhysicsOptions } from './basket-physics.js';
import { BasketPhysics } from './basket-physics.js';
import type { CartMotion } from './cart-motion.js';
import { VirtualNau7802 } from './nau7802.js';

export interface VirtualBasket {
  readonly physics: BasketPhysics;
  readonly adc: VirtualNau7802;
}

/**
 * The emulated cart's basket: the physical model on four load cells, wired into a NAU7802 at its
 * real address on the board's I2C bus. Shares the cart's motion, so pushing shakes the basket.
 */
export function attachVirtualBasket(
  board: VirtualBoard,
  options: { readonly clock: Clock; readonly random: Random; readonly motion?: CartMotion; readonly cells?: LoadCellSet } & Partial<
    Omit<BasketPhysicsOptions, 'clock' | 'random' | 'motion'>
  >,
): VirtualBasket {
  const cells = options.cells ?? BASKET_CELLS;
  const physics = new BasketPhysics({ ...options, random: options.random.fork() });
  const adc = new VirtualNau7802({
    clock: options.clock,
    random: options.random.fork(),
    input: (t) => bridgeRatio(cells, physics.sampleGrams(t)),
  });
  board.attachI2c(NAU7802_ADDRESS, adc);
  return { physics, adc };
}
