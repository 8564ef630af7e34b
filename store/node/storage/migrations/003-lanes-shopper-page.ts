import type { Migration } from '../migrations.js';

// Exit lanes as staff manage them in the dashboard, and the shopper page's sign-in: a one-time
// link staff hand the shopper (at the service desk), exchanged for a long session on the
// shopper's phone. Both secrets are stored as SHA-256 like every other token.
export const lanesAndShopperPageSchema: Migration = {
  version: 3,
  name: 'lanes, shopper page links and sessions',
  up: `
CREATE TABLE lanes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  beacon_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE shopper_page_links (
  token_hash TEXT PRIMARY KEY,
  shopper_id TEXT NOT NULL REFERENCES shoppers (id),
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE TABLE shopper_sessions (
  token_hash TEXT PRIMARY KEY,
  shopper_id TEXT NOT NULL REFERENCES shoppers (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX shopper_sessions_expiry ON shopper_sessions (expires_at)
`,
};
