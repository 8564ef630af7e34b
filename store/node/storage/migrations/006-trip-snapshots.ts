import type { Migration } from '../migrations.js';

// Camera snapshots a cart took when it raised an alert: review evidence beside the trip's log.
// The picture's bytes live in the row. BYTEA is PostgreSQL's byte type; SQLite takes the name as
// a column of NUMERIC affinity, which stores a bound byte value as a BLOB untouched, so one
// statement serves both. `snapshot_count` on the trip is what bounds a trip's snapshots: the
// conditional UPDATE that raises it takes the trip's row lock on PostgreSQL, so two uploads at
// once cannot both slip in under the limit.
export const tripSnapshotsSchema: Migration = {
  version: 6,
  name: 'camera snapshots as review evidence',
  up: `
ALTER TABLE trips ADD COLUMN snapshot_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE trip_snapshots (
  trip_id TEXT NOT NULL REFERENCES trips (id),
  snapshot_id TEXT NOT NULL,
  alert_id TEXT,
  event_seq BIGINT,
  camera TEXT NOT NULL,
  taken_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  sha256 TEXT NOT NULL,
  image BYTEA NOT NULL,
  PRIMARY KEY (trip_id, snapshot_id)
)
`,
};
