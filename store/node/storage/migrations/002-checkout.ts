import type { Migration } from '../migrations.js';

// Checkout at the exit lane (docs/payments.md). `payment_steps` is the store's record of every
// gateway call it means to make, written BEFORE the call, so a store that crashes mid-payment
// finds on restart exactly which steps may have moved money and settles them by asking the
// gateway, never by calling again under a new key.
export const checkoutSchema: Migration = {
  version: 2,
  name: 'checkout, payment steps, lane token uses, incidents',
  up: `
CREATE TABLE checkouts (
  trip_id TEXT PRIMARY KEY REFERENCES trips (id),
  cart_id TEXT NOT NULL REFERENCES carts (id),
  shopper_id TEXT NOT NULL REFERENCES shoppers (id),
  lane_id INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('charging', 'paid', 'failed')),
  receipt_id TEXT NOT NULL UNIQUE,
  currency TEXT NOT NULL,
  total BIGINT NOT NULL,
  receipt TEXT NOT NULL,
  failure TEXT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX checkouts_state ON checkouts (state, started_at);
CREATE INDEX checkouts_shopper ON checkouts (shopper_id, state);
CREATE TABLE payment_steps (
  idempotency_key TEXT PRIMARY KEY,
  trip_id TEXT NOT NULL REFERENCES trips (id),
  step TEXT NOT NULL CHECK (step IN ('hold', 'rehold', 'capture', 'release')),
  payment_id TEXT,
  amount BIGINT,
  currency TEXT NOT NULL,
  payment_method TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed')),
  outcome TEXT,
  created_at BIGINT NOT NULL,
  settled_at BIGINT
);
CREATE INDEX payment_steps_trip ON payment_steps (trip_id);
CREATE TABLE lane_token_uses (
  token TEXT PRIMARY KEY,
  trip_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE checkout_overrides (
  trip_id TEXT PRIMARY KEY REFERENCES trips (id),
  staff_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE TABLE checkout_incidents (
  id TEXT PRIMARY KEY,
  trip_id TEXT,
  cart_id TEXT,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX checkout_incidents_at ON checkout_incidents (at)
`,
};
