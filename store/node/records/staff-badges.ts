// Staff badges: a staff member's badge secret, known to the database only by its digest. Each
// staff member has at most one badge in force; a new one revokes the old in the same
// transaction, and a revoked badge is kept so a cart can say it was revoked.
import type { SqlDatabase } from '../storage/sql-database.js';
import type { StaffRole } from './staff.js';

interface BadgeRow {
  staff_id: string;
  name: string;
  role: StaffRole;
  active: number;
  revoked_at: number | string | null;
  [key: string]: unknown;
}

/** What a badge's secret opens: its staff member, and whether the badge or the account still holds. */
export interface BadgeHolder {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly active: boolean;
  readonly revokedAt: number | null;
}

/** Gives `staffId` a new badge (its digest), revoking the one they had; false when no such staff member. */
export async function issueBadge(db: SqlDatabase, badge: { id: string; staffId: string; secretHash: string; at: number; by: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const staff = await tx.query<{ id: string }>('SELECT id FROM staff WHERE id = $1', [badge.staffId]);
    if (staff.length === 0) return false;
    await tx.execute('UPDATE staff_badges SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL', [badge.staffId, badge.at]);
    await tx.execute('INSERT INTO staff_badges (id, staff_id, secret_hash, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5)', [badge.id, badge.staffId, badge.secretHash, badge.at, badge.by]);
    return true;
  });
}

/** Revokes the staff member's badge in force; false when they have none. */
export async function revokeBadge(db: SqlDatabase, staffId: string, at: number): Promise<boolean> {
  return (await db.execute('UPDATE staff_badges SET revoked_at = $2 WHERE staff_id = $1 AND revoked_at IS NULL', [staffId, at])).changes > 0;
}

/** The badge whose secret has this digest, with its holder; undefined for a badge the store never issued. */
export async function badgeHolder(db: SqlDatabase, secretHash: string): Promise<BadgeHolder | undefined> {
  const rows = await db.query<BadgeRow>('SELECT b.staff_id, s.name, s.role, s.active, b.revoked_at FROM staff_badges b JOIN staff s ON s.id = b.staff_id WHERE b.secret_hash = $1', [secretHash]);
  const row = rows[0];
  if (!row) return undefined;
  return { staffId: row.staff_id, name: row.name, role: row.role, active: Number(row.active) === 1, revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) };
}

/** When each staff member's badge in force was issued, for the staff list. */
export async function badgesInForce(db: SqlDatabase): Promise<{ staffId: string; issuedAt: number }[]> {
  const rows = await db.query<{ staff_id: string; issued_at: number | string }>('SELECT staff_id, issued_at FROM staff_badges WHERE revoked_at IS NULL ORDER BY staff_id');
  return rows.map((r) => ({ staffId: r.staff_id, issuedAt: Number(r.issued_at) }));
}
