// The emulator panel's actions on a real emulated cart (real drivers over Firmata, the real
// decoder) on a simulated clock: a product's label shown and read, things put in and taken out
// through the scale's physics, a personal item declared, a push, cables pulled; and the state the
// panel shows, checked against the protocol it is sent with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { panelStateSchema } from '../../../../cart-app/common/emulator-protocol/messages.js';
import { EmulatorPanel, LANES_NOT_AVAILABLE } from '../../../../cart-app/node/emulated-store/emulator-panel.js';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { laneBeacons, VirtualLanes } from '../../../../cart-app/node/emulated/virtual-lanes.js';
import { ExitLaneWatch } from '../../../../cart-app/node/exit-lane/exit-lane-watch.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog, gtinOf } from '../../cart-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function open(): Promise<{ panel: EmulatorPanel; cart: EmulatedCart }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-panel-'));
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-p', settings: defaultCartSettings, shopper: { shopperId: 'ana', member: true } });
  if (!opened.ok) throw opened.error;
  const cart = opened.value;
  cleanups.push(() => {
    cart.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { panel: new EmulatorPanel(cart), cart };
}

describe('the emulator panel', () => {
  it('lists products with the code their label carries and their catalog weight', async () => {
    const { panel, cart } = await open();
    const [juice] = panel.products('apple juice');
    expect(juice).toMatchObject({ sku: 'juice-bravo-apple', code: gtinOf(cart.runtime.catalog, 'juice-bravo-apple'), soldBy: 'each' });
    expect(juice?.grams).toBeGreaterThan(0);
    expect(panel.products('')).toHaveLength(12);
    expect(panel.products('zzzz-no-such-thing')).toEqual([]);
    expect(panel.products('<script>alert(1)</script>')).toEqual([]);
  });

  it('shows a product’s label to the camera: read by the decoder, its line on the trip, its picture kept', async () => {
    const { panel, cart } = await open();
    const reply = await panel.handle({ type: 'show', code: '7350099101014' });
    expect(reply).toEqual({ ok: true, text: 'The camera read EAN_13 7350099101014: Added Bravo Apple Juice 1 L.' });
    expect(cart.runtime.trip?.basket.map((l) => l.sku)).toEqual(['juice-bravo-apple']);
    const camera = panel.state().camera;
    expect(camera).toMatchObject({ code: '7350099101014', read: { text: '7350099101014', format: 'EAN_13' } });
    expect(camera?.frame).toMatch(/^data:image\/png;base64,/);
  });

  it('says so when the camera reads a code the store does not sell, or cannot print a label', async () => {
    const { panel, cart } = await open();
    const unknown = await panel.handle({ type: 'show', code: '4006381333931' });
    expect(unknown.ok).toBe(false);
    expect(unknown.text).toMatch(/^The camera read EAN_13 4006381333931: /);
    // Thirteen digits with a wrong check digit: the EAN-13 printer refuses it, nothing is read.
    const unprintable = await panel.handle({ type: 'show', code: '7350099101015' });
    expect(unprintable.ok).toBe(false);
    expect(panel.state().camera).toMatchObject({ code: '7350099101015', frame: null, read: null });
    expect(cart.runtime.trip?.basket).toEqual([]);
    expect(panel.state().log.map((l) => l.tone)).toEqual(['problem', 'problem']);
  });

  it('puts a thing in through the scale, so the reading and the recorded steps change, and takes it out again', async () => {
    const { panel, cart } = await open();
    await cart.body.advance(1000);
    expect(panel.state().scaleGrams).toBeCloseTo(0, -1);
    expect(await panel.handle({ type: 'put', grams: 1061, what: 'Bravo Apple Juice 1 L' })).toEqual({ ok: true, text: 'Put Bravo Apple Juice 1 L (1061 g) in the basket.' });
    await cart.body.advance(3000);
    const full = panel.state();
    expect(full.scaleGrams).toBeGreaterThan(1040);
    expect(full.scaleGrams).toBeLessThan(1080);
    expect(full.weight.steps.map((s) => Math.round(s.deltaGrams / 10))).toEqual([106]);
    const [item] = full.basket;
    expect(item).toMatchObject({ what: 'Bravo Apple Juice 1 L', grams: 1061 });
    expect(await panel.handle({ type: 'out', itemId: item?.itemId ?? -1 })).toEqual({ ok: true, text: 'Took Bravo Apple Juice 1 L out of the basket.' });
    await cart.body.advance(3000);
    expect(panel.state().basket).toEqual([]);
    expect(panel.state().weight.steps).toHaveLength(2);
    // Twice, or an id it never had: nothing is lifted.
    expect((await panel.handle({ type: 'out', itemId: item?.itemId ?? -1 })).ok).toBe(false);
    expect((await panel.handle({ type: 'out', itemId: 987_654 })).ok).toBe(false);
  });

  it('declares a personal item on the trip and puts it in the basket', async () => {
    const { panel, cart } = await open();
    expect((await panel.handle({ type: 'declare', description: 'Own handbag', grams: 450 })).ok).toBe(true);
    expect((await panel.handle({ type: 'declare', description: 'Umbrella' })).ok).toBe(true);
    expect(cart.runtime.trip?.personalItems.map((p) => p.description)).toEqual(['Own handbag', 'Umbrella']);
    expect(panel.state().basket.map((b) => b.what)).toEqual(['Own handbag']);
  });

  it('pushes the cart for the seconds asked, then lets it roll to rest', async () => {
    const { panel, cart } = await open();
    await panel.handle({ type: 'push', seconds: 2 });
    await cart.body.advance(1000);
    expect(panel.state()).toMatchObject({ pushing: true, moving: true });
    await cart.body.advance(6000);
    expect(panel.state()).toMatchObject({ pushing: false, moving: false });
  });

  it('pulls the scale’s cable (a fault the drivers see) and plugs it back', async () => {
    const { panel, cart } = await open();
    await panel.handle({ type: 'plug', part: 'scale', plugged: false });
    await cart.body.advance(2000);
    expect(panel.state().unplugged).toEqual({ scale: true, board: false });
    expect(panel.state().faults.map((f) => f.device)).toContain('scale');
    expect(panel.state().scaleGrams).toBeNull();
    await panel.handle({ type: 'plug', part: 'scale', plugged: true });
    await cart.body.advance(3000);
    expect(panel.state().faults).toEqual([]);
  });

  it('sends a state the protocol accepts, and says why a lane cannot be walked to', async () => {
    const { panel, cart } = await open();
    await panel.handle({ type: 'dock', docked: true });
    await panel.handle({ type: 'help' });
    await cart.body.advance(1500);
    const state = panel.state();
    expect(panelStateSchema.safeParse(state).success).toBe(true);
    expect(state.lanes).toEqual({ available: false, reason: LANES_NOT_AVAILABLE });
    expect(state.battery?.docked).toBe(true);
  });

  it('walks the cart through a lane of the virtual store front and back, showing where it is and the beacons it hears', async () => {
    const { cart } = await open();
    const lanes = VirtualLanes.open({ clock: cart.clock, random: seededRandom(5), ...laneBeacons(new Map([[1, new Uint8Array(32).fill(1)], [2, new Uint8Array(32).fill(2)]]), cart.clock) });
    if (!lanes.ok) throw lanes.error;
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-panel-lanes-'));
    // The store is never reached here: the basket is empty, so the lane has nothing to charge.
    const watch = ExitLaneWatch.open({ runtime: cart.runtime, store: { checkout: () => Promise.reject(new Error('no store in this test')) }, radio: lanes.value.radio, clock: cart.clock, owedFile: path.join(dir, 'owed.json'), light: cart.hardware.light });
    if (!watch.ok) throw watch.error;
    cleanups.push(() => {
      watch.value.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await lanes.value.start();
    const panel = new EmulatorPanel(cart, { virtual: lanes.value, watch: watch.value });
    expect(await panel.handle({ type: 'lane', laneId: 7 })).toEqual({ ok: false, text: 'There is no lane 7; the lanes are 1, 2.' });
    const walk = await panel.handle({ type: 'lane', laneId: 2 });
    expect(walk).toMatchObject({ ok: true, text: expect.stringMatching(/^Walking the cart through lane 2/) });
    await cart.body.advance(15_000);
    const inside = panel.state();
    expect(panelStateSchema.safeParse(inside).success).toBe(true);
    expect(inside.lanes).toMatchObject({ available: true, lanes: [1, 2], walkingTo: 2, inLane: 2, unsettled: 0 });
    if (!inside.lanes.available) throw new Error('lanes');
    expect(inside.lanes.position.y).toBeLessThan(4);
    expect(inside.lanes.beacons.find((b) => b.laneId === 2)?.rssi).toBeGreaterThan(-70);
    expect(inside.log.map((l) => l.text)).toContain('The cart is in lane 2.');
    await panel.handle({ type: 'lane', laneId: null });
    await cart.body.advance(15_000);
    expect(panel.state().lanes).toMatchObject({ walkingTo: null, inLane: null });
    expect(panel.state().log.map((l) => l.text)).toContain('The cart left lane 2.');
    panel.close();
    await lanes.value.close();
  });
});
