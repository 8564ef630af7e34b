/**
 * The outcome of an operation that can fail on bad input. Boundaries return a Result instead of
 * throwing, so a bad barcode or a bad catalog row becomes a message for a person, never a stack
 * trace on the cart's screen.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });
