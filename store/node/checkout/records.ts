// The checkout's rows: one checkout per trip, one payment step per gateway call the store means
// to make (recorded before the call), spent lane tokens, staff overrides and incidents for staff.
import type { SpendOutcome } from '../../../payments/common/lane/replay-guard.js';
import type { SqlDatabase } from '../storage/sql-database.js';

export type CheckoutState = 'charging' | 'paid' | 'failed';

export interface CheckoutFailure {
  /** Stable, for the cart and the dashboard: `declined`, `hold-too-small`, `gateway-refused`. */
  readonly code: string;
  readonly message: string;
  /** The gateway's own code (`card_declined`, `insufficient_funds`), when it gave one. */
  readonly gatewayCode?: string;
}

export interface CheckoutRecord {
  readonly tripId: string;
  readonly cartId: string;
  readonly shopperId: string;
  readonly laneId: number;
  readonly state: CheckoutState;
  readonly receiptId: string;
  readonly currency: string;
  readonly total: number;
  /** The store's receipt (JSON text), priced when the checkout began. */
  readonly receipt: string;
  readonly failure: CheckoutFailure | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

interface CheckoutRow {
  trip_id: string;
  cart_id: string;
  shopper_id: string;
  lane_id: number;
  state: CheckoutState;
  receipt_id: string;
  currency: string;
  total: number | string;
  receipt: string;
  failure: string | null;
  started_at: number | string;
  finished_at: number | string | null;
  [key: string]: unknown;
}

const checkout = (r: CheckoutRow): CheckoutRecord => ({
  tripId: r.trip_id,
  cartId: r.cart_id,
  shopperId: r.shopper_id,
  laneId: Number(r.lane_id),
  state: r.state,
  receiptId: r.receipt_id,
  currency: r.currency,
  total: Number(r.total),
  receipt: r.receipt,
  failure: r.failure === null ? null : (JSON.parse(r.failure) as CheckoutFailure),
  startedAt: Number(r.started_at),
  finishedAt: r.finished_at === null ? null : Number(r.finished_at),
});

const CHECKOUT_COLUMNS = 'trip_id, cart_id, shopper_id, lane_id, state, receipt_id, currency, total, receipt, failure, started_at, finished_at';

export async function checkoutOf(db: SqlDatabase, tripId: string): Promise<CheckoutRecord | undefined> {
  const row = (await db.query<CheckoutRow>(`SELECT ${CHECKOUT_COLUMNS} FROM checkouts WHERE trip_id = $1`, [tripId]))[0];
  return row ? checkout(row) : undefined;
}

/** Starts a checkout; false when the trip already has one (another request won the race). */
export async function insertCheckout(db: SqlDatabase, c: Omit<CheckoutRecord, 'state' | 'failure' | 'finishedAt'>): Promise<boolean> {
  const done = await db.execute(
    `INSERT INTO checkouts (trip_id, cart_id, shopper_id, lane_id, state, receipt_id, currency, total, receipt, started_at)
     VALUES ($1, $2, $3, $4, 'charging', $5, $6, $7, $8, $9) ON CONFLICT (trip_id) DO NOTHING`,
    [c.tripId, c.cartId, c.shopperId, c.laneId, c.receiptId, c.currency, c.total, c.receipt, c.startedAt],
  );
  return done.changes === 1;
}

/** Ends a checkout that is still charging; a finished one is never changed. */
export async function finishCheckout(db: SqlDatabase, entry: { tripId: string; state: 'paid' | 'failed'; failure?: CheckoutFailure; at: number }): Promise<void> {
  await db.execute("UPDATE checkouts SET state = $2, failure = $3, finished_at = $4 WHERE trip_id = $1 AND state = 'charging'", [
    entry.tripId,
    entry.state,
    entry.failure ? JSON.stringify(entry.failure) : null,
    entry.at,
  ]);
}

/** Checkouts that ended this way, newest first: the failed ones staff work through, the paid ones a refund starts from. */
export async function checkoutsEnded(db: SqlDatabase, state: 'failed' | 'paid', limit: number): Promise<CheckoutRecord[]> {
  const rows = await db.query<CheckoutRow>(`SELECT ${CHECKOUT_COLUMNS} FROM checkouts WHERE state = $1 ORDER BY finished_at DESC, trip_id LIMIT $2`, [state, limit]);
  return rows.map(checkout);
}

/** The receipts of this shopper's earlier paid trips: where per-shopper coupon limits are counted. */
export async function paidReceiptsOf(db: SqlDatabase, shopperId: string, exceptTrip: string): Promise<string[]> {
  const rows = await db.query<{ receipt: string }>("SELECT receipt FROM checkouts WHERE shopper_id = $1 AND state = 'paid' AND trip_id <> $2", [shopperId, exceptTrip]);
  return rows.map((r) => r.receipt);
}

// Payment steps ---------------------------------------------------------------------------------

export type StepKind = 'hold' | 'rehold' | 'capture' | 'release';
export type StepState = 'pending' | 'succeeded' | 'failed';

export interface PaymentStep {
  readonly key: string;
  readonly tripId: string;
  readonly step: StepKind;
  /** The payment the step acts on (capture, release), or the hold it made once known. */
  readonly paymentId: string | null;
  readonly amount: number | null;
  readonly currency: string;
  readonly paymentMethod: string | null;
  readonly state: StepState;
  /** The gateway's answer (a Payment, or a failure), as JSON text. */
  readonly outcome: string | null;
}

interface StepRow {
  idempotency_key: string;
  trip_id: string;
  step: StepKind;
  payment_id: string | null;
  amount: number | string | null;
  currency: string;
  payment_method: string | null;
  state: StepState;
  outcome: string | null;
  [key: string]: unknown;
}

const step = (r: StepRow): PaymentStep => ({
  key: r.idempotency_key,
  tripId: r.trip_id,
  step: r.step,
  paymentId: r.payment_id,
  amount: r.amount === null ? null : Number(r.amount),
  currency: r.currency,
  paymentMethod: r.payment_method,
  state: r.state,
  outcome: r.outcome,
});

export async function stepOf(db: SqlDatabase, key: string): Promise<PaymentStep | undefined> {
  const row = (await db.query<StepRow>('SELECT idempotency_key, trip_id, step, payment_id, amount, currency, payment_method, state, outcome FROM payment_steps WHERE idempotency_key = $1', [key]))[0];
  return row ? step(row) : undefined;
}

/**
 * Records the intent to call the gateway, before the call. An intent already there (a crash or a
 * retry) is kept as it is: its key, amount and payment are what any retry must send again.
 */
export async function recordIntent(db: SqlDatabase, s: Omit<PaymentStep, 'state' | 'outcome'> & { at: number }): Promise<PaymentStep> {
  await db.execute(
    `INSERT INTO payment_steps (idempotency_key, trip_id, step, payment_id, amount, currency, payment_method, state, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) ON CONFLICT (idempotency_key) DO NOTHING`,
    [s.key, s.tripId, s.step, s.paymentId, s.amount, s.currency, s.paymentMethod, s.at],
  );
  const saved = await stepOf(db, s.key);
  if (!saved) throw new Error(`payment step ${s.key} vanished after being recorded`);
  return saved;
}

/** Records the gateway's definite answer to a pending step. */
export async function settleStep(db: SqlDatabase, entry: { key: string; state: 'succeeded' | 'failed'; paymentId?: string; outcome: unknown; at: number }): Promise<void> {
  await db.execute("UPDATE payment_steps SET state = $2, payment_id = COALESCE($3, payment_id), outcome = $4, settled_at = $5 WHERE idempotency_key = $1 AND state = 'pending'", [
    entry.key,
    entry.state,
    entry.paymentId ?? null,
    JSON.stringify(entry.outcome),
    entry.at,
  ]);
}

export async function stepsOf(db: SqlDatabase, tripId: string): Promise<PaymentStep[]> {
  const rows = await db.query<StepRow>(
    'SELECT idempotency_key, trip_id, step, payment_id, amount, currency, payment_method, state, outcome FROM payment_steps WHERE trip_id = $1 ORDER BY created_at, idempotency_key',
    [tripId],
  );
  return rows.map(step);
}

// Offline settlements ---------------------------------------------------------------------------

export async function insertOfflineSettlement(db: SqlDatabase, s: { tripId: string; cartId: string; leftAt: number; total: number; receivedAt: number }): Promise<void> {
  await db.execute('INSERT INTO offline_settlements (trip_id, cart_id, left_at, total, received_at) VALUES ($1, $2, $3, $4, $5)', [s.tripId, s.cartId, s.leftAt, s.total, s.receivedAt]);
}

/**
 * What the cart had left unsettled when a trip left at `leftAt`: its trips that left offline
 * before (or at) then and reached the store only after. Carts send late settlements oldest first.
 */
export async function unsettledWhenLeft(db: SqlDatabase, cartId: string, leftAt: number): Promise<{ trips: number; amount: number }> {
  const rows = await db.query<{ total: number | string }>('SELECT total FROM offline_settlements WHERE cart_id = $1 AND left_at <= $2 AND received_at > $2', [cartId, leftAt]);
  return { trips: rows.length, amount: rows.reduce((sum, r) => sum + Number(r.total), 0) };
}

// Lane tokens, overrides, incidents -------------------------------------------------------------

/**
 * Spends a lane token for a trip in the database, so a replay is caught across store restarts
 * and across store servers sharing one database. A token serves up to `maxTrips` different
 * trips; the same trip again is a retry and spends nothing more.
 */
export async function spendLaneToken(db: SqlDatabase, entry: { token: string; tripId: string; expiresAt: number; now: number; maxTrips: number }): Promise<SpendOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute('DELETE FROM lane_token_spends WHERE expires_at < $1', [entry.now]);
    const trips = (await tx.query<{ trip_id: string }>('SELECT trip_id FROM lane_token_spends WHERE token = $1', [entry.token])).map((r) => r.trip_id);
    if (trips.includes(entry.tripId)) return { accepted: true, repeat: true };
    if (trips.length >= entry.maxTrips) return { accepted: false, trips: trips.length };
    await tx.execute('INSERT INTO lane_token_spends (token, trip_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token, trip_id) DO NOTHING', [entry.token, entry.tripId, entry.expiresAt]);
    return { accepted: true, repeat: false };
  });
}

