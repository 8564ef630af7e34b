// The scripted trip's format: one JSON file names the store, the shopper, the cart's hardware and
// what the shopper does, step by step. It comes from a person's editor, so every field is checked
// here and every problem is reported with its path. README.md ("Scripted trips") documents it.
import { z } from 'zod';
import { LABEL_KINDS } from '../emulated/barcode-camera.js';

const sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a catalog SKU');
const ms = z.int().min(0).max(3_600_000);
const grams = z.number().finite().positive().max(50_000);
/** A name the script gives one physical thing in the basket, to take it out again later. */
const thing = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$/, 'a name of letters, digits, . _ -');
const staffId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a staff id');
const how = z.enum(['lowered', 'dropped']);

const step = z.discriminatedUnion('do', [
  /** The shopper shows their phone's sign-in QR to the cart camera. */
  z.strictObject({ do: z.literal('signIn') }),
  /** Shows a printed code to the camera: a product's GTIN, or any label text (a deli label, a GS1 element string, a coupon). */
  z.strictObject({ do: z.literal('show'), gtin: z.string().regex(/^\d{8}$|^\d{12,14}$/, '8, 12, 13 or 14 digits').optional(), label: z.string().min(1).max(200).optional(), as: z.enum(LABEL_KINDS).optional() }).refine((s) => (s.gtin === undefined) !== (s.label === undefined), 'give either gtin or label'),
  /** The usual way: scan the product's barcode, then put it in the basket. */
  z.strictObject({ do: z.literal('add'), sku, grams: grams.optional(), how: how.optional(), thing: thing.optional() }),
  /** Scans the product and never puts it in. */
  z.strictObject({ do: z.literal('scanOnly'), sku, thing: thing.optional() }),
  /** Puts something in without scanning it: a product (its weight drawn from its model) or a mass in grams. */
  z.strictObject({ do: z.literal('placeOnly'), sku: sku.optional(), grams: grams.optional(), how: how.optional(), thing: thing.optional() }).refine((s) => s.sku !== undefined || s.grams !== undefined, 'give a sku or grams'),
  /** Loose produce: put it on the scale, then key its PLU; the scale's weight prices it. */
  z.strictObject({ do: z.literal('produce'), plu: z.string().regex(/^9?\d{4}$/, 'a PLU of 4 digits (5 with a leading 9 for organic)'), grams: grams.optional(), thing: thing.optional() }),
  /** Takes a thing out of the basket and, unless told not to, takes its line off the list. */
  z.strictObject({ do: z.literal('remove'), thing, unscan: z.boolean().default(true) }),
  /** Declares something of the shopper's own (a tote, a water bottle) and puts it in. */
  z.strictObject({ do: z.literal('declare'), description: z.string().min(1).max(80), grams: grams.optional(), place: z.boolean().default(true), thing: thing.optional() }),
  /** A coupon, scanned from the phone (a QR) or typed on the keypad. */
  z.strictObject({ do: z.literal('coupon'), code: z.string().min(1).max(32), via: z.enum(['camera', 'keypad']).default('camera') }),
  /** Pushes the cart for a while (1 = a brisk walk); the scale sees the shaking, the motion sensor the movement. */
  z.strictObject({ do: z.literal('push'), ms: ms.min(1), intensity: z.number().min(0.1).max(1.5).default(1) }),
  z.strictObject({ do: z.literal('wait'), ms }),
  /** A member of staff at the cart: checks ID, overrides a line's price, or looks at the open alerts and lets the basket stand. */
  z.discriminatedUnion('action', [
    z.strictObject({ do: z.literal('staff'), action: z.literal('ageCheck'), staffId }),
    z.strictObject({ do: z.literal('staff'), action: z.literal('override'), staffId, thing, price: z.int().min(0).max(100_000_000), reason: z.string().min(1).max(200) }),
    z.strictObject({ do: z.literal('staff'), action: z.literal('verifyAlerts'), staffId }),
  ]),
  /** Walks through an exit lane: the cart hears its beacon and checks out. */
  z.strictObject({ do: z.literal('lane'), laneId: z.int().min(0).max(0xffff).default(1) }),
  z.strictObject({ do: z.literal('budget'), limit: z.int().min(0).max(100_000_000).nullable() }),
]);

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  /** A catalog file, relative to the scenario; the demo store when absent. */
  catalog: z.string().min(1).optional(),
  shopper: z
    .strictObject({
      name: z.string().min(1).max(80).default('Scripted Shopper'),
      member: z.boolean().default(false),
      /** A payment gateway token (pm_…): the sandbox's pm_sandbox_approve, _decline, _insufficient_funds, _retry, _timeout. */
      paymentMethod: z.string().regex(/^pm_[A-Za-z0-9_]{4,96}$/, 'a gateway token such as pm_sandbox_approve').default('pm_sandbox_approve'),
    })
    .prefault({}),
  hardware: z
    .strictObject({
      seed: z.int().min(0).max(2 ** 31 - 1).default(1),
      scaleNoiseGrams: z.number().min(0).max(20).default(1),
      vibrationRmsG: z.number().min(0).max(1).default(0.12),
    })
    .prefault({}),
  /** Simulated time between one step and the next: the shopper's pace (ms). */
  paceMs: ms.default(3000),
  /** When the trip starts, epoch ms (simulated). */
  startAt: z.int().min(0).max(8_640_000_000_000).default(Date.UTC(2026, 10, 23, 10, 0, 0)),
  steps: z.array(step).min(1).max(500),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioStep = Scenario['steps'][number];
