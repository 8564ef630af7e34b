// What a staff member may ask of the cart from its screen, once signed in with a badge PIN. These
// live beside the shopper's intents (intents.ts), apart so the shopper's set stays small;
// `screenIntentSchema` is the whole set the runtime checks a screen's request against, and every
// staff intent but the sign-in needs a staff member signed in (the runtime answers `not-staff`).
import { z } from 'zod';
import { intentSchema } from './intents.js';
import { overrideReasons } from './staff-choices.js';

const ref = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'an id');
/** A badge PIN: digits only; the runtime checks it against the store's staff list, never the screen. */
export const badgePin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');

export const staffIntentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('staffSignIn'), pin: badgePin }),
  z.strictObject({ type: z.literal('staffSignOut') }),
  /** A known test weight (0.1-50 kg) sits alone on the empty scale; the runtime sets the load cells' scale factor from it. */
  z.strictObject({ type: z.literal('calibrateScale'), knownMg: z.int().min(100_000).max(50_000_000) }),
  /** The signed-in staff member checked the shopper's ID for the age-restricted items. */
  z.strictObject({ type: z.literal('confirmAge') }),
  /** The staff member looked at an alert and lets the basket stand as it is. */
  z.strictObject({ type: z.literal('verifyAlert'), alertId: ref }),
  /**
   * A hand-set price for a line (damaged goods, a shelf tag that disagrees), with the reason. The
   * price is the line's unit price: per unit, per kg or lb of a weighed line (the product's own
   * unit), or the whole price of a labelled pack. It may only lower what the shopper pays.
   */
  z.strictObject({ type: z.literal('overridePrice'), lineId: ref, price: z.int().min(0).max(100_000_000), reason: z.enum(overrideReasons) }),
  z.strictObject({ type: z.literal('lockCart'), detail: z.string().trim().min(1).max(200) }),
  /** Lifts the staff hold (other locks lift when their cause goes away). */
  z.strictObject({ type: z.literal('unlockCart') }),
  /** Asks the store for a fresh pairing code for this cart. */
  z.strictObject({ type: z.literal('requestPairingCode') }),
]);
export type StaffIntent = z.output<typeof staffIntentSchema>;

/** Every intent a screen may send: the shopper's and the staff member's. */
export const screenIntentSchema = z.discriminatedUnion('type', [...intentSchema.options, ...staffIntentSchema.options]);
export type ScreenIntent = z.output<typeof screenIntentSchema>;

