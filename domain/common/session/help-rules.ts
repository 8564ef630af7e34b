// Rules for a call for help: the cart's help button or the screen's asks for a person, and the
// call stays open until a staff member answers it by signing in on the cart, or it is taken back.
// The call belongs to the cart, not to a trip, so a shopper who cannot sign in can still ask.
import { ok } from '../result.js';
import { requireStaff } from './cart-rules.js';
import { refuse, type Rules } from './rule.js';

export const helpRules: Rules<'helpRequested' | 'helpEnded'> = {
  helpRequested(state, event) {
    if (state.help) return refuse('duplicate', event, 'help was already asked for and nobody has answered yet');
    // A staff member is already at the cart: there is nobody else to call.
    if (state.staff) return refuse('wrong-state', event, `${state.staff.staffId} is signed in on this cart already`);
    return ok({ ...state, help: { from: event.from, since: event.at } });
  },

  helpEnded(state, event) {
    if (!state.help) return refuse('unknown', event, 'nobody is calling for help on this cart');
    if (event.how === 'answered') {
      const notStaff = requireStaff(state, event, event.by);
      if (notStaff) return notStaff;
    }
    return ok({ ...state, help: null });
  },
};
