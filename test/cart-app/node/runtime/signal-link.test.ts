// The runtime's side of the pole light and the buzzer, with the parts faked: which requests the
// cart's state makes (cart-light.ts), and how the link follows scans, alerts, the help button and
// staff. The same link on the real drivers is tested in test/cart-app/node/emulated/cart-signals.test.ts.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cartLightRequests } from '../../../../cart-app/node/runtime/cart-light.js';
import { linkSignals, type ButtonPort } from '../../../../cart-app/node/runtime/signal-link.js';
import type { CartState } from '../../../../domain/common/session/state.js';
import type { BuzzerCue, LightSignal } from '../../../../hardware/common/cart-signals.js';
import type { DebouncedInputEventMap } from '../../../../hardware/node/signals/debounced-input.js';
import { gtinOf } from '../../cart-fixture.js';
import { staffCarts } from './staff-cart.js';

class FakeButton extends EventEmitter<DebouncedInputEventMap> implements ButtonPort {
  isDown = false;
}

function fakeParts() {
  const requests = new Map<string, LightSignal>();
  const cues: BuzzerCue[] = [];
  let flashes = 0;
  const parts = {
    light: {
      request: (reason: string, signal: LightSignal) => void requests.set(reason, signal),
      withdraw: (reason: string) => void requests.delete(reason),
      flash: () => void flashes++,
    },
    buzzer: { play: (cue: BuzzerCue) => void cues.push(cue) },
    buttons: { help: new FakeButton(), staffKey: new FakeButton() },
  };
  return { parts, requests, cues, flashes: () => flashes };
}

const carts = staffCarts();

function rig() {
  const cart = carts.open();
  const fake = fakeParts();
  const unlink = linkSignals(cart.runtime, fake.parts);
  return { cart, ...fake, unlink };
}

const press = (b: FakeButton, event: keyof DebouncedInputEventMap): void => {
  b.isDown = event === 'press' || event === 'hold';
  if (event === 'release') b.emit('release', { at: 0, heldMs: 100 });
  else b.emit(event, { at: 0 });
};

describe('the runtime on the pole light and the buzzer', () => {
  it('chirps and flashes for each scan taken, double-beeps for a refused one, and never for a screen-only change', () => {
    const { cart, cues, flashes } = rig();
    expect(cart.runtime.dispatch({ type: 'scan', code: gtinOf(cart.runtime.catalog, 'juice-bravo-apple') }).ok).toBe(true);
    expect(cart.runtime.dispatch({ type: 'scan', code: '4006381333931' }).ok).toBe(false);
    expect(cart.runtime.dispatch({ type: 'setBudget', limit: 5000 }).ok).toBe(true);
    expect(cues).toEqual(['scan-accepted', 'attention']);
    expect(flashes()).toBe(1);
  });

  it('sounds the attention cue when an alert is raised and asks for attention until it is resolved', () => {
    const { cart, cues, requests } = rig();
    expect(cart.runtime.record({ type: 'alertRaised', alertId: 'a1', kind: 'unscanned-item', evidence: { stepIds: [], lineIds: [], skus: [], note: 'test' } }).ok).toBe(true);
    expect(cues).toEqual(['attention']);
    expect(requests.get('alerts')).toBe('attention');
    expect(cart.runtime.dispatch({ type: 'staffSignIn', pin: '2468' }).ok).toBe(true);
    expect(cart.runtime.dispatch({ type: 'verifyAlert', alertId: 'a1' }).ok).toBe(true);
    expect(requests.has('alerts')).toBe(false);
  });

  it('calls staff on a help press until staff sign in, and not again after they sign out', () => {
    const { cart, parts, requests } = rig();
    press(parts.buttons.help, 'press');
    expect(requests.get('help')).toBe('staff');
    expect(cart.runtime.state.help?.from).toBe('button');
    expect(cart.runtime.dispatch({ type: 'staffSignIn', pin: '2468' }).ok).toBe(true);
    expect(requests.has('help')).toBe(false);
    expect(cart.runtime.tripEvents().filter((e) => e.type.startsWith('help')).map((e) => e.type)).toEqual(['helpRequested', 'helpEnded']);
    expect(requests.get('staff')).toBe('staff');
    // Pressed while staff are here: no call.
    press(parts.buttons.help, 'press');
    expect(cart.runtime.dispatch({ type: 'staffSignOut' }).ok).toBe(true);
    expect([...requests]).toEqual([]);
  });

  it('lets the shopper take the call back by holding the button, and the staff key show staff', () => {
    const { parts, requests, unlink } = rig();
    press(parts.buttons.help, 'press');
    press(parts.buttons.help, 'hold');
    expect(requests.has('help')).toBe(false);
    press(parts.buttons.staffKey, 'press');
    expect(requests.get('staff')).toBe('staff');
    press(parts.buttons.staffKey, 'release');
    expect(requests.has('staff')).toBe(false);
    press(parts.buttons.help, 'press');
    unlink();
    expect([...requests]).toEqual([]);
    // Unlinked: the buttons reach nothing any more.
    press(parts.buttons.help, 'press');
    expect([...requests]).toEqual([]);
  });
});

describe('the light requests of the cart\'s state', () => {
  const base: Pick<CartState, 'trip' | 'staff' | 'locks' | 'help'> = { trip: null, staff: null, locks: [], help: null };
  const help = { from: 'button' as const, since: 0 };
  const lock = (reason: CartState['locks'][number]['reason']) => ({ reason, detail: '', since: 0 });

  it('asks for nothing on a quiet cart', () => {
    expect(cartLightRequests({ state: base, staffKey: false })).toEqual([]);
  });

  it('keeps red for a staff hold, and amber for any other lock', () => {
    expect(cartLightRequests({ state: { ...base, locks: [lock('low-battery')] }, staffKey: false })).toEqual([{ reason: 'lock', signal: 'attention' }]);
    expect(cartLightRequests({ state: { ...base, locks: [lock('fault'), lock('staff-hold')] }, staffKey: false })).toEqual([{ reason: 'lock', signal: 'alarm' }]);
  });

  it('drops a help call once staff are signed in, and shows staff for the key alone', () => {
    const staff = { staffId: 'lee', mode: 'assist' as const, since: 0 };
    expect(cartLightRequests({ state: { ...base, staff, help }, staffKey: false })).toEqual([{ reason: 'staff', signal: 'staff' }]);
    expect(cartLightRequests({ state: { ...base, help }, staffKey: true })).toEqual([
      { reason: 'help', signal: 'staff' },
      { reason: 'staff', signal: 'staff' },
    ]);
  });
});
