import type { Migration } from '../migrations.js';

// Portable subset (see ../migrations.ts): TEXT ids made by the app, BIGINT epoch milliseconds and
// minor units, INTEGER 0/1 flags, TEXT holding JSON. Secrets (session and sign-in tokens) are
// stored as SHA-256 digests, so a copy of the database does not hand out live sessions.
export const initialSchema: Migration = {
  version: 1,
  name: 'initial store schema',
  up: `
CREATE TABLE catalog_versions (
  version BIGINT PRIMARY KEY,
  document TEXT NOT NULL,
  product_count INTEGER NOT NULL,
  imported_at BIGINT NOT NULL,
  imported_by TEXT
);
CREATE TABLE catalog_changes (
  version BIGINT NOT NULL REFERENCES catalog_versions (version),
  sku TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('upsert', 'remove')),
  product TEXT,
  PRIMARY KEY (version, sku)
);
CREATE TABLE shoppers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  membership TEXT NOT NULL CHECK (membership IN ('none', 'member')),
  payment_method TEXT,
  created_at BIGINT NOT NULL
);
CREATE TABLE sign_in_tokens (
  token_hash TEXT PRIMARY KEY,
  shopper_id TEXT NOT NULL REFERENCES shoppers (id),
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  used_by_cart TEXT
);
CREATE TABLE carts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  public_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'paired', 'unpaired')),
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  lock_reason TEXT,
  paired_at BIGINT,
  paired_by TEXT,
  last_report TEXT,
  last_seen_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE TABLE pairing_requests (
  code TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL UNIQUE REFERENCES carts (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  approved_at BIGINT,
  approved_by TEXT
);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('associate', 'manager')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at BIGINT NOT NULL
);
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_expiry ON staff_sessions (expires_at);
CREATE TABLE request_nonces (
  cart_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (cart_id, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at);
CREATE TABLE trips (
  id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL REFERENCES carts (id),
  shopper_id TEXT NOT NULL REFERENCES shoppers (id),
  state TEXT NOT NULL CHECK (state IN ('open', 'uploaded')),
  started_at BIGINT NOT NULL,
  events TEXT,
  uploaded_at BIGINT
);
CREATE INDEX trips_cart ON trips (cart_id, state);
CREATE TABLE review_queue (
  trip_id TEXT PRIMARY KEY REFERENCES trips (id),
  reasons TEXT NOT NULL,
  queued_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolved_by TEXT,
  outcome TEXT CHECK (outcome IN ('approved', 'charged-adjusted', 'refused'))
)
`,
};
