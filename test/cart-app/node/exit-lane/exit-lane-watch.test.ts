// The cart at the exit lane against a real store: walking into the lane pays once, a decline or
// an open alert charges nothing and says what to do, and a store that is down at the lane lets
// the shopper go within the offline cap and is paid when it is back, across a cart restart,
// never twice.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { LANE_STRIP_PRESENCE_RULE } from '../../../../payments/common/lane/presence.js';
import { LaneBeacon } from '../../../../payments/node/lane/beacon.js';
import { SANDBOX_METHODS } from '../../../../payments/node/gateway/sandbox.js';
import { demoCatalog } from '../../cart-fixture.js';
import type { LaneStore } from '../../../store/node/checkout/lane-store.js';
import type { ExitLaneWatchOptions } from '../../../../cart-app/node/exit-lane/exit-lane-watch.js';
import { lanePacketOf } from '../../../../cart-app/node/exit-lane/lane-radio.js';
import { laneCart, pass, runUntil } from './lane-cart.js';

const BASKET = ['juice-bravo-apple', 'juice-bravo-orange'];
/** The two juices at the demo store's multi-buy price, as both the cart and the store price them. */
const TOTAL = 638;

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});

/** Every payment the sandbox gateway holds, with what it captured. */
const captures = (store: LaneStore) => Object.values(store.ledger().payments).filter((p) => p.status === 'captured');

