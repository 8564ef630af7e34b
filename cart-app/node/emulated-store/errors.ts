// Why the emulated store could not start, in words a developer can act on. The code says which
// step failed, so the launcher can add the one command that fixes it.

export type EmulatedStoreProblem =
  /** The data folder holds something the launcher cannot read back (a hand-edited or truncated file). */
  | 'data-folder'
  /** A page (the cart's touch UI, the staff dashboard) is not built and could not be built here. */
  | 'not-built'
  /** The store refused or did not answer something the launcher asked as the demo manager. */
  | 'store'
  /** The cart could not be paired with the store. */
  | 'pairing'
  /** The demo shopper could not be signed in on the cart. */
  | 'sign-in'
  /** The cart itself (its session log, its camera) would not open. */
  | 'cart';

export class EmulatedStoreError extends Error {
  override readonly name = 'EmulatedStoreError';
  constructor(
    readonly code: EmulatedStoreProblem,
    message: string,
  ) {
    super(message);
  }
}
