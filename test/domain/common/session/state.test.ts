import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionErrorCode } from '../../../../domain/common/session/errors.js';
import type { NewSessionEventInput, SessionEvent } from '../../../../domain/common/session/events.js';
import { applyEvent, initialCartState, replayEvents, type CartState } from '../../../../domain/common/session/state.js';
import { build, pair, refusal, scanEach, scanWeighed, shopping, signIn, staffIn, stampNext, step, T0 } from './fixture.js';

const checkoutReady = [...shopping, scanEach('l1')];
const checkingOut = [...checkoutReady, { type: 'checkoutStarted', laneId: 'lane-2' }] as const satisfies readonly NewSessionEventInput[];
const paid = [...checkingOut, { type: 'paid', receiptId: 'r-1', total: 479 }] as const satisfies readonly NewSessionEventInput[];
const alertOpen = [...shopping, { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: ['s1'] } }] as const satisfies readonly NewSessionEventInput[];
const lockedMidTrip = [...checkoutReady, { type: 'locked', reason: 'low-battery', detail: '9%' }] as const satisfies readonly NewSessionEventInput[];

describe('a whole trip', () => {
  it('goes from the dock through shopping and payment back to the dock', () => {
    let s = build([{ type: 'docked' }, pair]);
    expect(s.status).toBe('docked');
    s = build([{ type: 'undocked' }, signIn()], s);
    expect(s.status).toBe('shopping');
    expect(s.trip).toMatchObject({ tripId: 'trip-1', shopperId: 'shopper-1', member: true, basket: [] });

    s = build(
      [
        scanEach('l1', 2),
        scanWeighed('l2'),
        scanEach('l3', 1, 'bread'),
        { type: 'quantityChanged', lineId: 'l1', quantity: 3 },
        { type: 'itemRemoved', lineId: 'l3' },
        { type: 'couponApplied', code: 'SAVE5' },
        { type: 'couponApplied', code: 'FALL-10' },
        { type: 'couponRemoved', code: 'SAVE5' },
        { type: 'personalItemDeclared', itemId: 'bag-1', description: 'tote bag', massMg: 180_000 },
        { type: 'budgetSet', limit: 5000 },
        { type: 'weighed', stepId: 's1', deltaMg: 1_000_000, uncertaintyMg: 2000 },
        { type: 'weighed', stepId: 's2', deltaMg: -250_000, uncertaintyMg: 2000 },
      ],
      s,
    );
    expect(s.trip?.basket.map((l) => [l.lineId, l.measure])).toEqual([
      ['l1', { by: 'each', quantity: 3 }],
      ['l2', { by: 'weight', netMg: 453_592 }],
    ]);
    expect(s.trip?.basket[1]?.labelPrice).toBe(349);
    expect(s.trip?.coupons).toEqual(['FALL-10']);
    expect(s.trip?.personalItems).toEqual([{ itemId: 'bag-1', description: 'tote bag', massMg: 180_000 }]);
    expect(s.trip?.budget).toBe(5000);
    expect(s.weight).toMatchObject({ placedMg: 1_000_000, removedMg: 250_000, netMg: 750_000, uncertaintyMg: 4000 });
    expect(s.weight.steps.map((w) => w.stepId)).toEqual(['s1', 's2']);

    s = build(
      [
        { type: 'alertRaised', alertId: 'a1', kind: 'not-placed', evidence: { lineIds: ['l2'] } },
        { type: 'alertResolved', alertId: 'a1', how: 'cleared-by-sensors', by: 'system' },
        { type: 'checkoutStarted', laneId: 'lane-2' },
      ],
      s,
    );
    expect(s.status).toBe('checking-out');
    expect(s.trip?.alerts[0]?.resolution).toMatchObject({ how: 'cleared-by-sensors', by: 'system' });

    s = build([{ type: 'paid', receiptId: 'r-77', total: 1882 }], s);
    expect(s.status).toBe('paid');
    expect(s.trip?.payment).toMatchObject({ receiptId: 'r-77', total: 1882 });

    s = build([{ type: 'docked' }], s);
    expect(s.status).toBe('docked');
    expect(s.trip).toBeNull();
    expect(s.weight.steps).toEqual([]);
    expect(s.lastSeq).toBe(21);
  });

  it('returns to shopping after a failed payment, and can check out again', () => {
    const s = build([...checkingOut, { type: 'paymentFailed', reason: 'card declined' }]);
    expect(s.status).toBe('shopping');
    expect(s.trip?.checkout).toBeNull();
    expect(s.trip?.paymentFailures).toEqual([{ reason: 'card declined', at: s.lastAt }]);
    expect(build([{ type: 'checkoutStarted', laneId: 'lane-3' }, { type: 'paid', receiptId: 'r-2', total: 479 }], s).status).toBe('paid');
  });

  it('signs out: a paid trip ends, an abandoned one too, and the next shopper starts empty', () => {
    const afterPaid = build([...paid, { type: 'signedOut' }]);
    expect(afterPaid).toMatchObject({ status: 'ready', trip: null });
    const next = build([signIn('trip-2', 'shopper-2')], build([...checkoutReady, { type: 'signedOut' }]));
    expect(next.trip).toMatchObject({ tripId: 'trip-2', basket: [] });
  });
});

