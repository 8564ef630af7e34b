// Walking out of the emulated store: the virtual BLE world's lane beacons carry the lanes' real
// rotating tokens, the cart hears them through real noble, and rolling into a lane pays at the
// real store exactly as on a real cart; walking back onto the floor leaves the lane.
import { beforeAll, describe, expect, it } from 'vitest';
import { laneBeacons, VirtualLanes } from '../../../../cart-app/node/emulated/virtual-lanes.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { LANE_ID, LANE_SECRET } from '../../../store/node/checkout/lane-store.js';
import { demoCatalog } from '../../cart-fixture.js';
import { laneCart, pass, runUntil } from '../exit-lane/lane-cart.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});

describe('VirtualLanes', () => {
  it('pays when the cart walks into a lane of the virtual store front, and leaves it when it walks back out', async () => {
    let lanes: VirtualLanes | undefined;
    const cart = await laneCart(catalog, {
      radio: (store) => {
        // Lane 4's secret is one the store does not know: its beacons are heard, never paid at.
        const opened = VirtualLanes.open({ clock: store.clock, random: seededRandom(20261123), ...laneBeacons(new Map([[2, new Uint8Array(32).fill(2)], [LANE_ID, LANE_SECRET], [4, new Uint8Array(32).fill(4)]]), store.clock) });
        if (!opened.ok) throw opened.error;
        lanes = opened.value;
        return lanes.radio;
      },
    });
    if (!lanes) throw new Error('no lanes');
    await lanes.start();
    const tripId = await cart.shop(SANDBOX_METHODS.approve, ['juice-bravo-apple']);
    // Shopping on the floor for a while: the lanes are heard, no lane is entered.
    await pass(cart, 5_000);
    expect(cart.watch.lane).toBeNull();
    expect(cart.runtime.snapshot().diagnostics?.beacons?.map((b) => b.laneId)).toEqual(['2', '3', '4']);
    const walk = lanes.walkTo(LANE_ID);
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100, walk + 5_000);
    expect(cart.outcomes).toContainEqual({ type: 'entered', laneId: LANE_ID });
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, laneId: LANE_ID }));
    expect(cart.outcomes.filter((o) => o.type === 'entered')).toHaveLength(1);
    expect(cart.light.shown.get('lane')).toBe('ok');
    const out = lanes.walkTo(null);
    const back = cart.store.clock.now() + out;
    await runUntil(cart, () => cart.watch.lane === null && cart.store.clock.now() >= back, 100, out + 5_000);
    expect(cart.outcomes.at(-1)).toEqual({ type: 'left', laneId: LANE_ID });
    expect(lanes.position().y).toBeGreaterThan(10);
    expect(() => lanes?.walkTo(9)).toThrow(/no lane 9/);
    await lanes.close();
  });
});
