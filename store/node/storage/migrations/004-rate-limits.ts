import type { Migration } from '../migrations.js';

// Rate limits that must outlive a restart: failed staff logins (per account and per client
// address) and pairing requests per address. One row per counted event, swept once it leaves
// its window; a limit is a count of a subject's rows newer than the window. `ref` names what an
// event is about when it can be taken back (the cart of a pairing request that staff approved).
export const rateLimitSchema: Migration = {
  version: 4,
  name: 'rate limit events (login throttle, pairing requests)',
  up: `
CREATE TABLE rate_events (
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  at BIGINT NOT NULL,
  ref TEXT
);
CREATE INDEX rate_events_subject ON rate_events (scope, subject, at);
CREATE INDEX rate_events_ref ON rate_events (scope, ref)
`,
};