describe('locks and staff mode sit on top of the phase', () => {
  it('keeps the basket through a lock and goes back to shopping when it lifts', () => {
    const locked = build(lockedMidTrip);
    expect(locked).toMatchObject({ status: 'locked', phase: 'shopping', locks: [{ reason: 'low-battery', detail: '9%' }] });
    expect(locked.trip?.basket).toHaveLength(1);
    expect(refusal(lockedMidTrip, scanEach('l2')).code).toBe('cart-locked');
    const unlocked = build([{ type: 'unlocked', reason: 'low-battery', by: 'system' }], locked);
    expect(unlocked.status).toBe('shopping');
    expect(unlocked.trip?.basket).toHaveLength(1);
  });

  it('holds several locks at once and stays locked until the last lifts', () => {
    const s = build([
      { type: 'locked', reason: 'not-paired', detail: '' },
      { type: 'faultRaised', faultId: 'f1', code: 'scale-offline', message: 'no reply from the load cell amplifier' },
      { type: 'locked', reason: 'fault', detail: 'scale offline' },
      pair,
      { type: 'unlocked', reason: 'not-paired', by: 'system' },
    ]);
    expect(s.status).toBe('locked');
    expect(s.locks.map((l) => l.reason)).toEqual(['fault']);
    const clear = build([{ type: 'faultCleared', faultId: 'f1' }, { type: 'unlocked', reason: 'fault', by: 'system' }], s);
    expect(clear).toMatchObject({ status: 'ready', faults: [], locks: [] });
  });

  it('lets a staff member in staff mode act on a locked cart', () => {
    const s = build([...lockedMidTrip, staffIn(), scanEach('l2'), { type: 'overrideApplied', by: 'staff-ana', lineId: 'l2', price: 199, reason: 'dented' }]);
    expect(s.status).toBe('locked');
    expect(s.staff).toMatchObject({ staffId: 'staff-ana', mode: 'assist' });
    expect(s.trip?.basket[1]?.priceOverride).toEqual({ price: 199, by: 'staff-ana', reason: 'dented' });
    const done = build(
      [{ type: 'locked', reason: 'staff-hold', detail: 'ID check' }, { type: 'ageChecked', by: 'staff-ana' }, { type: 'unlocked', reason: 'staff-hold', by: 'staff-ana' }, { type: 'staffModeExited' }],
      s,
    );
    expect(done.trip?.ageCheckedBy).toBe('staff-ana');
    expect(done.staff).toBeNull();
    expect(done.locks.map((l) => l.reason)).toEqual(['low-battery']);
  });

  it('records the payment that lands while the cart is locked: refusing it would lose a charge', () => {
    const s = build([...checkingOut, { type: 'locked', reason: 'low-battery', detail: '' }, { type: 'paid', receiptId: 'r-1', total: 479 }]);
    expect(s).toMatchObject({ status: 'locked', phase: 'paid' });
  });

  it('accepts weight steps and faults in any phase, including docked', () => {
    const s = build([{ type: 'docked' }, { type: 'weighed', stepId: 'w1', deltaMg: 5000, uncertaintyMg: 100 }, { type: 'faultRaised', faultId: 'f', code: 'dock-contact', message: '' }]);
    expect(s.weight.netMg).toBe(5000);
    expect(s.faults).toHaveLength(1);
  });
});

