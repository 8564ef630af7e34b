// Camera snapshots: pictures a cart took for one of its trips (when it raised an alert), kept as
// review evidence. Each is stored once under the id its cart chose, so a retried upload never
// stores a second copy, and a trip holds a bounded number of them.
import type { SqlDatabase } from '../storage/sql-database.js';

export type SnapshotType = 'image/jpeg' | 'image/png';

/** What the review queue and the dashboard see of a snapshot: everything but its bytes. */
export interface SnapshotInfo {
  readonly snapshotId: string;
  readonly alertId: string | null;
  readonly eventSeq: number | null;
  readonly camera: string;
  readonly takenAt: number;
  readonly receivedAt: number;
  readonly contentType: SnapshotType;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

export interface NewSnapshot extends SnapshotInfo {
  readonly tripId: string;
  readonly sha256: string;
  readonly image: Uint8Array;
}

/** The outcome of storing one: stored now, the same picture stored before, another picture under that id, or the trip is full. */
export type SnapshotStored = 'stored' | 'duplicate' | 'conflict' | 'full';

/** A type alias, not an interface: the storage port wants rows it can index by column name. */
type InfoRow = {
  trip_id: string;
  snapshot_id: string;
  alert_id: string | null;
  event_seq: number | string | null;
  camera: string;
  taken_at: number | string;
  received_at: number | string;
  content_type: SnapshotType;
  width: number;
  height: number;
  byte_size: number;
};

const INFO_COLUMNS = 's.trip_id, s.snapshot_id, s.alert_id, s.event_seq, s.camera, s.taken_at, s.received_at, s.content_type, s.width, s.height, s.byte_size';

const infoOf = (r: InfoRow): SnapshotInfo => ({
  snapshotId: r.snapshot_id,
  alertId: r.alert_id,
  eventSeq: r.event_seq === null ? null : Number(r.event_seq),
  camera: r.camera,
  takenAt: Number(r.taken_at),
  receivedAt: Number(r.received_at),
  contentType: r.content_type,
  width: Number(r.width),
  height: Number(r.height),
  bytes: Number(r.byte_size),
});

/** Rolls the transaction back when another upload of the same id won the race to insert it. */
class LostRace extends Error {
  override readonly name = 'LostRace';
}

async function existing(db: SqlDatabase, tripId: string, snapshotId: string, sha256: string): Promise<SnapshotStored | undefined> {
  const row = (await db.query<{ sha256: string }>('SELECT sha256 FROM trip_snapshots WHERE trip_id = $1 AND snapshot_id = $2', [tripId, snapshotId]))[0];
  if (!row) return undefined;
  return row.sha256 === sha256 ? 'duplicate' : 'conflict';
}

/** Stores a snapshot unless its id is taken or the trip already holds `max` of them. */
export async function insertSnapshot(db: SqlDatabase, snapshot: NewSnapshot, max: number): Promise<SnapshotStored> {
  try {
    return await db.transaction(async (tx) => {
      const before = await existing(tx, snapshot.tripId, snapshot.snapshotId, snapshot.sha256);
      if (before) return before;
      const counted = await tx.execute('UPDATE trips SET snapshot_count = snapshot_count + 1 WHERE id = $1 AND snapshot_count < $2', [snapshot.tripId, max]);
      if (counted.changes !== 1) return 'full';
      const inserted = await tx.execute(
        `INSERT INTO trip_snapshots (trip_id, snapshot_id, alert_id, event_seq, camera, taken_at, received_at, content_type, width, height, byte_size, sha256, image)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (trip_id, snapshot_id) DO NOTHING`,
        [
          snapshot.tripId,
          snapshot.snapshotId,
          snapshot.alertId,
          snapshot.eventSeq,
          snapshot.camera,
          snapshot.takenAt,
          snapshot.receivedAt,
          snapshot.contentType,
          snapshot.width,
          snapshot.height,
          snapshot.bytes,
          snapshot.sha256,
          snapshot.image,
        ],
      );
      if (inserted.changes !== 1) throw new LostRace();
      return 'stored';
    });
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    // The count went back with the rollback; the winner's row decides the answer.
    return (await existing(db, snapshot.tripId, snapshot.snapshotId, snapshot.sha256)) ?? 'conflict';
  }
}

/** A trip's snapshots, in the order they were taken. */
export async function snapshotsOfTrip(db: SqlDatabase, tripId: string): Promise<SnapshotInfo[]> {
  const rows = await db.query<InfoRow>(`SELECT ${INFO_COLUMNS} FROM trip_snapshots s WHERE s.trip_id = $1 ORDER BY s.taken_at, s.snapshot_id`, [tripId]);
  return rows.map(infoOf);
}

/** The snapshots of every trip waiting in the review queue, by trip. */
export async function snapshotsOfOpenReviews(db: SqlDatabase): Promise<Map<string, SnapshotInfo[]>> {
  const rows = await db.query<InfoRow>(
    `SELECT ${INFO_COLUMNS} FROM trip_snapshots s JOIN review_queue r ON r.trip_id = s.trip_id WHERE r.resolved_at IS NULL ORDER BY s.trip_id, s.taken_at, s.snapshot_id`,
  );
  const byTrip = new Map<string, SnapshotInfo[]>();
  for (const row of rows) {
    const list = byTrip.get(row.trip_id) ?? [];
    list.push(infoOf(row));
    byTrip.set(row.trip_id, list);
  }
  return byTrip;
}

/** One snapshot's picture and its type. */
export async function snapshotImage(db: SqlDatabase, tripId: string, snapshotId: string): Promise<{ contentType: SnapshotType; image: Uint8Array } | undefined> {
  const row = (await db.query<{ content_type: SnapshotType; image: Uint8Array }>('SELECT content_type, image FROM trip_snapshots WHERE trip_id = $1 AND snapshot_id = $2', [tripId, snapshotId]))[0];
  return row ? { contentType: row.content_type, image: row.image } : undefined;
}
