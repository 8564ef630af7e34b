import type { SimulatedClock } from '../../../../domain/common/clock.js';
import { createBoard, openFirmata, whenReady, type JohnnyFiveBoard } from '../../../../hardware/node/johnny-five.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';
import { drain, run } from '../virtual-board/settle.js';

/** A virtual Uno with johnny-five attached through the real firmata package, ready to use. */
export async function readyCartBoard(clock: SimulatedClock, wire?: (board: VirtualBoard) => void): Promise<{ virtual: VirtualBoard; board: JohnnyFiveBoard }> {
  const virtual = new VirtualBoard({ clock });
  wire?.(virtual);
  const board = createBoard(openFirmata(virtual.port, { reportVersionTimeout: 100 }));
  const ready = whenReady(board);
  await run(clock, 100);
  await ready;
  await drain();
  return { virtual, board };
}

export { drain, run };
