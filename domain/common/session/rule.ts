// What the reducer's rules share: their shape, and how they refuse an event.
import { err, type Result } from '../result.js';
import { SessionError, type SessionErrorCode } from './errors.js';
import type { EventOf, SessionEventType } from './events.js';
import type { CartState, WeightHistory } from './state.js';

export type Applied = Result<CartState, SessionError>;
/** One event type's rule: the next state, or why the event cannot happen now. Seq and time are checked before. */
export type Rule<T extends SessionEventType> = (state: CartState, event: EventOf<T>) => Applied;
export type Rules<T extends SessionEventType> = { readonly [K in T]: Rule<K> };

/** A refusal; it fits any rule's or helper's Result. */
export const refuse = (code: SessionErrorCode, event: { readonly type: string }, message: string): { readonly ok: false; readonly error: SessionError } =>
  err(new SessionError(code, message, event.type));

/** No weight steps yet: a new cart, a new trip, or a cart back on its dock. */
export const emptyWeightHistory: WeightHistory = { steps: [], placedMg: 0, removedMg: 0, netMg: 0, uncertaintyMg: 0 };
