import type { Migration } from '../migrations.js';

// Staff badges a cart's camera can read to sign a staff member in. The store keeps only the
// secret's SHA-256. A badge is never deleted: revoking (or issuing a new one, which revokes the
// old) stamps `revoked_at`, so a cart shown an old badge hears "revoked", not "unknown".
export const staffBadgesSchema: Migration = {
  version: 7,
  name: 'staff badges',
  up: `
CREATE TABLE staff_badges (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff (id),
  secret_hash TEXT NOT NULL UNIQUE,
  issued_at BIGINT NOT NULL,
  issued_by TEXT NOT NULL REFERENCES staff (id),
  revoked_at BIGINT
);
CREATE INDEX staff_badges_by_staff ON staff_badges (staff_id)
`,
};
