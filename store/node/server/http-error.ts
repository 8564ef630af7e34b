// Every refusal the store gives: an HTTP status, a stable code a cart or the dashboard can act
// on, a sentence for a person, and for bad input the exact fields that were wrong.

export interface InputIssue {
  /** Where: `body.products[3].price`, `query.since`, `params.id`. */
  readonly path: string;
  readonly message: string;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly InputIssue[],
    /** Extra headers, such as Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not-found', `${what} not found`);
