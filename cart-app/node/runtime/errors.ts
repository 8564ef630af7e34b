import type { IntentErrorCode } from '../../common/ui-protocol/intents.js';

/** The runtime could not start the cart: the session refused pairing or signing the shopper in. */
export class CartStartError extends Error {
  constructor(
    readonly code: IntentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CartStartError';
  }
}
