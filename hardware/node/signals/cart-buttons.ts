import type { Clock } from '../../../domain/common/clock.js';
import { CART_PINS } from '../../common/pin-map.js';
import type { JohnnyFiveBoard } from '../johnny-five.js';
import { DebouncedInput } from './debounced-input.js';

export interface CartButtons {
  /** The shopper's help button: `press` asks for help; `hold` (3 s) takes the request back. */
  readonly help: DebouncedInput;
  /** The staff key switch: `press` when turned to staff mode, `release` when turned back. */
  readonly staffKey: DebouncedInput;
}

/** The cart's two inputs on their pins (see hardware/common/pin-map.ts). */
export function cartButtons(board: JohnnyFiveBoard, clock: Clock): CartButtons {
  return {
    help: new DebouncedInput({ board, clock, pin: CART_PINS.helpButton, debounceMs: 30, holdMs: 3000 }),
    // A key switch is turned slowly and wipes as it turns: a longer settle time.
    staffKey: new DebouncedInput({ board, clock, pin: CART_PINS.staffKey, debounceMs: 80 }),
  };
}
