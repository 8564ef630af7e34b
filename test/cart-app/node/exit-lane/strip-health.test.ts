// The lane-strip switch's health as the exit-lane watch judges it: lane visits with no crossing
// felt, again and again, are a typed fault for staff; a crossing felt clears it.
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { SILENT_VISITS_FOR_FAULT, STRIP_SILENT_FAULT, StripHealth } from '../../../../cart-app/node/exit-lane/strip-health.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { LANE_STRIP_PRESENCE_RULE } from '../../../../payments/common/lane/presence.js';
import { demoCatalog } from '../../cart-fixture.js';
import { laneCart } from './lane-cart.js';

describe('StripHealth', () => {
  it('raises after the set number of silent visits in a row, once, and clears on the next crossing felt', () => {
    const health = new StripHealth({ visitsForFault: 3 });
    expect(health.visited(10_000, 3_000)).toBeNull();
    expect(health.visited(20_000, 3_000)).toBeNull();
    expect(health.visited(30_000, 3_000)).toBe('raise');
    expect(health.faulty).toBe(true);
    expect(health.visited(40_000, 3_000)).toBeNull();
    // Felt 2 s before the cart was named in the lane: the strips are at the mouth.
    health.crossed(48_000);
    expect(health.visited(50_000, 3_000)).toBe('clear');
    expect(health.faulty).toBe(false);
    expect(health.visited(60_000, 3_000)).toBeNull();
  });

  it('does not count a crossing from before the visit, and a felt visit starts the count again', () => {
    const health = new StripHealth({ visitsForFault: 2 });
    health.crossed(1_000);
    expect(health.visited(10_000, 3_000)).toBeNull();
    health.crossed(19_000);
    expect(health.visited(20_000, 3_000)).toBeNull();
    expect(health.visited(30_000, 3_000)).toBeNull();
    expect(health.visited(40_000, 3_000)).toBe('raise');
    // Nonsense times change nothing.
    health.crossed(Number.NaN);
    expect(health.visited(50_000, 3_000)).toBeNull();
  });

  it('carries on with a fault the session already holds, and refuses a nonsense count', () => {
    const health = new StripHealth({ faulty: true });
    health.crossed(9_000);
    expect(health.visited(10_000, 3_000)).toBe('clear');
    for (const visitsForFault of [0, -1, 1.5, Number.NaN]) expect(() => new StripHealth({ visitsForFault })).toThrow(RangeError);
  });
});

class FakeStrip extends EventEmitter<{ crossed: [number] }> {}

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});

describe('the exit-lane watch and a silent strip switch', () => {
  it('records a no-answer fault after lane visits found by the beacons alone, and clears it when the switch feels a strip', async () => {
    const strip = new FakeStrip();
    const warnings: string[] = [];
    const cart = await laneCart(catalog, { watch: { strip, rule: LANE_STRIP_PRESENCE_RULE, warn: (w) => warnings.push(w) } });
    const open = () => cart.runtime.state.faults.filter((f) => f.faultId === STRIP_SILENT_FAULT.faultId);
    for (let visit = 1; visit <= SILENT_VISITS_FOR_FAULT; visit++) {
      expect(open(), `before visit ${visit}`).toEqual([]);
      cart.walkIn();
      expect(cart.watch.lane).toBe(3);
      cart.walkOut();
      expect(cart.watch.lane).toBeNull();
    }
    expect(open()).toEqual([expect.objectContaining({ code: 'no-answer', message: expect.stringMatching(/^lane-strip: the switch felt no lane strip/) })]);
    expect(cart.runtime.snapshot().faults).toEqual([expect.objectContaining({ faultId: STRIP_SILENT_FAULT.faultId, code: 'no-answer' })]);
    expect(warnings).toEqual([expect.stringContaining('felt no lane strip')]);
    // Another silent visit records nothing more.
    cart.walkIn();
    cart.walkOut();
    expect(open()).toHaveLength(1);
    // The switch feels the mouth again (the cart rolls over it as the walk in begins).
    strip.emit('crossed', cart.store.clock.now());
    cart.walkIn();
    cart.walkOut();
    expect(open()).toEqual([]);
    expect(cart.port.calls).toBe(0);
  });

  it('records nothing while every visit feels a strip', async () => {
    const strip = new FakeStrip();
    const cart = await laneCart(catalog, { watch: { strip, rule: LANE_STRIP_PRESENCE_RULE } });
    for (let visit = 0; visit < SILENT_VISITS_FOR_FAULT + 1; visit++) {
      cart.walkIn();
      // Felt after the beacons named the lane (the inner strip): it still counts for the visit.
      strip.emit('crossed', cart.store.clock.now());
      cart.walkOut();
    }
    expect(cart.runtime.state.faults).toEqual([]);
  });
});
