// Talking to the store from a page: JSON over fetch with the page's own cookie, every answer
// checked with zod (the server is another program: its answer is input like any other), and
// every refusal turned into an ApiError carrying the store's code, sentence and field issues.
import { z } from 'zod';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** The HTTP status, or 0 when the store could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    /** Seconds, from Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Sends a request and parses a 2xx answer with `schema` (204 answers are parsed as undefined). */
export async function call<S extends z.ZodType>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, schema: S, body?: unknown): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      // A body-less request must not claim JSON: the store refuses an empty JSON body.
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'offline', 'the store cannot be reached; check the network');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new ApiError(response.status, 'bad-answer', `the store answered ${response.status} with something that is not JSON`);
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(json);
    const retry = Number(response.headers.get('retry-after'));
    if (!parsed.success) throw new ApiError(response.status, 'bad-answer', `the store refused (${response.status})`);
    throw new ApiError(response.status, parsed.data.error, parsed.data.message, parsed.data.issues ?? [], Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'bad-answer', `the store's answer to ${method} ${url} was not what this page expects; reload the page`);
  return parsed.data;
}

/** What to tell a person about any failure. */
export const problemText = (error: unknown): string => (error instanceof Error ? error.message : 'something went wrong');
