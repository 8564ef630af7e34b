/** Why the reconciler refused an input. The runtime shows the message and keeps the cart going. */
export type LossPreventionErrorKind =
  /** A scan of a SKU the catalog does not have: the runtime resolves scans before it gets here. */
  | 'unknown-product'
  /** An unscan or quantity change for a line the reconciler never saw. */
  | 'unknown-line'
  /** A line or step id that is already in use. */
  | 'duplicate'
  /** A recognition hint that does not match its schema. */
  | 'invalid-hint';

export class LossPreventionError extends Error {
  override readonly name = 'LossPreventionError';
  constructor(
    readonly kind: LossPreventionErrorKind,
    message: string,
  ) {
    super(message);
  }
}
