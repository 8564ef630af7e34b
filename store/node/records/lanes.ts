// The store's exit lanes. Each lane's beacon secret is made by the store when a manager adds the
// lane and shown once, to be programmed into the beacon; the list never shows it again.
import type { SqlDatabase } from '../storage/sql-database.js';

export interface Lane {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
}

interface LaneRow {
  id: number;
  name: string;
  created_at: number;
  [key: string]: unknown;
}

export async function listLanes(db: SqlDatabase): Promise<Lane[]> {
  const rows = await db.query<LaneRow>('SELECT id, name, created_at FROM lanes ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: Number(r.created_at) }));
}

/** Adds a lane; a StorageError with code 'constraint' when the id is taken. */
export async function insertLane(db: SqlDatabase, lane: { id: number; name: string; beaconSecretHex: string; by: string; at: number }): Promise<void> {
  await db.execute('INSERT INTO lanes (id, name, beacon_secret, created_at, created_by) VALUES ($1, $2, $3, $4, $5)', [lane.id, lane.name, lane.beaconSecretHex, lane.at, lane.by]);
}

/** Removes a lane; false when there was none with this id. */
export async function deleteLane(db: SqlDatabase, id: number): Promise<boolean> {
  return (await db.execute('DELETE FROM lanes WHERE id = $1', [id])).changes === 1;
}

/** Every lane's beacon secret, for the checkout's lane token verifier. */
export async function laneSecrets(db: SqlDatabase): Promise<Map<number, Uint8Array>> {
  const rows = await db.query<{ id: number; beacon_secret: string }>('SELECT id, beacon_secret FROM lanes');
  return new Map(rows.map((r) => [Number(r.id), Uint8Array.from(Buffer.from(r.beacon_secret, 'hex'))]));
}
