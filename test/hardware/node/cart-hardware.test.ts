import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import type { WeightStep } from '../../../hardware/common/weight/types.js';
import { CartHardware } from '../../../hardware/node/cart-hardware.js';
import { createBoard, openFirmata, whenReady } from '../../../hardware/node/johnny-five.js';
import { REFERENCE_PACK } from '../../../hardware/node/power/pack.js';
import { VirtualCart } from '../../../hardware/node/virtual-devices/virtual-cart.js';
import { run } from './virtual-board/settle.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/open-close-cart.ts', import.meta.url));

describe('the whole cart hardware on the virtual cart', () => {
  it('lets Node exit by itself once the cart is closed (no johnny-five timer left running)', async () => {
    const result = await new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
      // The child's own clock is simulated; the limit is only for a child that would never end.
      const child = execFile(process.execPath, ['--import', 'tsx', FIXTURE], { timeout: 20_000 }, (_error, stdout) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout });
      });
    });
    expect(result.stdout).toContain('closed');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  }, 30_000);

  it('holds weight decisions while the motion sensor says the cart moves, and weighs once it is still', async () => {
    const clock = new SimulatedClock(1_700_000_000_000);
    const cart = new VirtualCart({ clock, random: seededRandom(4) });
    const board = createBoard(openFirmata(cart.board.port, { reportVersionTimeout: 100 }));
    const ready = whenReady(board);
    await run(clock, 100);
    await ready;
    const hardware = new CartHardware({ board, clock, pack: REFERENCE_PACK });
    const steps: WeightStep[] = [];
    hardware.scale.on('step', (s) => steps.push(s));
    await run(clock, 2000);
    expect(hardware.motion.moving).toBe(false);
    cart.motion.push(1);
    await run(clock, 1500);
    expect(hardware.motion.moving).toBe(true);
    cart.basket.physics.place(400, { how: 'dropped' });
    await run(clock, 3000);
    expect(steps).toEqual([]);
    cart.motion.stop();
    await run(clock, 3000);
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 400)).toBeLessThan(2);
    expect(hardware.light.signal).toBe('ok');
    hardware.close();
    hardware.close();
    cart.stop();
  });
});
