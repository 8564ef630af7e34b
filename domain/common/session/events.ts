// The cart session's events: every fact the cart learns, in the order it learned it. The log of
// these is the one source of truth for a cart (DESIGN.md principle 1); state is a replay of it
// (state.ts). Events arrive from the UI, the hardware and the store, and come back off the disk,
// so each one is checked against these schemas at every boundary.
//
// An event as the runtime records it has no `seq` or `at` (a NewSessionEvent); the session stamps
// both when it appends it, so the log numbers events 1, 2, 3 … with no gaps and time never runs
// backwards along it.
import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import { SessionError } from './errors.js';

/** Ids the cart and the store hand out (trip, line, alert, step, receipt …). */
const ref = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'letters, digits, . _ : - (1-64, no leading punctuation)');
/** A product's SKU, as the catalog spells it. */
const sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a catalog SKU');
/** Money in integer minor units (cents); never a float. */
const minorUnits = z.int().min(0).max(100_000_000);
/** A mass in integer milligrams; a cart carries well under a tonne. */
const massMg = z.int().min(1).max(1_000_000_000);
/** Words for a person (a lock's detail, a fault's message), one line's worth. */
const note = z.string().max(500);

/** How a code reached the cart: the barcode symbology a camera decoded, or typed on the keypad. */
export const symbologySchema = z.enum([
  'ean-13',
  'ean-8',
  'upc-a',
  'upc-e',
  'gs1-128',
  'code-128',
  'gs1-databar',
  'gs1-databar-expanded',
  'itf-14',
  'qr',
  'data-matrix',
  'keyed',
]);

export const lockReasonSchema = z.enum(['not-paired', 'low-battery', 'fault', 'staff-hold']);

export const alertKindSchema = z.enum([
  /** The scale saw something go in that nobody scanned. */
  'unscanned-item',
  /** A scan with no matching weight step: scanned but not put in the cart. */
  'not-placed',
  /** A weight step that does not fit the scanned product's weight. */
  'weight-mismatch',
  /** The cameras recognised a different product from the one scanned. */
  'item-mismatch',
]);

export const alertResolutionSchema = z.enum([
  /** The shopper scanned the item the alert was about. */
  'scanned',
  /** The shopper took the item back out. */
  'removed',
  /** Weight or vision settled and the suspicion went away on its own. */
  'cleared-by-sensors',
  /** A staff member looked and let it stand. */
  'staff-verified',
]);

const body = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ type: z.literal(type), ...shape });

// Cart lifecycle --------------------------------------------------------------------------------
const docked = body('docked', {});
const undocked = body('undocked', {});
const paired = body('paired', { storeId: ref, cartId: ref });
const unpaired = body('unpaired', {});
const locked = body('locked', { reason: lockReasonSchema, detail: note });
/** Lifts one lock; `by` is the staff member, or "system" when the cause went away. */
const unlocked = body('unlocked', { reason: lockReasonSchema, by: ref });

// Shopper -------------------------------------------------------------------------------------
const signedIn = body('signedIn', { tripId: ref, shopperId: ref, member: z.boolean() });
const signedOut = body('signedOut', {});

// Basket --------------------------------------------------------------------------------------
/** How much of a product a line holds: a count of units, or a net weight. */
export const measureSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('each'), quantity: z.int().min(1).max(999) }),
  z.strictObject({ by: z.literal('weight'), netMg: massMg }),
]);
const scanned = body('scanned', {
  lineId: ref,
  /** The code as read, symbology identifier and GS separators included. */
  code: z.string().min(1).max(512),
  symbology: symbologySchema,
  sku,
  measure: measureSchema,
  /** The price printed on a variable-measure label, when the code carried one. */
  labelPrice: minorUnits.optional(),
});
const quantityChanged = body('quantityChanged', { lineId: ref, quantity: z.int().min(1).max(999) });
/** The shopper unscanned a line. */
const itemRemoved = body('itemRemoved', { lineId: ref });
const couponApplied = body('couponApplied', { code: z.string().regex(/^[A-Z0-9-]{3,32}$/) });
const couponRemoved = body('couponRemoved', { code: z.string().regex(/^[A-Z0-9-]{3,32}$/) });
/** Something of the shopper's own (a bag, a bottle) goes in the cart; its weight is not a sale. */
const personalItemDeclared = body('personalItemDeclared', { itemId: ref, description: z.string().min(1).max(80), massMg: massMg.optional() });
/** The shopper's spending limit for the trip, or null to clear it. */
const budgetSet = body('budgetSet', { limit: minorUnits.nullable() });

// Scale ---------------------------------------------------------------------------------------
/** One settled weight step: positive when something was placed, negative when removed. */
const weighed = body('weighed', {
  stepId: ref,
  deltaMg: z.int().min(-1_000_000_000).max(1_000_000_000).refine((d) => d !== 0, 'a weight step is never zero'),
  uncertaintyMg: z.int().min(0).max(1_000_000_000),
});

// Loss prevention -----------------------------------------------------------------------------
/** What an alert points at, so a reviewer can see why it was raised. */
const evidence = z.strictObject({
  stepIds: z.array(ref).max(50).default([]),
  lineIds: z.array(ref).max(50).default([]),
  /** Products the cameras or the scale suggest. */
  skus: z.array(sku).max(10).default([]),
  note: note.default(''),
});
const alertRaised = body('alertRaised', { alertId: ref, kind: alertKindSchema, evidence });
/** `by` is "shopper", "system", or a staff member's id. */
const alertResolved = body('alertResolved', { alertId: ref, how: alertResolutionSchema, by: ref });

