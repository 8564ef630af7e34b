// The store's configuration turned into its checkout: the sandbox ledger in the data folder by
// default, Stripe (here the local fake Stripe API) when configured, the lanes' secrets.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { checkoutSetupFromConfig, SANDBOX_LEDGER_FILE } from '../../../../store/node/checkout/setup-from-config.js';
import { storeConfigSchema } from '../../../../store/node/config.js';
import { FakeStripe } from '../../../payments/node/gateway/fake-stripe.js';

const clock = new SimulatedClock(1_764_000_000_000);
const SECRET = '5a'.repeat(32);
let fake: FakeStripe | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('checkout setup from the store configuration', () => {
  it('uses the sandbox by default, keeping its ledger in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-setup-'));
    const config = storeConfigSchema.parse({ dataDir, laneSecrets: `3=${SECRET}`, laneRotationExponent: '3', maxTripsPerToken: 4 });
    const setup = checkoutSetupFromConfig(config, clock);
    expect(setup).toMatchObject({ rotationExponent: 3, maxTripsPerToken: 4, holdAmount: 15_000 });
    expect([...setup.laneSecrets.keys()]).toEqual([3]);
    expect(setup.gateway.name).toBe('sandbox');
    const held = await setup.gateway.authorise({ idempotencyKey: 'trip:a:authorise', amount: 500, currency: 'eur', paymentMethod: 'pm_sandbox_approve' });
    expect(held.ok).toBe(true);
    expect(existsSync(path.join(dataDir, SANDBOX_LEDGER_FILE))).toBe(true);
    const again = checkoutSetupFromConfig(config, clock).gateway;
    expect(await again.findByAuthoriseKey('trip:a:authorise')).toMatchObject({ ok: true, value: { authorisedAmount: 500 } });
  });

  it('talks to Stripe with the key from the environment, at the configured address', async () => {
    fake = await FakeStripe.start();
    const config = storeConfigSchema.parse({ dataDir: 'unused', gateway: 'stripe', stripeSecretKey: 'sk_test_tallyconfig', stripeApiUrl: `http://127.0.0.1:${fake.port}` });
    const setup = checkoutSetupFromConfig(config, clock);
    expect(setup.gateway.name).toBe('stripe');
    const held = await setup.gateway.authorise({ idempotencyKey: 'trip:s:authorise', amount: 1_250, currency: 'eur', paymentMethod: 'pm_card_visa' });
    expect(held).toMatchObject({ ok: true, value: { authorisedAmount: 1_250 } });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/payment_intents', idempotencyKey: 'trip:s:authorise' });
  });
});
