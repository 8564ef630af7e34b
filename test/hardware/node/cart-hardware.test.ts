import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { WeightStep } from '../../../hardware/common/weight/types.js';
import { openVirtualCartHardware } from './fixtures/virtual-cart-hardware.js';
import { run } from './virtual-board/settle.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Runs a fixture in a child process until it ends by itself (or is killed for never ending). */
function runChild(file: string): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    // The child's own clock is simulated; the limit is only for a child that would never end.
    const child = execFile(process.execPath, ['--import', 'tsx', file], { timeout: 20_000 }, (_error, stdout) => {
      resolve({ code: child.exitCode, signal: child.signalCode, stdout });
    });
  });
}

describe('the whole cart hardware on the virtual cart', () => {
  it('lets Node exit by itself once the cart is closed (no johnny-five timer left running)', async () => {
    const result = await runChild(fixture('open-close-cart.ts'));
    expect(result.stdout).toContain('closed');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  }, 30_000);

  it('lets Node exit when the cart is closed while the help button is held down', async () => {
    const result = await runChild(fixture('close-with-help-held.ts'));
    expect(result.stdout).toContain('help down after 1 press(es)');
    expect(result.stdout).toContain('closed');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  }, 30_000);

  it('holds weight decisions while the motion sensor says the cart moves, and weighs once it is still', async () => {
    const { clock, cart, hardware } = await openVirtualCartHardware(4);
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
