import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StripeGateway } from '../../../../payments/node/gateway/stripe.js';
import { gatewayContract } from './contract.js';
import { FakeStripe } from './fake-stripe.js';

const METHODS = { approve: 'pm_card_visa', decline: 'pm_card_chargeDeclined', insufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds' };
const connect = (fake: FakeStripe, apiKey = 'sk_test_tally') => new StripeGateway({ apiKey, host: '127.0.0.1', port: fake.port, protocol: 'http', timeoutMs: 5_000 });

gatewayContract('stripe (local fake Stripe API)', async () => {
  const fake = await FakeStripe.start();
  // stripe-node re-sends once, with the same key, when a connection closes; losing the answer
  // for good takes two drops: the request and that re-send (which the fake replays, then drops).
  const loseNextResponse = () => {
    fake.failNext('drop-after');
    fake.failNext('drop-after');
  };
  return { gateway: connect(fake), methods: METHODS, loseNextResponse, close: () => fake.close() };
});

describe('stripe gateway on the wire', () => {
  let fake: FakeStripe;
  beforeEach(async () => {
    fake = await FakeStripe.start();
  });
  afterEach(() => fake.close());

  it('sends a manual-capture PaymentIntent, amount_to_capture and the idempotency key', async () => {
    const g = connect(fake);
    const p = await g.authorise({ idempotencyKey: 'trip:w:authorise', amount: 1_999, currency: 'eur', paymentMethod: 'pm_card_visa' });
    if (!p.ok) throw p.error;
    await g.capture({ idempotencyKey: 'trip:w:capture:1', paymentId: p.value.id, amount: 1_500 });
    const [create, capture] = fake.requests;
    expect(create).toMatchObject({ method: 'POST', path: '/v1/payment_intents', idempotencyKey: 'trip:w:authorise' });
    expect(create?.params).toMatchObject({ amount: '1999', currency: 'eur', capture_method: 'manual', confirm: 'true', payment_method: 'pm_card_visa', 'metadata[tally_idempotency_key]': 'trip:w:authorise' });
    expect(capture).toMatchObject({ path: `/v1/payment_intents/${p.value.id}/capture`, params: { amount_to_capture: '1500' }, idempotencyKey: 'trip:w:capture:1' });
  });

  it('treats a 500 as an unknown outcome, which Stripe saves under the key, and settles it by lookup', async () => {
    const g = connect(fake);
    fake.failNext('server-error');
    const req = { idempotencyKey: 'trip:x:authorise', amount: 500, currency: 'usd', paymentMethod: 'pm_card_visa' };
    expect(await g.authorise(req)).toMatchObject({ ok: false, error: { kind: 'outcome-unknown' } });
    // The saved 500 comes back for the same key: retrying alone never settles it ...
    expect(await g.authorise(req)).toMatchObject({ ok: false, error: { kind: 'outcome-unknown' } });
    // ... asking does: here nothing was held.
    expect(await g.findByAuthoriseKey(req.idempotencyKey)).toEqual({ ok: true, value: null });
  });

  it('treats a 429 as transient: nothing saved, the same key then works', async () => {
    const g = connect(fake);
    fake.failNext('rate-limit');
    const req = { idempotencyKey: 'trip:y:authorise', amount: 500, currency: 'usd', paymentMethod: 'pm_card_visa' };
    expect(await g.authorise(req)).toMatchObject({ ok: false, error: { kind: 'transient' } });
    expect(await g.authorise(req)).toMatchObject({ ok: true, value: { status: 'authorised' } });
  });

  it('reports a bad API key as a request error, not a payment answer', async () => {
    const g = connect(fake, 'not-a-key');
    expect(await g.retrieve('pi_1')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('heals a single dropped answer by the client re-sending with the same key', async () => {
    const g = connect(fake);
    fake.failNext('drop-after');
    const p = await g.authorise({ idempotencyKey: 'trip:z:authorise', amount: 700, currency: 'usd', paymentMethod: 'pm_card_visa' });
    expect(p).toMatchObject({ ok: true, value: { status: 'authorised' } });
    const creates = fake.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(creates.map((r) => r.idempotencyKey)).toEqual(['trip:z:authorise', 'trip:z:authorise']);
  });

  it('reports a server that is not there as an unknown outcome', async () => {
    const port = fake.port;
    await fake.close();
    const g = new StripeGateway({ apiKey: 'sk_test_x', host: '127.0.0.1', port, protocol: 'http' });
    expect(await g.retrieve('pi_1')).toMatchObject({ ok: false, error: { kind: 'outcome-unknown' } });
    fake = await FakeStripe.start();
  });
});
