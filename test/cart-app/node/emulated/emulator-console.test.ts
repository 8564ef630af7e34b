// The emulator's terminal words: labels shown to the camera, things put in and taken out, the
// scale unplugged, and loss prevention's alerts printed as they come and go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleCart } from '../../../../cart-app/node/console-cart.js';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { EmulatorConsole } from '../../../../cart-app/node/emulated/emulator-console.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog } from '../../cart-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function open(): Promise<{ emulator: EmulatorConsole; cart: EmulatedCart; printed: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulator-'));
  const catalog = await demoCatalog();
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const sessionFile = path.join(dir, 'session.log');
  const opened = await EmulatedCart.open({ catalog, sessionFile, clock, cartId: 'cart-3', settings: defaultCartSettings, shopper: { shopperId: 'ana', member: false } });
  if (!opened.ok) throw opened.error;
  const cart = opened.value;
  const printed: string[] = [];
  const terminal = ConsoleCart.attach(cart.runtime, 'new', { catalog, sessionFile, clock, cartId: 'cart-3', shopperId: 'ana', member: false, print: (t) => printed.push(t) });
  const emulator = new EmulatorConsole(cart, terminal, (t) => printed.push(t));
  cleanups.push(() => {
    emulator.close();
    cart.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await cart.body.advance(2000);
  return { emulator, cart, printed };
}

describe('the emulator console', () => {
  it('shows a label, puts the item in at its catalog weight, and raises no alert', async () => {
    const { emulator, cart, printed } = await open();
    expect(await emulator.handle('show 7350099101014')).toBe(true);
    expect(await emulator.handle('put')).toBe(true);
    await cart.body.advance(20_000);
    expect(printed).toEqual(expect.arrayContaining(['camera read EAN_13 7350099101014', '+ Bravo Apple Juice 1 L', 'Put 1060 g in the basket.']));
    expect(printed.some((p) => p.startsWith('!'))).toBe(false);
    expect(cart.runtime.state.weight.steps).toHaveLength(1);
  });

  it('prints an alert for a scan never put in, and its resolution when it goes in', async () => {
    const { emulator, cart, printed } = await open();
    await emulator.handle('show 894512500055');
    await cart.body.advance(15_000);
    expect(printed.filter((p) => p.startsWith('!'))).toEqual([expect.stringContaining('Cola 2 L is on your list')]);
    await emulator.handle('put');
    await cart.body.advance(3000);
    expect(printed.at(-1)).toMatch(/^✓ alert .* is resolved$/);
  });

  it('presses the help button, docks the cart and pushes it, all through the board\'s pins to the drivers', async () => {
    const { emulator, cart, printed } = await open();
    const presses: number[] = [];
    cart.hardware.buttons.help.on('press', ({ at }) => presses.push(at));
    await emulator.handle('button');
    await emulator.handle('dock');
    await cart.body.advance(2500);
    expect(presses).toHaveLength(1);
    await emulator.handle('status');
    // The help call shows staff's blue on the pole light (cart-app/node/runtime/cart-light.ts).
    expect(printed.at(-1)).toMatch(/^light staff · battery \d+% \(\d+\.\d\d V, docked, charging\) · scale -?\d+\.\d g · no faults$/);
    await emulator.handle('undock');
    await emulator.handle('push 2');
    await cart.body.advance(1000);
    expect(cart.hardware.motion.moving).toBe(true);
    await cart.body.advance(4000);
    expect(cart.hardware.motion.moving).toBe(false);
  });

  it('takes things out by number, refuses nonsense, and passes scanner words to the terminal cart', async () => {
    const { emulator, cart, printed } = await open();
    await emulator.handle('put 300');
    await emulator.handle('put 500');
    await emulator.handle('out 1');
    expect([...cart.body.items().values()]).toEqual([500]);
    for (const bad of ['out 9', 'out x', 'put -4', 'put lots', 'push 0', 'scale maybe', 'show']) await emulator.handle(bad);
    expect(printed.slice(-7)).toEqual(['Nothing like that is in the basket.', 'Nothing like that is in the basket.', expect.stringContaining('Say what it weighs'), expect.stringContaining('Say what it weighs'), expect.stringContaining('Say for how long'), '"scale off" or "scale on".', expect.stringContaining('Type the code too')]);
    await emulator.handle('scale off');
    await cart.body.advance(2000);
    expect(cart.runtime.state.faults).toHaveLength(1);
    await emulator.handle('status');
    expect(printed.at(-1)).toMatch(/^light attention · battery \d+% .* · faults: scale no-answer$/);
    await emulator.handle('scale on');
    await cart.body.advance(3000);
    expect(cart.runtime.state.faults).toHaveLength(0);
    await emulator.handle('board maybe');
    expect(printed.at(-1)).toBe('"board off" or "board on".');
    expect(await emulator.handle('quit')).toBe(false);
  });
});