export async function recordOverride(db: SqlDatabase, entry: { tripId: string; staffId: string; reason: string; at: number }): Promise<void> {
  await db.execute('INSERT INTO checkout_overrides (trip_id, staff_id, reason, at) VALUES ($1, $2, $3, $4) ON CONFLICT (trip_id) DO UPDATE SET staff_id = $2, reason = $3, at = $4', [
    entry.tripId,
    entry.staffId,
    entry.reason,
    entry.at,
  ]);
}

/** A staff member let this trip pay despite its open alerts or missing age check. */
export async function hasOverride(db: SqlDatabase, tripId: string): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 AS x FROM checkout_overrides WHERE trip_id = $1 UNION SELECT 1 AS x FROM review_queue WHERE trip_id = $1 AND outcome IN ('approved', 'charged-adjusted')",
    [tripId],
  );
  return rows.length > 0;
}

export interface Incident {
  readonly id: string;
  readonly tripId: string | null;
  readonly cartId: string | null;
  /** `lane-token-refused`, `tampered-total`, `wrong-shopper`, `payment-declined`, `not-settled` … */
  readonly kind: string;
  readonly detail: unknown;
  readonly at: number;
}

export async function insertIncident(db: SqlDatabase, i: Incident): Promise<void> {
  await db.execute('INSERT INTO checkout_incidents (id, trip_id, cart_id, kind, detail, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    i.id,
    i.tripId,
    i.cartId,
    i.kind,
    JSON.stringify(i.detail),
    i.at,
  ]);
}

export async function recentIncidents(db: SqlDatabase, limit: number): Promise<Incident[]> {
  const rows = await db.query<{ id: string; trip_id: string | null; cart_id: string | null; kind: string; detail: string; at: number | string }>(
    'SELECT id, trip_id, cart_id, kind, detail, at FROM checkout_incidents ORDER BY at DESC, id LIMIT $1',
    [limit],
  );
  return rows.map((r) => ({ id: r.id, tripId: r.trip_id, cartId: r.cart_id, kind: r.kind, detail: JSON.parse(r.detail) as unknown, at: Number(r.at) }));
}
