// A trip the cart let leave while the store was unreachable: only a checkout under way can be
// left unsettled, at its own lane; it frees the cart for the next shopper, and the store reads
// the event in an uploaded log like any other.
import { describe, expect, it } from 'vitest';
import { parseSessionEvent, type SessionEvent } from '../../../../domain/common/session/events.js';
import { applyEvent, initialCartState, type CartState } from '../../../../domain/common/session/state.js';

function replay(events: readonly Record<string, unknown>[]): { state: CartState; refused: string | null } {
  let state = initialCartState;
  for (const [i, raw] of events.entries()) {
    const parsed = parseSessionEvent({ ...raw, seq: i + 1, at: 1_000 + i });
    if (!parsed.ok) return { state, refused: parsed.error.message };
    const next = applyEvent(state, parsed.value as SessionEvent);
    if (!next.ok) return { state, refused: next.error.message };
    state = next.value;
  }
  return { state, refused: null };
}

const shopping = [
  { type: 'paired', storeId: 'store-1', cartId: 'cart-1' },
  { type: 'signedIn', tripId: 'trip-1', shopperId: 'shopper-1', member: false },
  { type: 'scanned', lineId: 'l1', code: '7350099101014', symbology: 'ean-13', sku: 'juice', measure: { by: 'each', quantity: 1 } },
];

describe('leftUnsettled', () => {
  it('ends a checkout under way and frees the cart for the next shopper', () => {
    const { state, refused } = replay([...shopping, { type: 'checkoutStarted', laneId: '3' }, { type: 'leftUnsettled', laneId: '3' }, { type: 'signedIn', tripId: 'trip-2', shopperId: 'shopper-2', member: false }]);
    expect(refused).toBeNull();
    expect(state.phase).toBe('shopping');
    expect(state.trip?.tripId).toBe('trip-2');
  });

  it('is refused without a checkout, at another lane, after payment, and with a bad lane id', () => {
    expect(replay([...shopping, { type: 'leftUnsettled', laneId: '3' }]).refused).toMatch(/no checkout is open/);
    expect(replay([...shopping, { type: 'checkoutStarted', laneId: '3' }, { type: 'leftUnsettled', laneId: '4' }]).refused).toMatch(/lane 3, not 4/);
    expect(replay([...shopping, { type: 'checkoutStarted', laneId: '3' }, { type: 'paid', receiptId: 'r1', total: 399 }, { type: 'leftUnsettled', laneId: '3' }]).refused).toMatch(/no checkout is open/);
    expect(replay([...shopping, { type: 'checkoutStarted', laneId: '3' }, { type: 'leftUnsettled', laneId: '' }]).refused).toMatch(/not a valid leftUnsettled/);
    expect(replay([...shopping, { type: 'checkoutStarted', laneId: '3' }, { type: 'leftUnsettled', laneId: '3', extra: 1 }]).refused).toMatch(/not a valid leftUnsettled/);
  });
});
