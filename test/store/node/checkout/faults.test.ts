// Exactly once, under faults: over 1000 seeded trips, the gateway refuses, loses requests and
// loses answers, the store crashes before and after gateway calls (its server thrown away and a
// new one opened on the same database file), the gateway restarts from its file, and the cart
// loses answers and retries. Every trip must end with exactly one capture of the store's total,
// or, only for a card that declines, a failed payment the cart was told about and staff can
// see; never two charges, never a trip left without an answer. Asserted against the sandbox's
// own ledger.
import { describe, expect, it } from 'vitest';
import type { Random } from '../../../../domain/common/random.js';
import { err, type Result } from '../../../../domain/common/result.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { GatewayError } from '../../../../payments/common/gateway/errors.js';
import type { PaymentGateway } from '../../../../payments/common/gateway/gateway.js';
import { SANDBOX_METHODS, type SandboxGateway, type SandboxFault, type SandboxOperation } from '../../../../payments/node/gateway/sandbox.js';
import { demoStore, cartReceipt } from './cart-price.js';
import { LANE_ID, laneStore, scanEach, scanWeighed, tripLog, type LaneStore } from './lane-store.js';

const RUNS = Number(process.env.TALLY_FAULT_RUNS ?? 1000);
const RUNS_PER_STORE = 100;
/** Cart requests per trip before the test calls it a silent loss. */
const MAX_REQUESTS = 60;

type Fault = SandboxFault | 'gateway-restart';
/** Drawn before any gateway call. */
const FAULTS: readonly Fault[] = ['transient', 'lost-request', 'lost-response', 'gateway-restart'];
/**
 * A store crash is scheduled once per trip, at its n-th gateway call: a restart costs a new
 * server (tens of milliseconds), so one per trip in a third of the trips keeps the test quick.
 */
const CRASHES = ['crash-before', 'crash-after'] as const;
const CRASH_SHARE = 0.15;
const LAST_CRASH_CALL = 8;

class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

/**
 * The gateway as the store sees it, with faults drawn from a seeded generator before each call.
 * A crash throws out of the store's request (nothing after that point runs), and the harness
 * then restarts the store.
 */
class FaultyGateway implements PaymentGateway {
  readonly name = 'faulty-sandbox';
  crashed = false;
  readonly seen = new Set<string>();
  /** The trip's gateway calls so far, and the one (if any) at which the store crashes. */
  calls = 0;
  crashAt: { call: number; when: (typeof CRASHES)[number] } | undefined;
  constructor(
    public sandbox: SandboxGateway,
    private readonly reopen: () => SandboxGateway,
    private readonly random: Random,
    public rate: number,
  ) {}

  async #around<T>(operation: SandboxOperation | 'lookup', call: () => Promise<Result<T, GatewayError>>): Promise<Result<T, GatewayError>> {
    const crash = this.crashAt?.call === ++this.calls ? this.crashAt.when : undefined;
    const fault = crash ?? (this.random.next() < this.rate ? FAULTS[this.random.int(0, FAULTS.length - 1)] : undefined);
    if (fault) this.seen.add(`${operation}:${fault}`);
    if (fault === 'gateway-restart') this.sandbox = this.reopen();
    if (fault === 'crash-before') return this.#crash();
    if (fault === 'transient' || fault === 'lost-request' || fault === 'lost-response') {
      // A lookup that fails tells the store nothing; the sandbox's own faults are for money calls.
      if (operation === 'lookup') return err(new GatewayError('outcome-unknown', 'no answer from the gateway (simulated)'));
      this.sandbox.injectFault(operation, fault);
    }
    const answer = await call();
    if (fault === 'crash-after') return this.#crash();
    return answer;
  }

  #crash(): never {
    this.crashed = true;
    throw new SimulatedCrash('the store crashed here');
  }

  authorise: PaymentGateway['authorise'] = (r) => this.#around('authorise', () => this.sandbox.authorise(r));
  capture: PaymentGateway['capture'] = (r) => this.#around('capture', () => this.sandbox.capture(r));
  cancel: PaymentGateway['cancel'] = (r) => this.#around('cancel', () => this.sandbox.cancel(r));
  refund: PaymentGateway['refund'] = (r) => this.#around('refund', () => this.sandbox.refund(r));
  retrieve: PaymentGateway['retrieve'] = (id) => this.#around('lookup', () => this.sandbox.retrieve(id));
  findByAuthoriseKey: PaymentGateway['findByAuthoriseKey'] = (key) => this.#around('lookup', () => this.sandbox.findByAuthoriseKey(key));
}

const METHODS = [SANDBOX_METHODS.approve, SANDBOX_METHODS.approve, SANDBOX_METHODS.retry, SANDBOX_METHODS.timeout, SANDBOX_METHODS.decline, SANDBOX_METHODS.insufficientFunds];
const DECLINING: readonly string[] = [SANDBOX_METHODS.decline, SANDBOX_METHODS.insufficientFunds];
const EACH = demoStore.products.filter((p) => p.soldBy === 'each' && p.minimumAge === undefined).map((p) => p.sku);
const WEIGHED = demoStore.products.filter((p) => p.soldBy === 'weight' && p.minimumAge === undefined).map((p) => p.sku);

function randomBasket(random: Random): Record<string, unknown>[] {
  return Array.from({ length: random.int(1, 4) }, (_, i) =>
    random.next() < 0.7
      ? scanEach(`l${i}`, EACH[random.int(0, EACH.length - 1)] as string, random.int(1, 6))
      : scanWeighed(`l${i}`, WEIGHED[random.int(0, WEIGHED.length - 1)] as string, random.int(50_000, 3_000_000)),
  );
}

type Ending = { state: 'paid'; total: number } | { state: 'failed'; code: string };

