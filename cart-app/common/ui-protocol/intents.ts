// What the cart's screen may ask of the runtime, and the messages that carry those asks over the
// local WebSocket. The screen is a separate program (a browser, an Electron renderer), so every
// intent and every message is checked here before the runtime acts on it.
import { z } from 'zod';

const lineId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a basket line id');
/** The symbologies the cart's cameras decode, by ZXing's names (domain/common/codes/interpret.ts). */
export const cameraSymbology = z.enum(['EAN_13', 'UPC_A', 'UPC_E', 'EAN_8', 'CODE_128', 'RSS_14', 'RSS_EXPANDED', 'QR_CODE', 'DATA_MATRIX']);
/** Money in integer minor units; a budget is never a float. */
const minorUnits = z.int().min(0).max(100_000_000);

export const intentSchema = z.discriminatedUnion('type', [
  /** A code as a camera (with ZXing's name for its symbology) or the keypad read it: a barcode, a deli label, a coupon. */
  z.strictObject({ type: z.literal('scan'), code: z.string().trim().min(1).max(512), symbology: cameraSymbology.optional() }),
  /** Produce (by PLU) or a weighed item's barcode, with the gross weight the scale read. */
  z.strictObject({ type: z.literal('weigh'), code: z.string().trim().min(1).max(64), grossMg: z.int().min(1).max(200_000_000) }),
  z.strictObject({ type: z.literal('changeQuantity'), lineId, quantity: z.int().min(1).max(999) }),
  z.strictObject({ type: z.literal('removeLine'), lineId }),
  z.strictObject({ type: z.literal('applyCoupon'), code: z.string().trim().min(1).max(32) }),
  z.strictObject({ type: z.literal('removeCoupon'), code: z.string().trim().min(1).max(32) }),
  z.strictObject({ type: z.literal('setBudget'), limit: minorUnits.nullable() }),
  /** The shopper asks for a person (the help button on the screen); answered when staff sign in on the cart. */
  z.strictObject({ type: z.literal('callHelp') }),
  /** The shopper takes the call for help back. */
  z.strictObject({ type: z.literal('cancelHelp') }),
]);
export type CartIntent = z.output<typeof intentSchema>;

export const intentErrorCodeSchema = z.enum([
  'invalid-intent',
  'unreadable',
  'unknown-product',
  'unknown-text',
  'not-weighed',
  'needs-weight',
  'not-sold-by-weight',
  'only-tare',
  'unknown-line',
  'unknown-coupon',
  'refused',
  'not-shopping',
  /** A staff sign-in (staff-intents.ts) with a badge PIN the cart does not know, or while the pad is locked after too many. */
  'wrong-pin',
  /** A staff intent from a screen with nobody signed in as staff. */
  'not-staff',
  /** A staff badge QR the store refused (unknown, revoked, its owner switched off), or one that is not a badge of this store. */
  'badge-refused',
]);
export type IntentErrorCode = z.output<typeof intentErrorCodeSchema>;

/** Why an intent was not carried out: a code for the screen to translate, and plain English. */
export interface IntentError {
  readonly code: IntentErrorCode;
  readonly message: string;
}

/** One product found by name, for the search panel and the produce picker. */
export interface ProductHit {
  readonly sku: string;
  readonly name: string;
  readonly names: Readonly<Record<string, string>>;
  readonly aisle: string | null;
  readonly soldBy: 'each' | 'weight';
  readonly plu: string | null;
  /** Per unit, or per `per` for a weighed product, in minor units. */
  readonly price: number;
  readonly per: 'kg' | 'lb' | null;
  readonly minimumAge: number | null;
}

/** Screen → runtime. `id` pairs the reply with the request. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('intent'), id: z.int().min(0).max(Number.MAX_SAFE_INTEGER), intent: z.unknown() }),
  z.strictObject({ type: z.literal('search'), id: z.int().min(0).max(Number.MAX_SAFE_INTEGER), query: z.string().max(80) }),
]);
export type ClientMessage = z.output<typeof clientMessageSchema>;

/** Runtime → screen. */
export type ServerMessage<Snapshot> =
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: IntentError }
  | { readonly type: 'searchResults'; readonly id: number; readonly query: string; readonly results: readonly ProductHit[] }
  /** A message the runtime could not read at all (not JSON, not a known shape). */
  | { readonly type: 'error'; readonly code: 'bad-message'; readonly message: string };

/** Every problem in a zod error, by field, in one line. */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`).join('; ');
