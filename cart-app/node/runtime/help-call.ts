// A call for a person, from the cart's help button or the help button on its screen. The call is
// a session event (so the store sees it in the trip log, and the pole light and the screen follow
// the log like everything else), and it ends the moment a staff member signs in on the cart,
// however they sign in, or when the shopper takes it back. A new shopper's trip starts with no
// call open: the log the store replays begins at the sign-in.
import { ok, type Result } from '../../../domain/common/result.js';
import type { HelpSource, NewSessionEventInput, SessionEvent } from '../../../domain/common/session/events.js';
import type { CartState } from '../../../domain/common/session/state.js';
import type { IntentError } from '../../common/ui-protocol/intents.js';

/** What the help call needs of the runtime. */
export interface HelpCart {
  readonly state: CartState;
  record(event: NewSessionEventInput): Result<void, IntentError>;
  onEvent(listener: (event: SessionEvent) => void): () => void;
}

export class HelpCall {
  readonly #cart: HelpCart;
  readonly #warn: (message: string) => void;
  readonly #stop: () => void;

  constructor(cart: HelpCart, warn: (message: string) => void) {
    this.#cart = cart;
    this.#warn = warn;
    this.#stop = cart.onEvent((event) => {
      if (event.type === 'staffModeEntered' && cart.state.help) this.#end({ type: 'helpEnded', how: 'answered', by: event.staffId });
    });
    // A cart that stopped between a staff sign-in and its answer comes back with both in the log.
    const { help, staff } = cart.state;
    if (help && staff) this.#end({ type: 'helpEnded', how: 'answered', by: staff.staffId });
  }

  /** Asks for a person; asking again while the call is open changes nothing. */
  ask(from: HelpSource): Result<void, IntentError> {
    const { help, staff } = this.#cart.state;
    if (help) return ok(undefined);
    if (staff) return { ok: false, error: { code: 'refused', message: 'A staff member is signed in on this cart already.' } };
    return this.#cart.record({ type: 'helpRequested', from });
  }

  /** The shopper takes the call back; nothing to do when none is open. */
  withdraw(): Result<void, IntentError> {
    return this.#cart.state.help ? this.#cart.record({ type: 'helpEnded', how: 'withdrawn', by: 'shopper' }) : ok(undefined);
  }

  /** Ends an open call before another shopper's trip begins. */
  endForNewTrip(): Result<void, IntentError> {
    return this.#cart.state.help ? this.#cart.record({ type: 'helpEnded', how: 'withdrawn', by: 'system' }) : ok(undefined);
  }

  close(): void {
    this.#stop();
  }

  #end(event: NewSessionEventInput): void {
    const ended = this.#cart.record(event);
    if (!ended.ok) this.#warn(`the help call could not be closed: ${ended.error.message}`);
  }
}