/** The cart at the lane: sends the same checkout until it has an answer, as a real cart does. */
async function cartAtLane(store: LaneStore, gateway: FaultyGateway, random: Random, send: () => Promise<{ statusCode: number; json(): unknown }>): Promise<Ending | 'pending'> {
  for (let i = 0; i < MAX_REQUESTS; i++) {
    const answer = await send();
    if (gateway.crashed) {
      gateway.crashed = false;
      await store.restart();
      continue;
    }
    // The cart's connection drops: the store did the work, the cart never hears.
    if (random.next() < 0.2) continue;
    const body = answer.json() as { state?: string; total?: number; error?: string; failure?: { code: string } };
    if (answer.statusCode === 200) return body.state === 'paid' ? { state: 'paid', total: body.total ?? -1 } : 'pending';
    if (answer.statusCode === 402 && body.error === 'payment-failed') return { state: 'failed', code: body.failure?.code ?? '?' };
    expect(answer.statusCode, JSON.stringify(body)).toBe(503);
    store.clock.advance(random.int(200, 1500));
  }
  return 'pending';
}

interface Trip {
  readonly tripId: string;
  readonly method: string;
  readonly expected: number;
  readonly ending: Ending;
}

/** What the sandbox's ledger must show for one trip, given how the cart's checkout ended. */
function checkLedger(ledger: ReturnType<LaneStore['ledger']>, t: Trip): void {
  const payments = Object.values(ledger.payments).filter((p) => p.authoriseKey.startsWith(`trip:${t.tripId}:`));
  const captured = payments.filter((p) => p.status === 'captured');
  for (const p of payments) expect(p.capturedAmount).toBeLessThanOrEqual(p.authorisedAmount);
  if (t.ending.state === 'paid') {
    expect(DECLINING, `${t.tripId} paid with a declining card`).not.toContain(t.method);
    expect(t.ending.total).toBe(t.expected);
    expect(captured.map((p) => p.capturedAmount), `${t.tripId} captures`).toEqual([t.expected]);
    // Nothing is left held once the trip is paid.
    expect(payments.filter((p) => p.status === 'authorised')).toEqual([]);
  } else {
    expect(DECLINING, `${t.tripId} failed with a good card: ${t.ending.code}`).toContain(t.method);
    expect(captured).toEqual([]);
  }
}

describe('checkout under faults', () => {
  const random = seededRandom(6);
  const seen = new Set<string>();
  const endings: Ending[] = [];

  it.each(Array.from({ length: Math.ceil(RUNS / RUNS_PER_STORE) }, (_, i) => i))('store %i: every trip ends in exactly one capture or a visible failure', async (batch) => {
    let faulty: FaultyGateway | undefined;
    const store = await laneStore('restartable', {
      holdAmount: 1500,
      wrapGateway: (sandbox, reopen) => {
        faulty = new FaultyGateway(sandbox, reopen, random.fork(), 0);
        return faulty;
      },
    });
    const gateway = faulty as FaultyGateway;
    const shoppers = new Map<string, string>();
    for (const method of new Set(METHODS)) shoppers.set(method, await store.shopper(method));
    const trips: Trip[] = [];
    for (let run = batch * RUNS_PER_STORE; run < Math.min(RUNS, (batch + 1) * RUNS_PER_STORE); run++) {
      const method = METHODS[random.int(0, METHODS.length - 1)] as string;
      const shopperId = shoppers.get(method) as string;
      gateway.rate = 0;
      const tripId = await store.startTrip(shopperId);
      const events = tripLog(tripId, shopperId, randomBasket(random), false, store.clock.now() - 60_000);
      const expected = cartReceipt(events, store.clock.now()).total;
      gateway.rate = [0.1, 0.3, 0.6][random.int(0, 2)] as number;
      gateway.calls = 0;
      gateway.crashAt = random.next() < CRASH_SHARE ? { call: random.int(1, LAST_CRASH_CALL), when: CRASHES[random.int(0, 1)] as (typeof CRASHES)[number] } : undefined;
      // Half the trips get their hold at the start; a declined hold fails the checkout too.
      if (random.next() < 0.5) await cartAtLane(store, gateway, random, () => store.cart.send('POST', `/api/cart/trips/${tripId}/hold`));
      const ending = await cartAtLane(store, gateway, random, () => store.checkout(tripId, { laneId: LANE_ID, laneFrame: store.laneFrame(), events }));
      gateway.rate = 0;
      gateway.crashAt = undefined;
      if (ending === 'pending') throw new Error(`trip ${tripId} (${method}) never got an answer in ${MAX_REQUESTS} requests`);
      trips.push({ tripId, method, expected, ending });
      store.clock.advance(10_000);
    }
    const ledger = store.ledger();
    for (const t of trips) checkLedger(ledger, t);
    // Staff see exactly the trips whose payment failed.
    const listed = (await store.staff(store.manager, 'GET', '/api/payments/failed')).json() as { failed: { tripId: string }[] };
    expect(new Set(listed.failed.map((f) => f.tripId))).toEqual(new Set(trips.filter((t) => t.ending.state === 'failed').map((t) => t.tripId)));
    for (const s of gateway.seen) seen.add(s);
    endings.push(...trips.map((t) => t.ending));
  });

  it('struck every gateway operation with every fault, and ended every trip', () => {
    expect(endings).toHaveLength(RUNS);
    expect(endings.filter((e) => e.state === 'paid').length).toBeGreaterThan(RUNS / 2);
    expect(endings.filter((e) => e.state === 'failed').length).toBeGreaterThan(RUNS / 10);
    for (const op of ['authorise', 'capture', 'cancel', 'lookup']) for (const f of [...FAULTS, ...CRASHES]) expect(seen, `${op}:${f}`).toContain(`${op}:${f}`);
  });
});
