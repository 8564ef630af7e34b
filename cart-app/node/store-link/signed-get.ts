// A signed GET from the cart to its store, read with a ceiling on the answer's size: a cart
// on the shop floor must not be made to swallow gigabytes by a store (or whatever answers in
// its place) gone wrong. Separate from the store client because the catalog answer may be tens
// of megabytes and has its own failure cases (a 409 or 410 is a reason to refetch, not an error).
import type { Clock } from '../../../domain/common/clock.js';
import { cartAuthHeaders, type CartKeys } from '../../../domain/node/cart-auth/keys.js';
import { err, ok, type Result } from '../../../domain/common/result.js';

/** Who the cart is to its store. */
export interface CartIdentity {
  /** The store's base URL (`http://store.local:8080`). */
  readonly baseUrl: string;
  readonly keys: CartKeys;
  readonly cartId: string;
  readonly clock: Clock;
}

export interface StoreAnswer {
  readonly status: number;
  /** The answer's body parsed as JSON; `undefined` when it was empty or not JSON. */
  readonly json: unknown;
}

/** The store did not answer (refused, reset, timed out) or answered more than the cart will read. */
export interface Unreachable {
  readonly code: 'network' | 'too-large';
  readonly message: string;
}

async function readCapped(response: Response, maxBytes: number): Promise<Result<string, Unreachable>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return err({ code: 'too-large', message: `the store's answer is ${declared} bytes, more than the ${maxBytes} the cart reads` });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader?.cancel();
      return err({ code: 'too-large', message: `the store's answer ran past the ${maxBytes} bytes the cart reads` });
    }
    chunks.push(chunk.value);
  }
  return ok(Buffer.concat(chunks).toString('utf8'));
}

/** GETs `path` signed as the cart; any answer (even a 500) is an answer, only silence is not. */
export async function signedGet(cart: CartIdentity, path: string, options: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<Result<StoreAnswer, Unreachable>> {
  const headers = cartAuthHeaders(cart.keys, { cartId: cart.cartId, method: 'GET', path, body: '', timestamp: cart.clock.now() });
  try {
    // The timeout is wall time on purpose: it guards a socket, not a rule of the shop.
    const response = await fetch(`${cart.baseUrl.replace(/\/+$/, '')}${path}`, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
    const text = await readCapped(response, options.maxBytes);
    if (!text.ok) return text;
    let json: unknown;
    try {
      json = text.value === '' ? undefined : (JSON.parse(text.value) as unknown);
    } catch {
      json = undefined;
    }
    return ok({ status: response.status, json });
  } catch (error) {
    return err({ code: 'network', message: `the store did not answer: ${error instanceof Error ? error.message : String(error)}` });
  }
}
