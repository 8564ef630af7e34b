// Counted events for rate limits that survive a restart (see migration 004). Each limit is a
// scope ('login-account', 'pairing-address', …); a subject is what is limited within it.
import type { SqlDatabase } from '../storage/sql-database.js';

export async function recordRateEvent(db: SqlDatabase, entry: { scope: string; subject: string; at: number; ref?: string }): Promise<void> {
  await db.execute('INSERT INTO rate_events (scope, subject, at, ref) VALUES ($1, $2, $3, $4)', [entry.scope, entry.subject, entry.at, entry.ref ?? null]);
}

/** The times of the subject's newest `limit` events after `since`, newest first. */
export async function recentRateEvents(db: SqlDatabase, entry: { scope: string; subject: string; since: number; limit: number }): Promise<number[]> {
  const rows = await db.query<{ at: number }>('SELECT at FROM rate_events WHERE scope = $1 AND subject = $2 AND at > $3 ORDER BY at DESC LIMIT $4', [
    entry.scope,
    entry.subject,
    entry.since,
    entry.limit,
  ]);
  return rows.map((r) => Number(r.at));
}

/** Forgets a subject's events (a correct password clears its account's failures). */
export async function clearRateEvents(db: SqlDatabase, scope: string, subject: string): Promise<void> {
  await db.execute('DELETE FROM rate_events WHERE scope = $1 AND subject = $2', [scope, subject]);
}

/** Takes back the events about `ref` (a pairing request staff approved no longer counts against its address). */
export async function withdrawRateEvents(db: SqlDatabase, scope: string, ref: string): Promise<void> {
  await db.execute('DELETE FROM rate_events WHERE scope = $1 AND ref = $2', [scope, ref]);
}

/** Deletes the scope's events at or before `before`: they can no longer count. */
export async function sweepRateEvents(db: SqlDatabase, scope: string, before: number): Promise<number> {
  return (await db.execute('DELETE FROM rate_events WHERE scope = $1 AND at <= $2', [scope, before])).changes;
}
