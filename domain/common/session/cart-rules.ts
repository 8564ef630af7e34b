// Rules for the cart itself, whoever is shopping with it: the dock, pairing with a store, locks,
// staff mode, faults and the scale. Most of these are facts the hardware reports, so they are
// accepted in any phase; only what would contradict the state (docking mid-trip, a second lock
// for the same reason) is refused.
import { ok } from '../result.js';
import { emptyWeightHistory, refuse, type Applied, type Rules } from './rule.js';
import type { CartState } from './state.js';

/** Refuses a staff action unless `by` is the staff member whose staff mode is on. */
export function requireStaff(state: CartState, event: { readonly type: string }, by: string): Applied | undefined {
  if (!state.staff) return refuse('not-staff', event, `${event.type} needs staff mode; ${by} must sign in as staff first`);
  if (state.staff.staffId !== by) return refuse('not-staff', event, `${event.type} by ${by}, but staff mode belongs to ${state.staff.staffId}`);
  return undefined;
}

export const cartRules: Rules<
  'docked' | 'undocked' | 'paired' | 'unpaired' | 'locked' | 'unlocked' | 'staffModeEntered' | 'staffModeExited' | 'faultRaised' | 'faultCleared' | 'weighed'
> = {
  docked(state, event) {
    if (state.phase === 'docked') return refuse('wrong-state', event, 'the cart is already docked');
    if (state.phase === 'shopping' || state.phase === 'checking-out') {
      return refuse('wrong-state', event, `a trip is under way (${state.phase}); it must be paid or signed out before the cart docks`);
    }
    // Docking ends a paid trip: the cart goes back to charging, empty.
    return ok({ ...state, phase: 'docked', trip: null, weight: emptyWeightHistory });
  },

  undocked(state, event) {
    if (state.phase !== 'docked') return refuse('wrong-state', event, `the cart is not docked (${state.phase})`);
    return ok({ ...state, phase: 'ready' });
  },

  paired(state, event) {
    if (state.pairing) return refuse('duplicate', event, `the cart is already paired as ${state.pairing.cartId} with store ${state.pairing.storeId}; unpair it first`);
    return ok({ ...state, pairing: { storeId: event.storeId, cartId: event.cartId } });
  },

  unpaired(state, event) {
    if (!state.pairing) return refuse('not-paired', event, 'the cart is not paired with a store');
    if (state.phase === 'shopping' || state.phase === 'checking-out') {
      return refuse('wrong-state', event, `a trip is under way (${state.phase}); the store must see it through before the cart is unpaired`);
    }
    return ok({ ...state, pairing: null });
  },

  locked(state, event) {
    if (state.locks.some((l) => l.reason === event.reason)) return refuse('duplicate', event, `the cart is already locked for ${event.reason}`);
    return ok({ ...state, locks: [...state.locks, { reason: event.reason, detail: event.detail, since: event.at }] });
  },

  unlocked(state, event) {
    if (!state.locks.some((l) => l.reason === event.reason)) return refuse('unknown', event, `the cart is not locked for ${event.reason}`);
    // A lock stands for a cause; lifting it while the cause is still there would hide the cause.
    if (event.reason === 'not-paired' && !state.pairing) return refuse('cause-remains', event, 'the cart is still not paired with a store');
    if (event.reason === 'fault' && state.faults.length > 0) {
      return refuse('cause-remains', event, `faults are still open: ${state.faults.map((f) => f.faultId).join(', ')}`);
    }
    if (event.reason === 'staff-hold') {
      const notStaff = requireStaff(state, event, event.by);
      if (notStaff) return notStaff;
    }
    return ok({ ...state, locks: state.locks.filter((l) => l.reason !== event.reason) });
  },

  staffModeEntered(state, event) {
    if (state.staff) return refuse('duplicate', event, `staff mode is already on for ${state.staff.staffId}`);
    return ok({ ...state, staff: { staffId: event.staffId, mode: event.mode, since: event.at } });
  },

  staffModeExited(state, event) {
    if (!state.staff) return refuse('wrong-state', event, 'staff mode is not on');
    return ok({ ...state, staff: null });
  },

  faultRaised(state, event) {
    if (state.faults.some((f) => f.faultId === event.faultId)) return refuse('duplicate', event, `fault ${event.faultId} is already open`);
    return ok({ ...state, faults: [...state.faults, { faultId: event.faultId, code: event.code, message: event.message, since: event.at }] });
  },

  faultCleared(state, event) {
    if (!state.faults.some((f) => f.faultId === event.faultId)) return refuse('unknown', event, `no open fault ${event.faultId}`);
    return ok({ ...state, faults: state.faults.filter((f) => f.faultId !== event.faultId) });
  },

  weighed(state, event) {
    const w = state.weight;
    if (w.steps.some((s) => s.stepId === event.stepId)) return refuse('duplicate', event, `weight step ${event.stepId} was already recorded`);
    const placed = Math.max(0, event.deltaMg);
    const removed = Math.max(0, -event.deltaMg);
    return ok({
      ...state,
      weight: {
        steps: [...w.steps, { stepId: event.stepId, deltaMg: event.deltaMg, uncertaintyMg: event.uncertaintyMg, at: event.at }],
        placedMg: w.placedMg + placed,
        removedMg: w.removedMg + removed,
        netMg: w.netMg + event.deltaMg,
        uncertaintyMg: w.uncertaintyMg + event.uncertaintyMg,
      },
    });
  },
};
