// The checkout as `tally store` configures it: the gateway the operator chose (the embedded
// sandbox by default, its ledger in the data folder; Stripe with a key from the environment)
// the lanes' secrets, and the SMTP server receipts are e-mailed through.
import path from 'node:path';
import type { Clock } from '../../../domain/common/clock.js';
import { DEFAULT_OFFLINE_CAP } from '../../../payments/common/offline/cap.js';
import { SandboxGateway } from '../../../payments/node/gateway/sandbox.js';
import { StripeGateway } from '../../../payments/node/gateway/stripe.js';
import type { StoreConfig } from '../config.js';
import type { CheckoutSetup } from './checkout-service.js';
import { ReceiptMailer, smtpTransport } from './receipt-mail.js';

/** Where the sandbox gateway keeps its payments, so a restarted store still knows its holds. */
export const SANDBOX_LEDGER_FILE = 'sandbox-gateway.json';

export function checkoutSetupFromConfig(config: StoreConfig, clock: Clock): CheckoutSetup {
  return {
    gateway: config.gateway === 'stripe' ? stripeOf(config) : new SandboxGateway({ clock, file: path.join(config.dataDir, SANDBOX_LEDGER_FILE) }),
    laneSecrets: config.laneSecrets,
    rotationExponent: config.laneRotationExponent,
    maxTripsPerToken: config.maxTripsPerToken,
    holdAmount: config.holdAmount,
    offlineCap: { ...DEFAULT_OFFLINE_CAP, maxTrips: config.offlineCapTrips, maxAmount: config.offlineCapAmount },
    ...(config.smtpUrl === undefined ? {} : { receiptMailer: new ReceiptMailer({ transport: smtpTransport(config.smtpUrl), from: config.receiptFrom, clock }) }),
  };
}

function stripeOf(config: StoreConfig): StripeGateway {
  // The config check refuses `stripe` without a key; this guards a hand-built config.
  if (config.stripeSecretKey === undefined) throw new TypeError('the Stripe gateway needs stripeSecretKey');
  if (config.stripeApiUrl === undefined) return new StripeGateway({ apiKey: config.stripeSecretKey });
  const url = new URL(config.stripeApiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new StripeGateway({ apiKey: config.stripeSecretKey, host: url.hostname, protocol, port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port) });
}
