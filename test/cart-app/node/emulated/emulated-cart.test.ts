// The emulated cart whole, through the real drivers over Firmata to the virtual board: a label
// read by the camera goes into the basket, the scale's steps reach the session, pushing the cart
// holds the scale, a scale whose cable is pulled is a logged fault on the pole light that clears
// by itself, and loss prevention's alerts reach the snapshot, all on a simulated clock.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { laneBeacons, VirtualLanes } from '../../../../cart-app/node/emulated/virtual-lanes.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { demoCatalog } from '../../cart-fixture.js';

const EXIT_FIXTURE = fileURLToPath(new URL('./fixtures/open-close-emulated-cart.ts', import.meta.url));
const dirs: string[] = [];
const carts: EmulatedCart[] = [];
afterEach(() => {
  for (const c of carts.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(seed = 1, scaleNoiseGrams = defaultCartSettings.scaleNoiseGrams, warn?: (m: string) => void): Promise<{ cart: EmulatedCart; clock: SimulatedClock }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulated-'));
  dirs.push(dir);
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-9', settings: { ...defaultCartSettings, seed, scaleNoiseGrams }, shopper: { shopperId: 'ana', member: true }, ...(warn ? { warn } : {}) });
  if (!opened.ok) throw opened.error;
  carts.push(opened.value);
  await opened.value.body.advance(2000);
  return { cart: opened.value, clock };
}

describe('the emulated cart', () => {
  it('scans a shown label, weighs the item put in, and raises nothing for an honest placement', async () => {
    const { cart } = await open();
    const shown = await cart.show({ text: '7350099101014' });
    expect(shown.result).toMatchObject({ ok: true, value: { added: { name: 'Bravo Apple Juice 1 L' } } });
    cart.body.place(1061);
    await cart.body.advance(20_000);
    const steps = cart.runtime.state.weight.steps;
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) - 1_061_000)).toBeLessThan(5000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(cart.lossPrevention.settled).toBe(true);
  });

  it('puts an unscanned item\'s alert in the snapshot, and none while the cart is pushed', async () => {
    const { cart } = await open(2);
    cart.body.push(1);
    cart.body.place(800, { how: 'dropped', heightCm: 10 });
    await cart.body.advance(30_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    cart.body.stop();
    await cart.body.advance(20_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'unscanned-item' })]);
  });

  it('boots through the real drivers: the empty basket tared, the light ok, the battery read', async () => {
    const { cart } = await open();
    const readout = cart.readout();
    expect(readout.light).toBe('ok');
    expect(readout.faults).toEqual([]);
    expect(Math.abs(readout.scale?.milligrams ?? Infinity)).toBeLessThan(2000);
    expect(readout.battery?.soc).toBeGreaterThan(60);
    expect(readout.battery?.soc).toBeLessThan(95);
    expect(cart.hardware.motion.moving).toBe(false);
  });

  it('tares the empty basket even on noisy (2 g) load cells, the band following the noise, and weighs steps', async () => {
    const warnings: string[] = [];
    const { cart } = await open(5, 2, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(Math.abs(cart.readout().scale?.milligrams ?? Infinity)).toBeLessThan(4000);
    cart.body.place(600);
    await cart.body.advance(8000);
    const steps = cart.runtime.state.weight.steps;
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 600)).toBeLessThan(6);
  });

  it('logs a pulled scale cable as a fault on the pole light, takes no steps, and recovers by itself', async () => {
    const { cart } = await open(3);
    cart.body.unplugScale(true);
    await cart.body.advance(1000);
    cart.body.place(500);
    await cart.body.advance(4000);
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toEqual(['scale-no-answer']);
    expect(cart.readout().light).toBe('attention');
    expect(cart.runtime.state.weight.steps).toEqual([]);
    cart.body.unplugScale(false);
    await cart.body.advance(3000);
    expect(cart.runtime.state.faults).toEqual([]);
    expect(cart.readout().light).toBe('ok');
  });

  it('survives the board being unplugged mid-trip and weighs again once it is back', async () => {
    const { cart } = await open(4);
    cart.body.unplugBoard(true);
    await cart.body.advance(2000);
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toContain('scale-disconnected');
    expect(cart.readout().light).toBe('attention');
    cart.body.unplugBoard(false);
    await cart.body.advance(5000);
    expect(cart.runtime.state.faults).toEqual([]);
    cart.body.place(700);
    await cart.body.advance(5000);
    const steps = cart.runtime.state.weight.steps;
    expect(steps).toHaveLength(1);
    expect(Math.abs((steps[0]?.deltaMg ?? 0) / 1000 - 700)).toBeLessThan(3);
  });

  it('lets Node exit by itself once closed, even in the middle of moving time on', async () => {
    const result = await new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
      // The child's clock is simulated; the limit is only for a child that would never end.
      const child = execFile(process.execPath, ['--import', 'tsx', EXIT_FIXTURE], { timeout: 30_000 }, (_error, stdout) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout });
      });
    });
    expect(result.stdout).toContain('closed after 1 step(s)');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  }, 40_000);

  it('refuses to move time backwards or by nonsense', async () => {
    const { cart } = await open();
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) await expect(cart.body.advance(bad)).rejects.toBeInstanceOf(RangeError);
  });

  it('reports an unreadable label as unreadable, recording nothing', async () => {
    const { cart } = await open();
    const before = cart.runtime.state.lastSeq;
    expect((await cart.show({ text: '12345' , kind: 'ean13' })).result).toMatchObject({ ok: false, error: { code: 'unreadable' } });
    expect(cart.runtime.state.lastSeq).toBe(before);
  });
});

describe('the emulated cart at a lane', () => {
  it('feels its lane\'s two strips through its own switches over Firmata, each with the pole the lane\'s strips are laid with', async () => {
    const { cart, clock } = await open(3);
    const opened = VirtualLanes.open({ clock, random: seededRandom(7), ...laneBeacons(new Map([[2, new Uint8Array(32).fill(2)], [3, new Uint8Array(32).fill(3)]]), clock) });
    if (!opened.ok) throw opened.error;
    const lanes = opened.value;
    const stop = cart.body.followStrips(lanes.strip);
    const crossings: number[] = [];
    const poles: (string | undefined)[] = [];
    cart.hardware.laneStrip?.on('crossed', (atMs, pole) => {
      crossings.push(atMs);
      poles.push(pole);
    });
    await lanes.start();
    try {
      await cart.body.advance(3_000);
      expect(crossings).toEqual([]);
      const walkMs = lanes.walkTo(3);
      await cart.body.advance(walkMs + 1_000);
      // The mouth's strip and the inner one 35 cm on: lane 3 is odd, its strips north pole up.
      expect(crossings).toHaveLength(2);
      expect(poles).toEqual(['north', 'north']);
      // A third of a second apart at a walking pace, heard by the driver a debounce after the
      // floor's crossings, on the cart's own clock.
      expect((crossings[1] ?? 0) - (crossings[0] ?? 0)).toBeGreaterThan(250);
      expect((crossings[1] ?? 0) - (crossings[0] ?? 0)).toBeLessThan(450);
      expect(crossings[1]).toBeLessThanOrEqual(clock.now());
      stop();
      lanes.walkTo(null);
      await cart.body.advance(walkMs + 1_000);
      // No longer following the floor: walking back out over both strips closes neither switch.
      expect(crossings).toHaveLength(2);
    } finally {
      stop();
      await lanes.close();
    }
  });
});
