// Test support: a local HTTP server that answers the Stripe API calls Tally's Stripe gateway
// makes, following Stripe's documented behaviour for them (docs.stripe.com/api):
//   POST /v1/payment_intents (confirm=true, capture_method=manual), GET /v1/payment_intents/:id,
//   POST /v1/payment_intents/:id/capture (amount_to_capture), POST /v1/payment_intents/:id/cancel,
//   POST /v1/refunds, GET /v1/payment_intents/search (metadata['k']:'v' queries only).
// Form-encoded bodies with bracketed keys; Bearer secret keys; errors as {error: {type, code,
// decline_code, message, param}} with Stripe's status codes; idempotency as the docs describe:
// a key's first response is saved once the endpoint starts executing (402s and 500s included)
// and replayed with `Idempotent-Replayed: true`; the same key with other parameters is a 400
// idempotency_error; refused-before-work responses (validation, 429) save nothing. Test payment
// methods are Stripe's documented ones: pm_card_visa, pm_card_chargeDeclined,
// pm_card_chargeDeclinedInsufficientFunds.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StripeFault = 'rate-limit' | 'server-error' | 'drop-after';

interface Pi {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'requires_capture' | 'succeeded' | 'canceled';
  capture_method: 'manual';
  metadata: Record<string, string>;
  description: string | null;
  last_payment_error: { type: string; code: string; decline_code: string; message: string } | null;
  livemode: false;
  created: number;
}

type Reply = { status: number; body: unknown; save: boolean };

const DECLINES: Record<string, string> = { pm_card_chargeDeclined: 'generic_decline', pm_card_chargeDeclinedInsufficientFunds: 'insufficient_funds' };

