// Builders for session tests: intents in the shop's words, stamped and replayed the way the
// durable session does it. Every state a builder returns is deep-frozen, so a rule that mutated
// its input would throw instead of passing quietly.
import type { SessionError } from '../../../../domain/common/session/errors.js';
import { newSessionEventSchema, type NewSessionEventInput, type SessionEvent } from '../../../../domain/common/session/events.js';
import { applyEvent, initialCartState, type CartState } from '../../../../domain/common/session/state.js';

export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

export const pair: NewSessionEventInput = { type: 'paired', storeId: 'store-1', cartId: 'cart-7' };
export const signIn = (tripId = 'trip-1', shopperId = 'shopper-1'): NewSessionEventInput => ({ type: 'signedIn', tripId, shopperId, member: true });
export const scanEach = (lineId: string, quantity = 1, sku = 'milk'): NewSessionEventInput => ({
  type: 'scanned',
  lineId,
  code: '0894512000012',
  symbology: 'ean-13',
  sku,
  measure: { by: 'each', quantity },
});
export const scanWeighed = (lineId: string, netMg = 453_592, sku = 'deli-ham'): NewSessionEventInput => ({
  type: 'scanned',
  lineId,
  code: '0212345034999',
  symbology: 'upc-a',
  sku,
  measure: { by: 'weight', netMg },
  labelPrice: 349,
});
export const staffIn = (staffId = 'staff-ana'): NewSessionEventInput => ({ type: 'staffModeEntered', staffId, mode: 'assist' });

/** A paired cart with a shopper signed in. */
export const shopping: readonly NewSessionEventInput[] = [pair, signIn()];

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The intent as the next event after `state`: schema defaults filled, seq next, 10 s later. */
export function stampNext(state: CartState, intent: NewSessionEventInput): SessionEvent {
  const at = state.lastSeq === 0 ? T0 : state.lastAt + 10_000;
  return { ...newSessionEventSchema.parse(intent), seq: state.lastSeq + 1, at };
}

/** Applies the intent as the next event. */
export function step(state: CartState, intent: NewSessionEventInput): ReturnType<typeof applyEvent> {
  const next = applyEvent(state, stampNext(state, intent));
  return next.ok ? { ok: true, value: deepFreeze(next.value) } : next;
}

/** Applies every intent in order; a refusal fails the test, naming the event. */
export function build(intents: readonly NewSessionEventInput[], from: CartState = initialCartState): CartState {
  let state = deepFreeze(from);
  for (const intent of intents) {
    const next = step(state, intent);
    if (!next.ok) throw new Error(`setup event ${intent.type} was refused: ${next.error.message}`);
    state = next.value;
  }
  return state;
}

/** Applies the intent to the state built from `setup`, expecting a refusal. */
export function refusal(setup: readonly NewSessionEventInput[], intent: NewSessionEventInput): SessionError {
  const next = step(build(setup), intent);
  if (next.ok) throw new Error(`${intent.type} was accepted; expected a refusal`);
  return next.error;
}
