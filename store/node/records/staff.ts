// Staff accounts and their sessions. A session is a bearer secret the database knows only by
// its digest, with a fixed end (one shift); logging out deletes it.
import type { SqlDatabase } from '../storage/sql-database.js';

export type StaffRole = 'associate' | 'manager';

export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly active: boolean;
}

interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  active: number;
  password_hash: string;
  [key: string]: unknown;
}

const member = (row: StaffRow): StaffMember => ({ id: row.id, name: row.name, role: row.role, active: Number(row.active) === 1 });

export async function insertStaff(db: SqlDatabase, entry: { id: string; name: string; role: StaffRole; passwordHash: string; at: number }): Promise<StaffMember> {
  await db.execute('INSERT INTO staff (id, name, role, password_hash, active, created_at) VALUES ($1, $2, $3, $4, 1, $5)', [
    entry.id,
    entry.name,
    entry.role,
    entry.passwordHash,
    entry.at,
  ]);
  return { id: entry.id, name: entry.name, role: entry.role, active: true };
}

export async function staffByName(db: SqlDatabase, name: string): Promise<(StaffMember & { passwordHash: string }) | undefined> {
  const rows = await db.query<StaffRow>('SELECT id, name, role, active, password_hash FROM staff WHERE name = $1', [name]);
  const row = rows[0];
  return row ? { ...member(row), passwordHash: row.password_hash } : undefined;
}

export async function listStaff(db: SqlDatabase): Promise<StaffMember[]> {
  return (await db.query<StaffRow>('SELECT id, name, role, active, password_hash FROM staff ORDER BY name')).map(member);
}

export async function countManagers(db: SqlDatabase): Promise<number> {
  const rows = await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM staff WHERE role = 'manager' AND active = 1");
  return Number(rows[0]?.n ?? 0);
}

/** Changes role, activity or password; returns false when no such member. Deactivating ends their sessions. */
export async function updateStaff(db: SqlDatabase, id: string, change: { role?: StaffRole; active?: boolean; passwordHash?: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<StaffRow>('SELECT id, name, role, active, password_hash FROM staff WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return false;
    await tx.execute('UPDATE staff SET role = $2, active = $3, password_hash = $4 WHERE id = $1', [
      id,
      change.role ?? row.role,
      change.active === undefined ? row.active : change.active ? 1 : 0,
      change.passwordHash ?? row.password_hash,
    ]);
    if (change.active === false || change.passwordHash !== undefined) await tx.execute('DELETE FROM staff_sessions WHERE staff_id = $1', [id]);
    return true;
  });
}

export async function insertSession(db: SqlDatabase, entry: { tokenHash: string; staffId: string; at: number; expiresAt: number }): Promise<void> {
  await db.execute('DELETE FROM staff_sessions WHERE expires_at <= $1', [entry.at]);
  await db.execute('INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    entry.tokenHash,
    entry.staffId,
    entry.at,
    entry.expiresAt,
  ]);
}

/** The active staff member a live session belongs to. */
export async function sessionMember(db: SqlDatabase, tokenHash: string, now: number): Promise<(StaffMember & { expiresAt: number }) | undefined> {
  const rows = await db.query<StaffRow & { expires_at: number }>(
    'SELECT s.id, s.name, s.role, s.active, s.password_hash, x.expires_at FROM staff_sessions x JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = $1 AND x.expires_at > $2 AND s.active = 1',
    [tokenHash, now],
  );
  const row = rows[0];
  return row ? { ...member(row), expiresAt: Number(row.expires_at) } : undefined;
}

export async function deleteSession(db: SqlDatabase, tokenHash: string): Promise<void> {
  await db.execute('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Replaces a member's hash with a stronger one of the same password (after a good login); their sessions stay. */
export async function upgradePasswordHash(db: SqlDatabase, entry: { id: string; from: string; to: string }): Promise<void> {
  // Only if nobody changed the password meanwhile.
  await db.execute('UPDATE staff SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [entry.id, entry.from, entry.to]);
}
