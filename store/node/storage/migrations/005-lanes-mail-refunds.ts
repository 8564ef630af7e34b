import type { Migration } from '../migrations.js';

// Lane tokens spent by several trips (a busy lane has several carts leaving within one rotation
// period): one row per token and trip, replacing 002's one-trip-per-token table. Its rows live
// for seconds, so nothing is copied over. And the receipt e-mail outbox: a paid checkout queues
// its receipt here; a failed send stays queued with its error, and never fails the checkout. And
// refunds by a manager, each recorded (with its gateway key) before the gateway is called. And
// trips settled late, after leaving while the store was unreachable (the offline cap's record).
export const lanesMailRefundsSchema: Migration = {
  version: 5,
  name: 'lane tokens spent by several trips, receipt e-mail outbox, refunds, offline settlements',
  up: `
DROP TABLE lane_token_uses;
CREATE TABLE lane_token_spends (
  token TEXT NOT NULL,
  trip_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (token, trip_id)
);
CREATE INDEX lane_token_spends_expiry ON lane_token_spends (expires_at);
CREATE TABLE receipt_emails (
  receipt_id TEXT PRIMARY KEY,
  trip_id TEXT NOT NULL REFERENCES checkouts (trip_id),
  to_address TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'gave-up')),
  attempts INTEGER NOT NULL,
  last_error TEXT,
  queued_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX receipt_emails_state ON receipt_emails (state);
CREATE TABLE refunds (
  idempotency_key TEXT PRIMARY KEY,
  trip_id TEXT NOT NULL REFERENCES checkouts (trip_id),
  refund_no INTEGER NOT NULL,
  request_id TEXT NOT NULL UNIQUE,
  line_id TEXT,
  amount BIGINT NOT NULL,
  reason TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  gateway_refund_id TEXT,
  failure TEXT,
  created_at BIGINT NOT NULL,
  settled_at BIGINT,
  UNIQUE (trip_id, refund_no)
);
CREATE TABLE offline_settlements (
  trip_id TEXT PRIMARY KEY REFERENCES checkouts (trip_id),
  cart_id TEXT NOT NULL,
  left_at BIGINT NOT NULL,
  total BIGINT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX offline_settlements_cart ON offline_settlements (cart_id, left_at)
`,
};