describe('refuses every illegal transition with a typed error', () => {
  const cases: [string, readonly NewSessionEventInput[], NewSessionEventInput, SessionErrorCode][] = [
    // Scanning and the basket need a shopper, shopping, on an unlocked cart.
    ['scan on a ready cart', [pair], scanEach('l1'), 'wrong-state'],
    ['scan on a docked cart', [{ type: 'docked' }], scanEach('l1'), 'wrong-state'],
    ['scan while checking out', checkingOut, scanEach('l2'), 'wrong-state'],
    ['scan after payment', paid, scanEach('l2'), 'already-paid'],
    ['scan on a locked cart', lockedMidTrip, scanEach('l2'), 'cart-locked'],
    ['the same line twice', checkoutReady, scanEach('l1'), 'duplicate'],
    ['a new count for an unknown line', shopping, { type: 'quantityChanged', lineId: 'nope', quantity: 2 }, 'unknown'],
    ['a new count for a weighed line', [...shopping, scanWeighed('w')], { type: 'quantityChanged', lineId: 'w', quantity: 2 }, 'not-each'],
    ['unscanning a line that is not there', shopping, { type: 'itemRemoved', lineId: 'nope' }, 'unknown'],
    ['unscanning while checking out', checkingOut, { type: 'itemRemoved', lineId: 'l1' }, 'wrong-state'],
    ['a coupon twice', [...shopping, { type: 'couponApplied', code: 'SAVE5' }], { type: 'couponApplied', code: 'SAVE5' }, 'duplicate'],
    ['removing a coupon never applied', shopping, { type: 'couponRemoved', code: 'SAVE5' }, 'unknown'],
    ['a personal item twice', [...shopping, { type: 'personalItemDeclared', itemId: 'bag', description: 'bag' }], { type: 'personalItemDeclared', itemId: 'bag', description: 'bag' }, 'duplicate'],
    ['a budget with nobody shopping', [], { type: 'budgetSet', limit: 100 }, 'wrong-state'],
    // Signing in.
    ['sign in on a locked cart', [pair, { type: 'locked', reason: 'staff-hold', detail: '' }], signIn(), 'cart-locked'],
    ['sign in on a docked cart', [pair, { type: 'docked' }], signIn(), 'wrong-state'],
    ['sign in on an unpaired cart', [], signIn(), 'not-paired'],
    ['sign in over an open trip', shopping, signIn('trip-2'), 'wrong-state'],
    ['sign in over a paid trip not signed out', paid, signIn('trip-2'), 'wrong-state'],
    ['sign out with nobody signed in', [pair], { type: 'signedOut' }, 'wrong-state'],
    ['sign out while the store is charging', checkingOut, { type: 'signedOut' }, 'wrong-state'],
    // Checkout and payment.
    ['checkout with an empty basket', shopping, { type: 'checkoutStarted', laneId: 'lane-1' }, 'empty-basket'],
    ['checkout with an open alert', [...alertOpen, scanEach('l1')], { type: 'checkoutStarted', laneId: 'lane-1' }, 'open-alerts'],
    ['checkout twice', checkingOut, { type: 'checkoutStarted', laneId: 'lane-1' }, 'wrong-state'],
    ['checkout on a locked cart', lockedMidTrip, { type: 'checkoutStarted', laneId: 'lane-1' }, 'cart-locked'],
    ['checkout with nobody shopping', [pair], { type: 'checkoutStarted', laneId: 'lane-1' }, 'wrong-state'],
    ['pay twice', paid, { type: 'paid', receiptId: 'r-2', total: 479 }, 'already-paid'],
    ['pay with no checkout open', checkoutReady, { type: 'paid', receiptId: 'r-1', total: 479 }, 'wrong-state'],
    ['a payment failure with no checkout open', checkoutReady, { type: 'paymentFailed', reason: 'x' }, 'wrong-state'],
    ['a payment failure after payment', paid, { type: 'paymentFailed', reason: 'late' }, 'already-paid'],
    // The dock and pairing.
    ['dock twice', [{ type: 'docked' }], { type: 'docked' }, 'wrong-state'],
    ['dock mid-trip', shopping, { type: 'docked' }, 'wrong-state'],
    ['dock while checking out', checkingOut, { type: 'docked' }, 'wrong-state'],
    ['undock a cart that is not docked', [], { type: 'undocked' }, 'wrong-state'],
    ['pair twice', [pair], pair, 'duplicate'],
    ['unpair an unpaired cart', [], { type: 'unpaired' }, 'not-paired'],
    ['unpair mid-trip', shopping, { type: 'unpaired' }, 'wrong-state'],
    // Locks.
    ['lock twice for the same reason', [{ type: 'locked', reason: 'fault', detail: '' }], { type: 'locked', reason: 'fault', detail: 'again' }, 'duplicate'],
    ['unlock a lock not held', [], { type: 'unlocked', reason: 'fault', by: 'system' }, 'unknown'],
    ['unlock not-paired while unpaired', [{ type: 'locked', reason: 'not-paired', detail: '' }], { type: 'unlocked', reason: 'not-paired', by: 'system' }, 'cause-remains'],
    [
      'unlock fault with a fault open',
      [{ type: 'faultRaised', faultId: 'f1', code: 'scale-offline', message: '' }, { type: 'locked', reason: 'fault', detail: '' }],
      { type: 'unlocked', reason: 'fault', by: 'system' },
      'cause-remains',
    ],
    ['lift a staff hold outside staff mode', [{ type: 'locked', reason: 'staff-hold', detail: '' }], { type: 'unlocked', reason: 'staff-hold', by: 'staff-ana' }, 'not-staff'],
    ['lift a staff hold as someone else', [{ type: 'locked', reason: 'staff-hold', detail: '' }, staffIn('staff-bo')], { type: 'unlocked', reason: 'staff-hold', by: 'staff-ana' }, 'not-staff'],
    // Staff.
    ['staff mode twice', [staffIn()], staffIn('staff-bo'), 'duplicate'],
    ['leave staff mode that is not on', [], { type: 'staffModeExited' }, 'wrong-state'],
    ['an age check outside staff mode', shopping, { type: 'ageChecked', by: 'staff-ana' }, 'not-staff'],
    ['an age check with nobody shopping', [staffIn()], { type: 'ageChecked', by: 'staff-ana' }, 'wrong-state'],
    ['an age check after payment', [...paid, staffIn()], { type: 'ageChecked', by: 'staff-ana' }, 'already-paid'],
    ['a price override outside staff mode', checkoutReady, { type: 'overrideApplied', by: 'staff-ana', lineId: 'l1', price: 1, reason: 'x' }, 'not-staff'],
    ['a price override on an unknown line', [...checkoutReady, staffIn()], { type: 'overrideApplied', by: 'staff-ana', lineId: 'l9', price: 1, reason: 'x' }, 'unknown'],
    // Alerts, faults, the scale.
    ['an alert with nobody shopping', [], { type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: {} }, 'wrong-state'],
    ['the same alert twice', alertOpen, { type: 'alertRaised', alertId: 'a1', kind: 'not-placed', evidence: {} }, 'duplicate'],
    ['resolving an unknown alert', alertOpen, { type: 'alertResolved', alertId: 'a9', how: 'scanned', by: 'shopper' }, 'unknown'],
    [
      'resolving an alert twice',
      [...alertOpen, { type: 'alertResolved', alertId: 'a1', how: 'scanned', by: 'shopper' }],
      { type: 'alertResolved', alertId: 'a1', how: 'removed', by: 'shopper' },
      'duplicate',
    ],
    ['a staff verification outside staff mode', alertOpen, { type: 'alertResolved', alertId: 'a1', how: 'staff-verified', by: 'staff-ana' }, 'not-staff'],
    ['the same fault twice', [{ type: 'faultRaised', faultId: 'f1', code: 'x', message: '' }], { type: 'faultRaised', faultId: 'f1', code: 'x', message: '' }, 'duplicate'],
    ['clearing an unknown fault', [], { type: 'faultCleared', faultId: 'f1' }, 'unknown'],
    ['the same weight step twice', [{ type: 'weighed', stepId: 's1', deltaMg: 10, uncertaintyMg: 1 }], { type: 'weighed', stepId: 's1', deltaMg: 10, uncertaintyMg: 1 }, 'duplicate'],
  ];

  it.each(cases)('%s', (_name, setup, intent, code) => {
    const error = refusal(setup, intent);
    expect(error.code).toBe(code);
    expect(error.eventType).toBe(intent.type);
    expect(error.message.length).toBeGreaterThan(10);
  });

  const base = build(checkoutReady);
  const next = (patch: Partial<SessionEvent>): SessionEvent => ({ ...stampNext(base, scanEach('l2')), ...patch }) as SessionEvent;

  it('refuses a seq gap, a duplicate seq and time going backwards', () => {
    const gap = applyEvent(base, next({ seq: base.lastSeq + 2 }));
    expect(!gap.ok && gap.error.code).toBe('seq-gap');
    const again = applyEvent(base, next({ seq: base.lastSeq }));
    expect(!again.ok && again.error.code).toBe('duplicate-seq');
    const back = applyEvent(base, next({ at: base.lastAt - 1 }));
    expect(!back.ok && back.error.code).toBe('time-backwards');
    expect(applyEvent(base, next({ at: base.lastAt })).ok).toBe(true);
  });

  it('takes the first event of a log only as seq 1', () => {
    const first = stampNext(initialCartState, pair);
    expect(applyEvent(initialCartState, { ...first, seq: 2 }).ok).toBe(false);
    expect(applyEvent(initialCartState, { ...first, seq: 0 }).ok).toBe(false);
    expect(applyEvent(initialCartState, first).ok).toBe(true);
  });
});

