// What the launcher does at the store as its demo manager, over the store's staff HTTP API
// (docs/store-server.md), the way a member of staff does it from the dashboard: approve the
// cart's pairing code, find or enrol the demo shopper, issue their sign-in code and the one-time
// link to their shopper page. Every answer is checked before it is used.
import { z } from 'zod';
import { EmulatedStoreError } from './errors.js';
import type { ManagerCredentials } from './demo-manager.js';

const loginAnswer = z.object({ token: z.string().min(1) });
const idAnswer = z.object({ id: z.string().min(1) });
const tokenAnswer = z.object({ token: z.string().min(1) });
const pageLinkAnswer = z.object({ path: z.string().startsWith('/') });
const approveAnswer = z.object({ cartId: z.string() });
const cartsAnswer = z.object({ carts: z.array(z.looseObject({ id: z.string(), name: z.string(), state: z.string() })) });
const storeError = z.object({ error: z.string(), message: z.string() });

export interface DemoShopper {
  readonly name: string;
  readonly email: string;
  readonly member: boolean;
  /** A sandbox gateway token: the demo shopper's card always approves. */
  readonly paymentMethod: string;
}

export const DEMO_SHOPPER: DemoShopper = { name: 'Demo Shopper', email: 'demo.shopper@example.com', member: true, paymentMethod: 'pm_sandbox_approve' };

export type FleetCart = z.output<typeof cartsAnswer>['carts'][number];

export class StaffDesk {
  readonly #base: string;
  readonly #token: string;

  private constructor(base: string, token: string) {
    this.#base = base;
    this.#token = token;
  }

  /** Signs in at the store as `credentials`. */
  static async signIn(storeUrl: string, credentials: ManagerCredentials): Promise<StaffDesk> {
    const base = storeUrl.replace(/\/+$/, '');
    const login = await call(base, 'POST', '/api/staff/login', undefined, credentials, loginAnswer);
    return new StaffDesk(base, login.token);
  }

  async approvePairing(code: string, cartName: string): Promise<string> {
    return (await this.#call('POST', '/api/pairings/approve', { code, name: cartName }, approveAnswer)).cartId;
  }

  async carts(): Promise<FleetCart[]> {
    return (await this.#call('GET', '/api/carts', undefined, cartsAnswer)).carts;
  }

  /** The demo shopper's id: found by email, or enrolled on a store that has not met them yet. */
  async demoShopper(shopper: DemoShopper = DEMO_SHOPPER): Promise<string> {
    const found = await this.#call('GET', `/api/shoppers/lookup?email=${encodeURIComponent(shopper.email)}`, undefined, idAnswer).catch((error: unknown) => {
      if (error instanceof StoreCallFailed && error.status === 404) return null;
      throw error;
    });
    if (found) return found.id;
    const body = { name: shopper.name, email: shopper.email, membership: shopper.member ? 'member' : 'none', paymentMethod: shopper.paymentMethod };
    return (await this.#call('POST', '/api/shoppers', body, idAnswer)).id;
  }

  /** What the shopper's phone shows as a QR to sign in on a cart (single use, short-lived). */
  async signInCode(shopperId: string): Promise<string> {
    return (await this.#call('POST', `/api/shoppers/${encodeURIComponent(shopperId)}/sign-in`, undefined, tokenAnswer)).token;
  }

  /** The shopper page's one-time sign-in link, as a full URL. */
  async shopperPageLink(shopperId: string): Promise<string> {
    return `${this.#base}${(await this.#call('POST', `/api/shoppers/${encodeURIComponent(shopperId)}/page-link`, undefined, pageLinkAnswer)).path}`;
  }

  #call<T>(method: 'GET' | 'POST', route: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
    return call(this.#base, method, route, this.#token, body, answer);
  }
}

/** The store said no (or did not answer): its status and words, for the launcher's message. */
export class StoreCallFailed extends EmulatedStoreError {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super('store', message);
  }
}

async function call<T>(base: string, method: 'GET' | 'POST', route: string, token: string | undefined, body: unknown, answer: z.ZodType<T>): Promise<T> {
  const what = `${method} ${route.split('?')[0] ?? route}`;
  let response: Response;
  try {
    response = await fetch(`${base}${route}`, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new StoreCallFailed(null, `the store at ${base} did not answer ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = storeError.safeParse(json);
    throw new StoreCallFailed(response.status, `the store refused ${what} (${response.status}${problem.success ? `, ${problem.data.error}: ${problem.data.message}` : ''})`);
  }
  const parsed = answer.safeParse(json);
  if (!parsed.success) throw new StoreCallFailed(response.status, `the store's answer to ${what} is not what the launcher expects`);
  return parsed.data;
}