// Staff ---------------------------------------------------------------------------------------
const staffModeEntered = body('staffModeEntered', { staffId: ref, mode: z.enum(['assist', 'maintenance']) });
const staffModeExited = body('staffModeExited', {});
/** A staff member checked the shopper's ID for age-restricted items. */
const ageChecked = body('ageChecked', { by: ref });
/** A staff member set a line's price by hand (damaged goods, a shelf-tag mismatch). */
const overrideApplied = body('overrideApplied', { by: ref, lineId: ref, price: minorUnits, reason: z.string().min(1).max(200) });

// Help ----------------------------------------------------------------------------------------
/** Where a call for a person came from: the cart's help button, or the help button on its screen. */
export const helpSourceSchema = z.enum(['button', 'screen']);
/** Someone at the cart asked for a person; the pole light turns blue until it is answered or taken back. */
const helpRequested = body('helpRequested', { from: helpSourceSchema });
/**
 * The call is over: `answered` by the staff member (`by`) who signed in on the cart, or
 * `withdrawn` by the "shopper" or by the "system" (a new shopper's trip does not inherit it).
 */
const helpEnded = body('helpEnded', { how: z.enum(['answered', 'withdrawn']), by: ref });

// Checkout ------------------------------------------------------------------------------------
const checkoutStarted = body('checkoutStarted', { laneId: ref });
/** The store charged the trip; `total` is the store's own figure (it is authoritative for money). */
const paid = body('paid', { receiptId: ref, total: minorUnits });
const paymentFailed = body('paymentFailed', { reason: note });
/**
 * The store could not be reached at the lane and the cart let the shopper go within the offline
 * cap: the trip leaves this cart's log (kept on disk with the lane token it heard) and is settled
 * with the store when it is back (docs/payments.md, "Offline").
 */
const leftUnsettled = body('leftUnsettled', { laneId: ref });

// Faults --------------------------------------------------------------------------------------
const faultRaised = body('faultRaised', { faultId: ref, code: z.string().regex(/^[a-z0-9-]{1,48}$/), message: note });
const faultCleared = body('faultCleared', { faultId: ref });

/** Every event, without its stamp: what the runtime asks the session to record. */
export const newSessionEventSchema = z.discriminatedUnion('type', [
  docked,
  undocked,
  paired,
  unpaired,
  locked,
  unlocked,
  signedIn,
  signedOut,
  scanned,
  quantityChanged,
  itemRemoved,
  couponApplied,
  couponRemoved,
  personalItemDeclared,
  budgetSet,
  weighed,
  alertRaised,
  alertResolved,
  staffModeEntered,
  staffModeExited,
  ageChecked,
  overrideApplied,
  helpRequested,
  helpEnded,
  checkoutStarted,
  paid,
  paymentFailed,
  leftUnsettled,
  faultRaised,
  faultCleared,
]);

/** The stamp the session puts on an event as it appends it. */
export const eventStampSchema = z.strictObject({
  /** 1, 2, 3 … along one log. */
  seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** Epoch milliseconds from the session's clock. */
  at: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export type NewSessionEvent = z.output<typeof newSessionEventSchema>;
/** What a caller may pass in before defaults are filled (evidence lists may be left out). */
export type NewSessionEventInput = z.input<typeof newSessionEventSchema>;
export type EventStamp = z.output<typeof eventStampSchema>;
export type SessionEvent = NewSessionEvent & EventStamp;
export type SessionEventType = SessionEvent['type'];
export type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
export type Symbology = z.output<typeof symbologySchema>;
export type LockReason = z.output<typeof lockReasonSchema>;
export type AlertKind = z.output<typeof alertKindSchema>;
export type AlertResolution = z.output<typeof alertResolutionSchema>;
export type Measure = z.output<typeof measureSchema>;
export type AlertEvidence = z.output<typeof evidence>;
export type HelpSource = z.output<typeof helpSourceSchema>;

/** Every schema problem, located: `measure.quantity: Too small …`. */
const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(event)'}: ${i.message}`).join('; ');

/** The event's type as given, for a message about an event that may not even be an object. */
function typeOf(input: unknown): string {
  const type: unknown = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(0, 40) : '(unknown)';
}

const invalid = (input: unknown, problems: string): { readonly ok: false; readonly error: SessionError } =>
  err(new SessionError('invalid-event', `not a valid ${typeOf(input)} event: ${problems}`, typeOf(input)));

/** Checks an event the runtime wants recorded; the error names every problem, by field. */
export function parseNewSessionEvent(input: unknown): Result<NewSessionEvent, SessionError> {
  const parsed = newSessionEventSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : invalid(input, describeIssues(parsed.error));
}

/** Checks a stamped event (one read back from the log). */
export function parseSessionEvent(input: unknown): Result<SessionEvent, SessionError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid(input, 'not an object');
  const { seq, at, ...rest } = input as Record<string, unknown>;
  const stamp = eventStampSchema.safeParse({ seq, at });
  if (!stamp.success) return invalid(input, describeIssues(stamp.error));
  const event = parseNewSessionEvent(rest);
  return event.ok ? ok({ ...event.value, ...stamp.data }) : event;
}