describe('replayEvents', () => {
  it('names the event that cannot apply', () => {
    const events: SessionEvent[] = [];
    let s = initialCartState;
    for (const intent of checkoutReady) {
      const e = stampNext(s, intent);
      events.push(e);
      s = build([intent], s);
    }
    expect(replayEvents(events)).toEqual({ ok: true, value: s });
    const broken = replayEvents([...events.slice(0, 2), { ...events[2]!, seq: 9 }]);
    expect(!broken.ok && broken.error.index).toBe(2);
  });
});

// Random intents, accepted or refused, must keep the state's invariants, and a refused intent
// must change nothing: the log only ever holds what applied.
describe('invariants under random intents', () => {
  const ids = fc.constantFrom('a', 'b', 'c');
  const intent: fc.Arbitrary<NewSessionEventInput> = fc.oneof(
    fc.constantFrom<NewSessionEventInput>(
      { type: 'docked' },
      { type: 'undocked' },
      pair,
      { type: 'unpaired' },
      { type: 'signedOut' },
      { type: 'checkoutStarted', laneId: 'lane-1' },
      { type: 'staffModeExited' },
      { type: 'paymentFailed', reason: 'declined' },
      staffIn(),
      { type: 'helpRequested', from: 'button' },
      { type: 'helpEnded', how: 'answered', by: 'staff-ana' },
      { type: 'helpEnded', how: 'withdrawn', by: 'shopper' },
    ),
    ids.map((id) => signIn(`trip-${id}`)),
    ids.map((id) => scanEach(id)),
    ids.map((id) => ({ type: 'itemRemoved', lineId: id }) as const),
    ids.map((id) => ({ type: 'paid', receiptId: `r-${id}`, total: 100 }) as const),
    fc.tuple(ids, fc.integer({ min: -5000, max: 5000 }).filter((d) => d !== 0)).map(([id, d]) => ({ type: 'weighed', stepId: id, deltaMg: d, uncertaintyMg: 10 }) as const),
    fc.constantFrom('not-paired', 'low-battery', 'fault', 'staff-hold').map((reason) => ({ type: 'locked', reason, detail: '' }) as const),
    fc.constantFrom('not-paired', 'low-battery', 'fault', 'staff-hold').map((reason) => ({ type: 'unlocked', reason, by: 'staff-ana' }) as const),
    ids.map((id) => ({ type: 'alertRaised', alertId: id, kind: 'unscanned-item', evidence: {} }) as const),
    ids.map((id) => ({ type: 'alertResolved', alertId: id, how: 'removed', by: 'shopper' }) as const),
  );

  it('keeps trip, status and seq consistent, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(intent, { maxLength: 60 }), (intents) => {
        let s: CartState = initialCartState;
        let accepted = 0;
        for (const i of intents) {
          const next = step(s, i);
          if (!next.ok) continue; // the state object was not touched: deepFreeze would have thrown
          s = next.value;
          accepted++;
          expect(s.lastSeq).toBe(accepted);
          expect(s.trip !== null).toBe(s.phase === 'shopping' || s.phase === 'checking-out' || s.phase === 'paid');
          expect(s.status).toBe(s.locks.length > 0 ? 'locked' : s.phase);
          expect(new Set(s.locks.map((l) => l.reason)).size).toBe(s.locks.length);
          if (s.phase === 'paid') expect(s.trip?.payment).not.toBeNull();
          if (s.phase === 'checking-out') expect(s.trip?.alerts.every((a) => a.resolution)).toBe(true);
          expect(s.weight.netMg).toBe(s.weight.steps.reduce((sum, w) => sum + w.deltaMg, 0));
          // A call for help is never left standing beside the staff member who answers it.
          if (i.type === 'helpRequested') expect(s.staff).toBeNull();
        }
        expect(s.lastAt === 0 || s.lastAt >= T0).toBe(true);
      }),
      { seed: 20260101, numRuns: 300 },
    );
  });
});
