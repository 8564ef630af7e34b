// Carts and their pairing. A cart is known from its first pairing request (state `pending`),
// becomes `paired` when a staff member approves the code it shows, and `unpaired` when staff
// retire it; an unpaired cart must ask again with a new key.
import type { SqlDatabase } from '../storage/sql-database.js';

export type CartState = 'pending' | 'paired' | 'unpaired';

export interface CartRecord {
  readonly id: string;
  readonly name: string;
  readonly publicKey: string;
  readonly state: CartState;
  readonly locked: boolean;
  readonly lockReason: string | null;
  readonly pairedAt: number | null;
  readonly lastSeenAt: number | null;
  readonly lastReport: unknown;
}

interface CartRow {
  id: string;
  name: string;
  public_key: string;
  state: CartState;
  locked: number;
  lock_reason: string | null;
  paired_at: number | null;
  last_seen_at: number | null;
  last_report: string | null;
  [key: string]: unknown;
}

const COLUMNS = 'id, name, public_key, state, locked, lock_reason, paired_at, last_seen_at, last_report';
const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

const record = (row: CartRow): CartRecord => ({
  id: row.id,
  name: row.name,
  publicKey: row.public_key,
  state: row.state,
  locked: Number(row.locked) === 1,
  lockReason: row.lock_reason,
  pairedAt: nullableNumber(row.paired_at),
  lastSeenAt: nullableNumber(row.last_seen_at),
  lastReport: row.last_report === null ? null : (JSON.parse(row.last_report) as unknown),
});

export async function cartById(db: SqlDatabase, id: string): Promise<CartRecord | undefined> {
  const row = (await db.query<CartRow>(`SELECT ${COLUMNS} FROM carts WHERE id = $1`, [id]))[0];
  return row ? record(row) : undefined;
}

export async function cartByPublicKey(db: SqlDatabase, publicKey: string): Promise<CartRecord | undefined> {
  const row = (await db.query<CartRow>(`SELECT ${COLUMNS} FROM carts WHERE public_key = $1`, [publicKey]))[0];
  return row ? record(row) : undefined;
}

export async function listCarts(db: SqlDatabase): Promise<CartRecord[]> {
  return (await db.query<CartRow>(`SELECT ${COLUMNS} FROM carts WHERE state <> 'unpaired' ORDER BY name, id`)).map(record);
}

/** A new pending cart and its pairing code, in one transaction. */
export async function insertPairingRequest(
  db: SqlDatabase,
  entry: { cartId: string; name: string; publicKey: string; code: string; at: number; expiresAt: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute("INSERT INTO carts (id, name, public_key, state, locked, created_at) VALUES ($1, $2, $3, 'pending', 0, $4)", [
      entry.cartId,
      entry.name,
      entry.publicKey,
      entry.at,
    ]);
    await tx.execute('INSERT INTO pairing_requests (code, cart_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [entry.code, entry.cartId, entry.at, entry.expiresAt]);
  });
}

export interface PendingPairing {
  readonly code: string;
  readonly cartId: string;
  readonly name: string;
  readonly expiresAt: number;
}

export async function pendingPairings(db: SqlDatabase, now: number): Promise<PendingPairing[]> {
  const rows = await db.query<{ code: string; cart_id: string; name: string; expires_at: number }>(
    "SELECT p.code, p.cart_id, c.name, p.expires_at FROM pairing_requests p JOIN carts c ON c.id = p.cart_id WHERE p.approved_at IS NULL AND p.expires_at > $1 AND c.state = 'pending' ORDER BY p.created_at",
    [now],
  );
  return rows.map((r) => ({ code: r.code, cartId: r.cart_id, name: r.name, expiresAt: Number(r.expires_at) }));
}

/**
 * Approves a live pairing code: the cart becomes paired under `name`. Returns the cart id, or
 * undefined when the code is unknown, expired or already used.
 */
export async function approvePairing(db: SqlDatabase, entry: { code: string; name: string; by: string; at: number }): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ cart_id: string }>(
      "SELECT p.cart_id FROM pairing_requests p JOIN carts c ON c.id = p.cart_id WHERE p.code = $1 AND p.approved_at IS NULL AND p.expires_at > $2 AND c.state = 'pending'",
      [entry.code, entry.at],
    );
    const cartId = rows[0]?.cart_id;
    if (cartId === undefined) return undefined;
    await tx.execute('UPDATE pairing_requests SET approved_at = $2, approved_by = $3 WHERE code = $1', [entry.code, entry.at, entry.by]);
    await tx.execute("UPDATE carts SET state = 'paired', name = $2, paired_at = $3, paired_by = $4 WHERE id = $1", [cartId, entry.name, entry.at, entry.by]);
    return cartId;
  });
}

/** Renames, locks or unlocks, or unpairs a cart; false when there is no such cart (or it is unpaired already). */
export async function updateCart(db: SqlDatabase, id: string, change: { name?: string; locked?: { reason: string } | false; unpair?: true }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = (await tx.query<CartRow>(`SELECT ${COLUMNS} FROM carts WHERE id = $1 AND state <> 'unpaired'`, [id]))[0];
    if (!row) return false;
    const locked = change.locked === undefined ? Number(row.locked) : change.locked ? 1 : 0;
    const reason = change.locked === undefined ? row.lock_reason : change.locked ? change.locked.reason : null;
    await tx.execute('UPDATE carts SET name = $2, locked = $3, lock_reason = $4, state = $5 WHERE id = $1', [
      id,
      change.name ?? row.name,
      locked,
      reason,
      change.unpair ? 'unpaired' : row.state,
    ]);
    return true;
  });
}

export async function recordCartSeen(db: SqlDatabase, id: string, at: number, report?: unknown): Promise<void> {
  if (report === undefined) await db.execute('UPDATE carts SET last_seen_at = $2 WHERE id = $1', [id, at]);
  else await db.execute('UPDATE carts SET last_seen_at = $2, last_report = $3 WHERE id = $1', [id, at, JSON.stringify(report)]);
}