export class FakeStripe {
  readonly #server: Server;
  readonly #intents = new Map<string, Pi>();
  readonly #refunded = new Map<string, number>();
  readonly #keys = new Map<string, { fingerprint: string; reply: Reply }>();
  readonly #faults: StripeFault[] = [];
  #next = 1;
  /** Every request as received, for tests that check the wire. */
  readonly requests: { method: string; path: string; params: Record<string, string>; idempotencyKey: string | undefined }[] = [];

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(): Promise<FakeStripe> {
    const fake = new FakeStripe();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The next request meets this fault. */
  failNext(fault: StripeFault): void {
    this.#faults.push(fault);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const params = Object.fromEntries(new URLSearchParams(method === 'GET' ? url.search : Buffer.concat(chunks).toString('utf8')));
    const key = header(req, 'idempotency-key');
    this.requests.push({ method, path: url.pathname, params, idempotencyKey: key });

    if (!/^Bearer sk_test_\w+$/.test(header(req, 'authorization') ?? '')) {
      return send(res, { status: 401, body: error('invalid_request_error', 'Invalid API Key provided.'), save: false });
    }
    const fault = this.#faults.shift();
    if (fault === 'rate-limit') return send(res, { status: 429, body: error('invalid_request_error', 'Too many requests hit the API too quickly.', { code: 'rate_limit' }), save: false });

    if (method === 'POST' && key !== undefined) {
      const fingerprint = JSON.stringify([url.pathname, Object.entries(params).sort()]);
      const saved = this.#keys.get(key);
      if (saved) {
        if (saved.fingerprint !== fingerprint) {
          return send(res, { status: 400, body: error('idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`), save: false });
        }
        if (fault === 'drop-after') return void res.socket?.destroy();
        res.setHeader('Idempotent-Replayed', 'true');
        return send(res, saved.reply);
      }
      const reply = fault === 'server-error' ? { status: 500, body: error('api_error', 'An unknown error occurred.'), save: true } : this.#route(method, url, params);
      if (reply.save) this.#keys.set(key, { fingerprint, reply });
      if (fault === 'drop-after') return void res.socket?.destroy();
      return send(res, reply);
    }
    if (fault === 'server-error') return send(res, { status: 500, body: error('api_error', 'An unknown error occurred.'), save: false });
    const reply = this.#route(method, url, params);
    if (fault === 'drop-after') return void res.socket?.destroy();
    return send(res, reply);
  }

  #route(method: string, url: URL, p: Record<string, string>): Reply {
    const path = url.pathname;
    if (method === 'POST' && path === '/v1/payment_intents') return this.#create(p);
    if (method === 'GET' && path === '/v1/payment_intents/search') return this.#search(url.searchParams.get('query') ?? '');
    const m = /^\/v1\/payment_intents\/(pi_\w+)(\/capture|\/cancel)?$/.exec(path);
    if (m) {
      const pi = this.#intents.get(m[1] as string);
      if (!pi) return { status: 404, body: error('invalid_request_error', `No such payment_intent: '${m[1]}'`, { code: 'resource_missing', param: 'intent' }), save: true };
      if (method === 'GET' && !m[2]) return ok(pi);
      if (method === 'POST' && m[2] === '/capture') return this.#capture(pi, p);
      if (method === 'POST' && m[2] === '/cancel') return this.#cancel(pi);
    }
    if (method === 'POST' && path === '/v1/refunds') return this.#refund(p);
    return { status: 404, body: error('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`), save: false };
  }

  #create(p: Record<string, string>): Reply {
    const amount = Number(p.amount);
    if (!p.amount || !Number.isInteger(amount) || amount < 1) return invalid('amount', 'parameter_invalid_integer', 'Invalid integer: amount');
    if (!p.currency) return invalid('currency', 'parameter_missing', 'Missing required param: currency.');
    if (p.capture_method !== 'manual' || p.confirm !== 'true') return invalid('capture_method', 'parameter_invalid', 'this fake serves manual capture with confirm=true only');
    const pm = p.payment_method ?? '';
    if (pm !== 'pm_card_visa' && !(pm in DECLINES)) return { status: 400, body: error('invalid_request_error', `No such PaymentMethod: '${pm}'`, { code: 'resource_missing', param: 'payment_method' }), save: true };
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(p)) {
      const mk = /^metadata\[(.+)\]$/.exec(k);
      if (mk) metadata[mk[1] as string] = v;
    }
    const pi: Pi = { id: `pi_fake${this.#next++}`, object: 'payment_intent', amount, amount_capturable: amount, amount_received: 0, currency: p.currency, status: 'requires_capture', capture_method: 'manual', metadata, description: p.description ?? null, last_payment_error: null, livemode: false, created: 1_764_000_000 };
    const decline = DECLINES[pm];
    if (decline) {
      const message = decline === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.';
      Object.assign(pi, { status: 'requires_payment_method', amount_capturable: 0, last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: decline, message } });
      this.#intents.set(pi.id, pi);
      return { status: 402, body: error('card_error', message, { code: 'card_declined', decline_code: decline, payment_intent: pi }), save: true };
    }
    this.#intents.set(pi.id, pi);
    return ok(pi);
  }

  #capture(pi: Pi, p: Record<string, string>): Reply {
    if (pi.status !== 'requires_capture') return unexpectedState(pi, 'capture');
    const amount = p.amount_to_capture === undefined ? pi.amount_capturable : Number(p.amount_to_capture);
    if (!Number.isInteger(amount) || amount < 1) return invalid('amount_to_capture', 'parameter_invalid_integer', 'Invalid integer: amount_to_capture');
    if (amount > pi.amount_capturable) return { status: 400, body: error('invalid_request_error', `The amount to capture (${amount}) is greater than the amount capturable (${pi.amount_capturable}).`, { code: 'amount_too_large', param: 'amount_to_capture' }), save: true };
    Object.assign(pi, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    return ok(pi);
  }

  #cancel(pi: Pi): Reply {
    if (pi.status === 'succeeded' || pi.status === 'canceled') return unexpectedState(pi, 'cancel');
    Object.assign(pi, { status: 'canceled', amount_capturable: 0 });
    return ok(pi);
  }

  #refund(p: Record<string, string>): Reply {
    const pi = this.#intents.get(p.payment_intent ?? '');
    if (!pi) return { status: 404, body: error('invalid_request_error', `No such payment_intent: '${p.payment_intent}'`, { code: 'resource_missing', param: 'payment_intent' }), save: true };
    if (pi.status !== 'succeeded') return { status: 400, body: error('invalid_request_error', `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { code: 'charge_not_captured' }), save: true };
    const done = this.#refunded.get(pi.id) ?? 0;
    const amount = p.amount === undefined ? pi.amount_received - done : Number(p.amount);
    if (amount > pi.amount_received - done) return { status: 400, body: error('invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${pi.amount_received - done})`, { code: 'amount_too_large', param: 'amount' }), save: true };
    this.#refunded.set(pi.id, done + amount);
    return ok({ id: `re_fake${this.#next++}`, object: 'refund', amount, currency: pi.currency, payment_intent: pi.id, status: 'succeeded', failure_reason: null });
  }

  #search(query: string): Reply {
    const m = /^metadata\['([^']+)'\]:'((?:[^'\\]|\\.)*)'$/.exec(query);
    if (!m) return invalid('query', 'parameter_invalid', 'this fake searches metadata only');
    const value = (m[2] as string).replace(/\\(.)/g, '$1');
    const data = [...this.#intents.values()].filter((pi) => pi.metadata[m[1] as string] === value);
    return ok({ object: 'search_result', data, has_more: false, next_page: null, url: '/v1/payment_intents/search' });
  }
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
const ok = (body: unknown): Reply => ({ status: 200, body, save: true });
const error = (type: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { type, message, ...extra } });
const invalid = (param: string, code: string, message: string): Reply => ({ status: 400, body: error('invalid_request_error', message, { code, param }), save: false });
const unexpectedState = (pi: Pi, action: string): Reply => ({
  status: 400,
  body: error('invalid_request_error', `This PaymentIntent could not be ${action === 'capture' ? 'captured' : 'canceled'} because it has a status of ${pi.status}.`, { code: 'payment_intent_unexpected_state', payment_intent: pi }),
  save: true,
});

function send(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Request-Id', 'req_fake');
  res.end(JSON.stringify(reply.body));
}