describe('the cart at the exit lane', () => {
  it('pays once when the cart rolls into the lane with a settled basket, and shows the receipt and green', async () => {
    const cart = await laneCart(catalog);
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    cart.walkIn();
    expect(cart.watch.lane).toBe(3);
    await cart.port.idle();
    expect(cart.runtime.state.phase).toBe('paid');
    expect(cart.runtime.trip?.payment).toMatchObject({ total: TOTAL });
    expect(cart.runtime.snapshot().lane).toMatchObject({ laneId: 3, state: 'paid' });
    expect(cart.light.shown.get('lane')).toBe('ok');
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, total: TOTAL, late: false }));
    // Standing on in the lane sends nothing more.
    cart.walkIn(2_000);
    await cart.port.idle();
    expect(cart.port.calls).toBe(1);
    expect(captures(cart.store)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);
    expect(cart.watch.owed).toEqual([]);
    // The staff diagnostics show the lane's beacons as heard.
    expect(cart.runtime.snapshot().diagnostics?.beacons).toEqual([{ laneId: '3', rssi: -52 }]);
    // The next shopper's sign-in clears the last lane's answer.
    await cart.shop(SANDBOX_METHODS.approve, BASKET);
    expect(cart.light.shown.has('lane')).toBe(false);
    expect(cart.runtime.snapshot().lane).toBeNull();
  });

  it('waits for loss prevention to finish with the basket, but not for ever', async () => {
    let weighing = true;
    const cart = await laneCart(catalog, { watch: { basketSettling: () => weighing, basketSettleMaxMs: 10_000 } });
    await cart.shop(SANDBOX_METHODS.approve, BASKET);
    cart.walkIn(2_000);
    await cart.port.idle();
    expect(cart.port.calls).toBe(0);
    weighing = false;
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100, 1_000);
    // A shopper who signs in while the cart stands in the lane is not charged there and then.
    await cart.shop(SANDBOX_METHODS.approve, BASKET);
    await pass(cart, 3_000, 1_000);
    expect(cart.port.calls).toBe(1);
    // Walked out and in again, at a cart whose loss prevention never settles, they pay 10 s after entering.
    weighing = true;
    cart.walkOut();
    const walkedIn = cart.store.clock.now();
    cart.walkIn(12_000);
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100, 1_000);
    // Detected within the 2 s walk in, charged 10 s after that: not before 10 s, not after 12 s.
    expect((cart.port.calledAt.at(-1) ?? 0) - walkedIn).toBeGreaterThanOrEqual(10_000);
    expect((cart.port.calledAt.at(-1) ?? 0) - walkedIn).toBeLessThanOrEqual(12_100);
    expect(captures(cart.store)).toHaveLength(2);
  });

  it('charges nothing with an open alert or an ID check to do, and says what to fix', async () => {
    const cart = await laneCart(catalog);
    await cart.shop(SANDBOX_METHODS.approve, [...BASKET, 'beer-hazy-ipa-6']);
    expect(cart.runtime.record({ type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { note: 'something went in' } }).ok).toBe(true);
    cart.walkIn();
    await cart.port.idle();
    expect(cart.port.calls).toBe(0);
    expect(cart.runtime.state.phase).toBe('shopping');
    const lane = cart.runtime.snapshot().lane;
    expect(lane).toMatchObject({ state: 'fix-first', laneId: 3 });
    expect(lane?.fix).toEqual([expect.stringContaining('without a scan'), expect.stringContaining('check your ID (age 21+)')]);
    expect(cart.light.shown.get('lane')).toBe('attention');
    // Back into the store: the lane has nothing more to say.
    cart.walkOut();
    expect(cart.watch.lane).toBeNull();
    expect(cart.runtime.snapshot().lane).toBeNull();
  });

  it('shows a decline to the shopper with what to do, goes red, and does not try again in the same visit', async () => {
    const cart = await laneCart(catalog);
    await cart.shop(SANDBOX_METHODS.decline, BASKET);
    cart.walkIn();
    await cart.port.idle();
    expect(cart.runtime.state.phase).toBe('shopping');
    expect(cart.runtime.snapshot().trip?.paymentProblem).toContain('payment-failed');
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'refused', code: 'payment-failed', message: expect.stringContaining('see a member of staff') });
    expect(cart.light.shown.get('lane')).toBe('alarm');
    cart.walkIn(3_000);
    await cart.port.idle();
    expect(cart.port.calls).toBe(1);
    expect(captures(cart.store)).toEqual([]);
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'refused', code: 'payment-failed' }));
  });

  it('tries the lane\'s next token when the store refuses a stale one, and pays once; tells the shopper when no good token comes', async () => {
    const cart = await laneCart(catalog);
    await cart.shop(SANDBOX_METHODS.approve, BASKET);
    // A frame from 20 s ago, as a lane beacon whose clock lags would send it.
    const stale = cart.store.beacon.manufacturerData();
    cart.store.clock.advance(20_000);
    const hear = (data: Uint8Array, ms: number, rssi = -52): void => {
      for (let t = 0; t < ms; t += 100) {
        for (const address of ['c0:ff:ee:00:03:00', 'c0:ff:ee:00:03:01', 'c0:ff:ee:00:03:02', 'c0:ff:ee:00:03:03']) {
          const packet = lanePacketOf({ address, rssi: t < 1_000 ? -88 + Math.round((36 * t) / 1_000) : rssi, timestamp: cart.store.clock.now(), manufacturerData: data });
          if (packet) cart.radio.send(packet);
        }
        cart.store.clock.advance(100);
      }
    };
    hear(stale, 2_000);
    await cart.port.idle();
    expect(cart.watch.lane).toBe(3);
    expect(cart.port.calls).toBe(1);
    // Refused, nothing charged, nothing said yet: the cart listens for the lane's next token.
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'paying' });
    expect(cart.outcomes.filter((o) => o.type === 'refused')).toEqual([]);
    hear(cart.store.beacon.manufacturerData(), 300);
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100, 2_000);
    expect(cart.port.calls).toBe(2);
    expect(cart.port.bodies.map((b) => b.laneFrame === Buffer.from(stale).toString('hex'))).toEqual([true, false]);
    expect(captures(cart.store)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);

    // Another cart hears nothing but the stale frame: no newer token within 6 s, so it tells the shopper.
    const next = await laneCart(catalog);
    await next.shop(SANDBOX_METHODS.approve, BASKET);
    const old = next.store.beacon.manufacturerData();
    next.store.clock.advance(20_000);
    for (let t = 0; t < 20_000; t += 100) {
      for (const address of ['c0:ff:ee:00:03:00', 'c0:ff:ee:00:03:01', 'c0:ff:ee:00:03:02', 'c0:ff:ee:00:03:03']) {
        const packet = lanePacketOf({ address, rssi: t < 1_000 ? -88 + Math.round((36 * t) / 1_000) : -52, timestamp: next.store.clock.now(), manufacturerData: old });
        if (packet) next.radio.send(packet);
      }
      next.store.clock.advance(100);
      await next.port.idle();
    }
    expect(next.port.calls).toBe(1);
    expect(next.runtime.snapshot().lane).toMatchObject({ state: 'refused', code: 'lane-token-refused', message: expect.stringContaining('Walk through the lane again') });
    expect(next.light.shown.get('lane')).toBe('alarm');
    expect(captures(next.store)).toEqual([]);
  });

  /**
   * A cart on a strip between lane 3 and its neighbour, lane 2, that hears both alike: no lane can
   * be named, and 3.2 s after the crossing (its 3 s window and a tick) it is in none.
   */
  async function unnamedCrossing(watch: Partial<ExitLaneWatchOptions> = {}) {
    const strip = new EventEmitter<{ crossed: [number] }>();
    const warnings: string[] = [];
    const cart = await laneCart(catalog, { watch: { strip, rule: LANE_STRIP_PRESENCE_RULE, warn: (w) => warnings.push(w), ...watch } });
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    const lane2 = new LaneBeacon({ laneId: 2, secret: new Uint8Array(32).fill(2), clock: cart.store.clock, measuredPower: -59 });
    const faint = (ms: number, rssi = -70): void => {
      for (let t = 0; t < ms; t += 100) {
        for (const [lane, beacon] of [
          ['03', cart.store.beacon],
          ['02', lane2],
        ] as const) {
          for (const i of ['00', '01', '02', '03']) {
            const packet = lanePacketOf({ address: `c0:ff:ee:00:${lane}:${i}`, rssi, timestamp: cart.store.clock.now(), manufacturerData: beacon.manufacturerData() });
            if (packet) cart.radio.send(packet);
          }
        }
        cart.store.clock.advance(100);
      }
    };
    faint(1_000);
    strip.emit('crossed', cart.store.clock.now());
    faint(2_900);
    expect(cart.light.shown.has('lane')).toBe(false);
    expect(cart.runtime.snapshot().lane).toBeNull();
    faint(300);
    return { cart, tripId, warnings, faint };
  }

  it('does not leave a shopper waiting in silence when it rolls over a strip but cannot tell the lane', async () => {
    const { cart, tripId, warnings, faint } = await unnamedCrossing();
    expect(cart.watch.lane).toBeNull();
    expect(cart.light.shown.get('lane')).toBe('attention');
    // The shopper's screen says why nothing happens, and what to do.
    expect(cart.runtime.snapshot().lane).toEqual({ laneId: null, state: 'unknown-lane', code: null, message: expect.stringContaining('could not tell which lane'), fix: [] });
    expect(warnings).toEqual([`trip ${tripId}: the cart rolled over a lane strip but could not tell which lane it is in; nothing has been charged`]);
    expect(cart.port.calls).toBe(0);
    // Backed away from the lanes (heard below the leave level of -75 dBm): not yet for 1.5 s...
    faint(1_500, -85);
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'unknown-lane' });
    // ...then the lanes have nothing more to say, and the light goes out.
    faint(600, -85);
    expect(cart.runtime.snapshot().lane).toBeNull();
    expect(cart.light.shown.has('lane')).toBe(false);
    expect(cart.port.calls).toBe(0);
    // Walked through again (lane 2 long out of earshot), it is found and pays.
    cart.store.clock.advance(3_000);
    cart.walkIn();
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100, 2_000);
    expect(cart.light.shown.get('lane')).toBe('ok');
    expect(cart.runtime.snapshot().lane).toMatchObject({ laneId: 3, state: 'paid' });
  });

  it('keeps asking which lane while the cart stands near the lanes, and drops the question once a lane is found', async () => {
    // Loss prevention still weighing the basket: once found, the lane waits and says nothing yet.
    const { cart, faint } = await unnamedCrossing({ basketSettling: () => true });
    // Standing on the strip, heard at -70 dBm (above the leave level): the question stands.
    faint(5_000);
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'unknown-lane' });
    expect(cart.light.shown.get('lane')).toBe('attention');
    cart.walkIn();
    expect(cart.watch.lane).toBe(3);
    expect(cart.runtime.snapshot().lane).toBeNull();
    expect(cart.light.shown.has('lane')).toBe(false);
    expect(cart.port.calls).toBe(0);
  });

  it('lets the shopper go when the store is down at the lane, and settles the trip once when it is back', async () => {
    const cart = await laneCart(catalog);
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    await cart.stopStore();
    cart.walkIn(0);
    // The store does not answer: the cart keeps asking, with a back-off, for five seconds.
    const started = cart.store.clock.now();
    await runUntil(cart, () => cart.runtime.state.phase !== 'checking-out');
    expect(cart.store.clock.now() - started).toBeGreaterThanOrEqual(4_000);
    expect(cart.port.calls).toBeGreaterThan(3);
    expect(cart.outcomes).toContainEqual({ type: 'store-unreachable', laneId: 3, tripId, withinCap: true });
    expect(cart.runtime.state.phase).toBe('ready');
    expect(cart.runtime.trip).toBeNull();
    expect(cart.runtime.snapshot()).toMatchObject({ lane: { state: 'offline-go' }, unsettledTrips: 1 });
    expect(cart.light.shown.get('lane')).toBe('attention');
    const onDisk = JSON.parse(readFileSync(cart.owedFile, 'utf8')) as { checkouts: { tripId: string; state: string; leftAt: number; heardAt: number }[] };
    expect(onDisk.checkouts).toEqual([expect.objectContaining({ tripId, state: 'left' })]);

    cart.walkOut();
    // Ten minutes later the store is back; the cart's next try to settle finds it.
    await runUntil(cart, () => cart.store.clock.now() - started > 10 * 60_000, 5_000, 700_000);
    await cart.startStore();
    await runUntil(cart, () => cart.watch.owed.length === 0, 1_000);
    expect(cart.port.bodies.at(-1)).toMatchObject({ leftAt: onDisk.checkouts[0]?.leftAt });
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, total: TOTAL, late: true }));
    expect(cart.runtime.snapshot().unsettledTrips).toBe(0);
    expect(captures(cart.store)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);
  });

  it('settles after a cart restart, and charges once when the store had the checkout but its answer was lost', async () => {
    const cart = await laneCart(catalog);
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    // The first request reaches the store and is charged; its answer never reaches the cart, and
    // then the store goes down.
    cart.port.loseAnswers.add(1);
    cart.walkIn(0);
    await cart.port.idle();
    await cart.stopStore();
    await runUntil(cart, () => cart.runtime.state.phase !== 'checking-out');
    expect(cart.runtime.state.phase).toBe('ready');
    expect(captures(cart.store)).toHaveLength(1);

    cart.restartCart();
    expect(cart.watch.owed).toEqual([expect.objectContaining({ tripId, state: 'left' })]);
    await cart.startStore();
    await runUntil(cart, () => cart.watch.owed.length === 0, 1_000);
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, late: true }));
    expect(captures(cart.store)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);
  });

  it('keeps the shopper at the lane beyond the offline cap, red, and pays when the store answers', async () => {
    const cart = await laneCart(catalog, { watch: { offlineCap: { maxTrips: 2, maxAmount: TOTAL - 1, maxAgeMs: 3_600_000 } } });
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    await cart.stopStore();
    cart.walkIn(0);
    await runUntil(cart, () => cart.outcomes.some((o) => o.type === 'store-unreachable'));
    expect(cart.outcomes).toContainEqual({ type: 'store-unreachable', laneId: 3, tripId, withinCap: false });
    expect(cart.runtime.state.phase).toBe('checking-out');
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'offline-wait', code: 'offline-cap-exceeded' });
    expect(cart.light.shown.get('lane')).toBe('alarm');
    expect(cart.watch.owed).toEqual([expect.objectContaining({ tripId, state: 'at-lane' })]);
    const waitFrom = cart.store.clock.now();
    // Still waiting a minute on, the cart has not let the trip go; then the store comes back while
    // it stands in the lane, and the checkout (with the lane's fresh token) is paid.
    await runUntil(cart, () => cart.store.clock.now() > waitFrom + 60_000, 1_000);
    expect(cart.runtime.state.phase).toBe('checking-out');
    await cart.startStore();
    cart.walkIn(0);
    await runUntil(cart, () => cart.runtime.state.phase === 'paid', 100);
    expect(cart.outcomes).toContainEqual(expect.objectContaining({ type: 'paid', tripId, late: false }));
    expect(captures(cart.store)).toEqual([expect.objectContaining({ capturedAmount: TOTAL })]);
  });

  it('carries on with a checkout that was being sent when the cart restarted', async () => {
    const cart = await laneCart(catalog);
    const tripId = await cart.shop(SANDBOX_METHODS.approve, BASKET);
    cart.port.loseAnswers.add(1);
    cart.walkIn(0);
    await cart.port.idle();
    expect(cart.watch.owed).toEqual([expect.objectContaining({ tripId, state: 'at-lane' })]);
    cart.restartCart();
    expect(cart.runtime.snapshot().lane).toMatchObject({ state: 'paying', laneId: 3 });
    await runUntil(cart, () => cart.runtime.state.phase === 'paid');
    expect(cart.watch.owed).toEqual([]);
    expect(captures(cart.store)).toHaveLength(1);
  });
});
