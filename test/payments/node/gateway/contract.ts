// The behaviour every PaymentGateway must have, run against each implementation (the sandbox,
// and the Stripe gateway against the local fake Stripe server).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayError, GatewayErrorKind } from '../../../../payments/common/gateway/errors.js';
import type { PaymentGateway } from '../../../../payments/common/gateway/gateway.js';
import { tripKeys } from '../../../../payments/common/gateway/keys.js';

export interface GatewayUnderTest {
  readonly gateway: PaymentGateway;
  readonly methods: { readonly approve: string; readonly decline: string; readonly insufficientFunds: string };
  /** The next call of `operation` is carried out but its answer never arrives. */
  loseNextResponse(operation: 'authorise' | 'capture'): void;
  close(): Promise<void>;
}

type R<T> = { ok: true; value: T } | { ok: false; error: GatewayError };

function value<T>(r: R<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function kind<T>(r: R<T>): GatewayErrorKind {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error.kind;
}

export function gatewayContract(name: string, setup: () => Promise<GatewayUnderTest>): void {
  describe(`${name}: the PaymentGateway contract`, () => {
    let t: GatewayUnderTest;
    let g: PaymentGateway;
    let trip = 0;
    let keys: ReturnType<typeof tripKeys>;
    beforeEach(async () => {
      t = await setup();
      g = t.gateway;
      keys = tripKeys(`trip-${++trip}`);
    });
    afterEach(() => t.close());

    const hold = (amount = 5_000, paymentMethod = t.methods.approve) => g.authorise({ idempotencyKey: keys.authorise, amount, currency: 'usd', paymentMethod, description: 'Tally trip' });

    it('holds, then captures less than the hold', async () => {
      const p = value(await hold());
      expect(p).toMatchObject({ status: 'authorised', authorisedAmount: 5_000, capturedAmount: 0, currency: 'usd', authoriseKey: keys.authorise });
      const c = value(await g.capture({ idempotencyKey: keys.capture(1), paymentId: p.id, amount: 4_321 }));
      expect(c).toMatchObject({ id: p.id, status: 'captured', capturedAmount: 4_321, authorisedAmount: 5_000 });
      expect(value(await g.retrieve(p.id))).toEqual(c);
    });

    it('answers a repeated request with the first answer and moves no more money', async () => {
      const first = value(await hold());
      expect(value(await hold())).toEqual(first);
      const c1 = value(await g.capture({ idempotencyKey: keys.capture(1), paymentId: first.id, amount: 1_000 }));
      expect(value(await g.capture({ idempotencyKey: keys.capture(1), paymentId: first.id, amount: 1_000 }))).toEqual(c1);
      expect(value(await g.findByAuthoriseKey(keys.authorise))).toMatchObject({ id: first.id, status: 'captured', capturedAmount: 1_000 });
    });

    it('refuses a key reused with other parameters or for another operation', async () => {
      const p = value(await hold());
      expect(kind(await hold(6_000))).toBe('idempotency-conflict');
      expect(kind(await g.capture({ idempotencyKey: keys.authorise, paymentId: p.id, amount: 100 }))).toBe('idempotency-conflict');
      expect(value(await g.retrieve(p.id)).status).toBe('authorised');
    });

    it('declines, says why, and says the same again for the same key', async () => {
      const r = await hold(5_000, t.methods.decline);
      expect(kind(r)).toBe('declined');
      const again = await hold(5_000, t.methods.decline);
      expect(kind(again)).toBe('declined');
      expect(kind(await g.findByAuthoriseKey(keys.authorise))).toBe('declined');
      const poor = await g.authorise({ idempotencyKey: tripKeys('poor').authorise, amount: 100, currency: 'usd', paymentMethod: t.methods.insufficientFunds });
      expect(poor.ok ? undefined : poor.error.gatewayCode).toBe('insufficient_funds');
    });

    it('never captures more than the hold, nor twice', async () => {
      const p = value(await hold(2_000));
      expect(kind(await g.capture({ idempotencyKey: keys.capture(1), paymentId: p.id, amount: 2_001 }))).toBe('amount-too-large');
      value(await g.capture({ idempotencyKey: keys.capture(2), paymentId: p.id, amount: 2_000 }));
      expect(kind(await g.capture({ idempotencyKey: keys.capture(3), paymentId: p.id, amount: 1 }))).toBe('wrong-state');
    });

    it('cancels a hold, which then cannot be captured', async () => {
      const p = value(await hold());
      expect(value(await g.cancel({ idempotencyKey: keys.cancel, paymentId: p.id })).status).toBe('cancelled');
      expect(kind(await g.capture({ idempotencyKey: keys.capture(1), paymentId: p.id, amount: 100 }))).toBe('wrong-state');
      expect(kind(await g.cancel({ idempotencyKey: `${keys.cancel}:again`, paymentId: p.id }))).toBe('wrong-state');
    });

    it('refunds up to what was captured, and only a capture', async () => {
      const p = value(await hold());
      expect(kind(await g.refund({ idempotencyKey: keys.refund(1), paymentId: p.id, amount: 100 }))).toBe('wrong-state');
      value(await g.capture({ idempotencyKey: keys.capture(1), paymentId: p.id, amount: 3_000 }));
      expect(value(await g.refund({ idempotencyKey: keys.refund(2), paymentId: p.id, amount: 1_000 }))).toMatchObject({ paymentId: p.id, amount: 1_000, currency: 'usd' });
      expect(kind(await g.refund({ idempotencyKey: keys.refund(3), paymentId: p.id, amount: 2_001 }))).toBe('amount-too-large');
      expect(value(await g.refund({ idempotencyKey: keys.refund(4), paymentId: p.id, amount: 2_000 })).amount).toBe(2_000);
    });

    it('says when a payment does not exist, and when no authorisation used a key', async () => {
      expect(kind(await g.retrieve('pi_nope'))).toBe('not-found');
      expect(kind(await g.capture({ idempotencyKey: keys.capture(1), paymentId: 'pi_nope', amount: 1 }))).toBe('not-found');
      expect(value(await g.findByAuthoriseKey(keys.authorise))).toBeNull();
    });

    it('settles a lost answer by looking the payment up, or by asking again with the same key', async () => {
      t.loseNextResponse('authorise');
      expect(kind(await hold())).toBe('outcome-unknown');
      const found = value(await g.findByAuthoriseKey(keys.authorise));
      expect(found).toMatchObject({ status: 'authorised', authorisedAmount: 5_000 });
      expect(value(await hold()).id).toBe(found?.id);
      t.loseNextResponse('capture');
      expect(kind(await g.capture({ idempotencyKey: keys.capture(1), paymentId: found?.id ?? '', amount: 4_000 }))).toBe('outcome-unknown');
      expect(value(await g.retrieve(found?.id ?? ''))).toMatchObject({ status: 'captured', capturedAmount: 4_000 });
      expect(value(await g.capture({ idempotencyKey: keys.capture(1), paymentId: found?.id ?? '', amount: 4_000 })).capturedAmount).toBe(4_000);
    });

    it.each([
      ['a fractional amount', { amount: 10.5 }],
      ['a zero amount', { amount: 0 }],
      ['a negative amount', { amount: -100 }],
      ['an amount past eight digits', { amount: 100_000_000 }],
      ['NaN', { amount: Number.NaN }],
      ['an upper-case currency', { currency: 'USD' }],
      ['a card number', { paymentMethod: '4242 4242 4242 4242' }],
      ['a card number without spaces', { paymentMethod: '4242424242424242' }],
      ['something that is not a token', { paymentMethod: 'visa' }],
      ['an empty key', { idempotencyKey: '' }],
      ['a key with spaces', { idempotencyKey: 'trip 1' }],
      ['an unknown field', { cvc: '123' }],
    ])('refuses %s before calling the gateway', async (_what, patch) => {
      const r = await g.authorise({ idempotencyKey: keys.authorise, amount: 100, currency: 'usd', paymentMethod: t.methods.approve, ...patch });
      expect(kind(r)).toBe('invalid-request');
      expect(value(await g.findByAuthoriseKey(keys.authorise))).toBeNull();
    });
  });
}
