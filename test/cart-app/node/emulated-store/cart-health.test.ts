// The emulated cart's health report for the fleet board, read from its real drivers on a
// simulated clock: nothing without a battery reading, else the virtual battery's charge,
// the dock, the trip's phase, a pulled scale cable as a fault, the store's lock, and the trips the
// cart let leave unsettled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatteryNotReadYet, cartHealth } from '../../../../cart-app/node/emulated-store/cart-health.js';
import type { OwedCheckout } from '../../../../cart-app/node/exit-lane/owed-checkouts.js';
import { cartReportSchema } from '../../../../domain/common/fleet/cart-report.js';
import { EmulatedCart } from '../../../../cart-app/node/emulated/emulated-cart.js';
import { defaultCartSettings } from '../../../../cart-app/node/emulated/virtual-cart.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog } from '../../cart-fixture.js';

const dirs: string[] = [];
const carts: EmulatedCart[] = [];
afterEach(() => {
  for (const c of carts.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(): Promise<EmulatedCart> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-cart-health-'));
  dirs.push(dir);
  const clock = new SimulatedClock(Date.UTC(2026, 10, 23, 10));
  const opened = await EmulatedCart.open({ catalog: await demoCatalog(), sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-7', settings: defaultCartSettings, shopper: { shopperId: 'ana', member: true } });
  if (!opened.ok) throw opened.error;
  carts.push(opened.value);
  return opened.value;
}

describe("the emulated cart's health report", () => {
  it('reports the virtual battery, the dock, the trip and the version', async () => {
    const cart = await open();
    await cart.body.advance(2_000);
    const soc = cart.readout().battery?.soc ?? Number.NaN;
    const report = cartHealth(cart, '1.2.3');
    expect(report).toMatchObject({ charging: false, docked: false, state: 'shopping', version: '1.2.3', faults: [] });
    expect(Number.isInteger(report.battery)).toBe(true);
    expect(Math.abs(report.battery - soc)).toBeLessThanOrEqual(0.5);
    cart.body.dock(true);
    await cart.body.advance(3_000);
    expect(cartHealth(cart, '1.2.3')).toMatchObject({ docked: true, charging: true });
  });

  it('has nothing to report before the battery monitor has read the battery', async () => {
    const cart = await open();
    const readout = cart.readout();
    const unread = Object.assign(Object.create(cart) as EmulatedCart, { readout: () => ({ ...readout, battery: undefined }) });
    expect(() => cartHealth(unread, '1.2.3')).toThrow(BatteryNotReadYet);
  });

  it('says fault, in words, while the scale cable is out', async () => {
    const cart = await open();
    await cart.body.advance(2_000);
    cart.body.unplugScale(true);
    await cart.body.advance(3_000);
    const report = cartHealth(cart, '1.2.3');
    expect(report.state).toBe('fault');
    expect(report.faults.length).toBeGreaterThan(0);
    expect(report.faults.every((f) => f.length <= 200)).toBe(true);
    expect(report.faults.join(' ')).toMatch(/^scale: /);
  });

  it('says locked while the store holds the cart, whatever else is going on', async () => {
    const cart = await open();
    await cart.body.advance(2_000);
    cart.runtime.holdFromStore('wheel broken');
    expect(cartHealth(cart, '1.2.3').state).toBe('locked');
    cart.runtime.holdFromStore(null);
    expect(cartHealth(cart, '1.2.3').state).toBe('shopping');
  });

  it('counts the trips left unsettled and says since when, not the one at the lane nor those the store refused', async () => {
    const cart = await open();
    await cart.body.advance(2_000);
    expect(cartHealth(cart, '1.2.3')).toMatchObject({ unsettledTrips: 0, unsettledSince: null });
    const owed = (tripId: string, state: OwedCheckout['state'], leftAt?: number): OwedCheckout => ({
      tripId,
      laneId: 3,
      laneFrame: '00',
      heardAt: 1_000,
      events: [],
      cartTotal: 500,
      state,
      ...(leftAt === undefined ? {} : { leftAt }),
    });
    const report = cartHealth(cart, '1.2.3', [owed('t1', 'at-lane'), owed('t2', 'left', 9_000), owed('t3', 'left', 5_000), owed('t4', 'refused', 100)]);
    expect(report).toMatchObject({ unsettledTrips: 2, unsettledSince: 5_000 });
    expect(cartReportSchema.safeParse(report).success).toBe(true);
  });
});
