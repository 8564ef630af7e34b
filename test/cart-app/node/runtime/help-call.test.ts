// A call for help from the cart's screen: recorded in the session log, shown in the snapshot,
// taken back by the shopper, answered by the staff member who signs in, and not carried into the
// next shopper's trip.
import { describe, expect, it } from 'vitest';
import { staffCarts, type StaffCart } from './staff-cart.js';

const carts = staffCarts();
const open = (): StaffCart => carts.open();
const helpEvents = (cart: StaffCart) => cart.runtime.tripEvents().filter((e) => e.type === 'helpRequested' || e.type === 'helpEnded');

describe('the help call from the screen', () => {
  it('shows on the snapshot until the staff member who signs in answers it, by name in the log', () => {
    const cart = open();
    expect(cart.runtime.dispatch({ type: 'callHelp' }).ok).toBe(true);
    expect(cart.runtime.snapshot().help).toEqual({ from: 'screen', since: cart.clock.now() });
    // A second tap while waiting is not a second call.
    expect(cart.runtime.dispatch({ type: 'callHelp' }).ok).toBe(true);
    cart.clock.advance(90_000);
    expect(cart.runtime.dispatch({ type: 'staffSignIn', pin: '13579' }).ok).toBe(true);
    expect(cart.runtime.snapshot().help).toBeNull();
    expect(helpEvents(cart)).toMatchObject([
      { type: 'helpRequested', from: 'screen' },
      { type: 'helpEnded', how: 'answered', by: 'maria' },
    ]);
    // With staff at the cart there is nobody else to call.
    expect(cart.runtime.dispatch({ type: 'callHelp' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(cart.warnings).toEqual([]);
  });

  it('is taken back by the shopper, and a cancel with no call open changes nothing', () => {
    const cart = open();
    expect(cart.runtime.dispatch({ type: 'cancelHelp' }).ok).toBe(true);
    expect(helpEvents(cart)).toEqual([]);
    expect(cart.runtime.dispatch({ type: 'callHelp' }).ok).toBe(true);
    expect(cart.runtime.dispatch({ type: 'cancelHelp' }).ok).toBe(true);
    expect(cart.runtime.snapshot().help).toBeNull();
    expect(helpEvents(cart).map((e) => (e.type === 'helpEnded' ? `${e.how} by ${e.by}` : e.type))).toEqual(['helpRequested', 'withdrawn by shopper']);
  });

  it('can be asked with nobody shopping, and ends before the next shopper signs in', () => {
    const cart = open();
    expect(cart.runtime.dispatch({ type: 'callHelp' }).ok).toBe(true);
    expect(cart.runtime.signIn({ tripId: 'trip-next', shopperId: 'bo', member: false }).ok).toBe(true);
    expect(cart.runtime.state.help).toBeNull();
    expect(helpEvents(cart)).toEqual([]);
    expect(cart.runtime.record({ type: 'signedOut' }).ok).toBe(true);
    expect(cart.runtime.dispatch({ type: 'callHelp' }).ok).toBe(true);
    expect(cart.runtime.state.help?.from).toBe('screen');
  });

  it('refuses a malformed request', () => {
    const cart = open();
    expect(cart.runtime.dispatch({ type: 'callHelp', from: 'button' })).toMatchObject({ ok: false, error: { code: 'invalid-intent' } });
    expect(cart.runtime.state.help).toBeNull();
  });
});
