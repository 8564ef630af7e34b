// The catalog import format (`tally-catalog/1`): store settings, products and promotions.
// Every external catalog goes through these schemas; the rest of the code works on the parsed
// types only. Money is integer minor units of the store's currency; masses are grams in the
// catalog (a human writes them) and integer milligrams once measured (see domain/common/mass.ts).
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (1-64, no leading punctuation)');
/** A non-negative amount of money in minor units (cents). */
export const minorUnits = z.int().min(0).max(100_000_000);
const grams = z.number().finite().positive().max(100_000);
/** A tax rate as a percent string with up to 4 decimals ("8.875"), parsed to parts per million. */
const ratePercent = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,4})?$/, 'a percent such as "8.875" (up to 4 decimals, below 100)')
  .transform((s) => {
    const [whole = '0', frac = ''] = s.split('.');
    return Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  });
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const taxClassSchema = z.strictObject({
  id,
  name: z.string().min(1).max(80),
  /** Parts per million after parsing ("8.875" -> 88750). */
  rate: ratePercent,
});

/**
 * A variable-measure (random-weight) label layout: UPC-A number system 2, or EAN-13 prefixes
 * 20-29. The code is prefix + item reference + [price check digit] + value + check digit.
 */
export const variableMeasureLayoutSchema = z.strictObject({
  /** "2" for UPC-A number system 2 (12 digits), or "20".."29" for EAN-13. */
  prefix: z.string().regex(/^(2|2\d)$/, '"2" (UPC-A) or "20".."29" (EAN-13)'),
  itemReferenceLength: z.int().min(4).max(6),
  /** What the value field carries. */
  value: z.enum(['price', 'weight']),
  /** Whether a price check digit (GS1 4- or 5-digit price check) precedes the value. */
  priceCheckDigit: z.boolean(),
  /** For weight labels: the unit of the value field. */
  weightUnit: z.enum(['g', '10g', '0.01lb', '0.001lb']).optional(),
});

export const storeSettingsSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  /** ISO 4217 code, e.g. USD. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** Digits after the decimal point of the currency: 2 for USD, 0 for JPY. */
  minorUnits: z.int().min(0).max(3),
  locale: z.string().min(2).max(35).default('en-US'),
  /** exclusive: tax is added at the end; inclusive: shelf prices include tax. */
  taxMode: z.enum(['exclusive', 'inclusive']),
  taxClasses: z.array(taxClassSchema).min(1),
  /** The unit per-weight prices are shown in. */
  weightUnit: z.enum(['kg', 'lb']),
  variableMeasure: z.array(variableMeasureLayoutSchema).default([]),
});

const productBase = {
  sku: id,
  name: z.string().min(1).max(120),
  /** Names in other languages, keyed by BCP 47 tag (es, fr-CA). */
  names: z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/), z.string().min(1).max(120)).optional(),
  brand: z.string().max(80).optional(),
  /** GTIN-8/12/13/14 as printed; validated and normalised to GTIN-14 on import. */
  gtins: z.array(z.string().regex(/^\d{8}$|^\d{12,14}$/, '8, 12, 13 or 14 digits')).default([]),
  taxClass: id,
  /** Deposit charged per unit (bottle, can), as a separate receipt line. */
  deposit: minorUnits.optional(),
  /** Minimum buyer age for alcohol, tobacco, etc. A staff member checks ID. */
  minimumAge: z.int().min(1).max(99).optional(),
  aisle: z.string().max(40).optional(),
  image: z.string().max(200).optional(),
  /** The recognition model's class name for this product (Grocery Store Dataset fine class). */
  visionLabel: z.string().max(80).optional(),
  category: z.string().max(60).optional(),
  /** PLU for loose produce (4 digits, or 5 with a leading 9 for organic); avocados and limes sold each have one too. */
  plu: z.string().regex(/^\d{4,5}$/, '4 or 5 digits').optional(),
};

export const eachProductSchema = z.strictObject({
  ...productBase,
  soldBy: z.literal('each'),
  price: minorUnits,
  memberPrice: minorUnits.optional(),
  /** Nominal weight of one unit, for weight verification on the basket scale. */
  weight: z.strictObject(
    { meanGrams: grams, sdGrams: z.number().finite().min(0).max(10_000) },
    { error: (issue) => (issue.input === undefined ? 'an item sold by each needs a weight model { meanGrams, sdGrams } for the basket scale' : undefined) },
  ),
});

export const weighedProductSchema = z.strictObject({
  ...productBase,
  soldBy: z.literal('weight'),
  /** Price per `per` (kg or lb), in minor units. */
  price: minorUnits,
  memberPrice: minorUnits.optional(),
  per: z.enum(['kg', 'lb']),
  /** Container weight subtracted from the gross weight, in grams. */
  tareGrams: z.number().finite().min(0).max(5_000).default(0),
  /** Variable-measure label item reference (deli, meat counter). */
  itemReference: z.string().regex(/^\d{4,6}$/).optional(),
  /** Typical weight of one picked unit or bag, when known (weight verification hints). */
  typicalGrams: grams.optional(),
});

export const productSchema = z.discriminatedUnion('soldBy', [eachProductSchema, weighedProductSchema]);

const target = {
  /** The SKUs a promotion applies to; several SKUs make a mix-and-match group. */
  skus: z.array(id).min(1),
  startsAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  /** Only for shoppers with a membership. */
  membersOnly: z.boolean().default(false),
};

export const promotionSchema = z.discriminatedUnion('kind', [
  /** N for a price: any `quantity` units from `skus` cost `price` together. */
  z.strictObject({ id, kind: z.literal('multibuy'), name: z.string().min(1).max(80), ...target, quantity: z.int().min(2).max(100), price: minorUnits }),
  /** Buy `buy` get `get` at `percentOff` off; the cheapest units of the group are discounted. */
  z.strictObject({ id, kind: z.literal('buyXgetY'), name: z.string().min(1).max(80), ...target, buy: z.int().min(1).max(100), get: z.int().min(1).max(100), percentOff: z.int().min(1).max(100) }),
  /** A percent off every unit. */
  z.strictObject({ id, kind: z.literal('percentOff'), name: z.string().min(1).max(80), ...target, percent: z.int().min(1).max(100) }),
  /** An amount off every unit (never below zero). */
  z.strictObject({ id, kind: z.literal('amountOff'), name: z.string().min(1).max(80), ...target, amount: minorUnits }),
]);

export const couponSchema = z.strictObject({
  /** The code printed on the coupon (scanned as QR or Code 128, or typed). */
  code: z.string().regex(/^[A-Z0-9-]{3,32}$/),
  name: z.string().min(1).max(80),
  /** What it takes off: a percent or an amount, of the items in `skus` or of the whole basket. */
  discount: z.union([z.strictObject({ percent: z.int().min(1).max(100) }), z.strictObject({ amount: minorUnits })]),
  skus: z.array(id).min(1).optional(),
  /** Minimum spend (after promotions, before tax) for the coupon to apply. */
  threshold: minorUnits.default(0),
  /** How many times one shopper may use it; absent for no limit. */
  limitPerShopper: z.int().min(1).max(1000).optional(),
  expiresAt: isoDate.optional(),
  membersOnly: z.boolean().default(false),
});

export const catalogSchema = z.strictObject({
  format: z.literal('tally-catalog/1'),
  /** Increases with every change; carts sync by version. */
  version: z.int().min(1),
  store: storeSettingsSchema,
  products: z.array(productSchema).min(1).max(200_000),
  promotions: z.array(promotionSchema).default([]),
  coupons: z.array(couponSchema).default([]),
});

export type TaxClass = z.output<typeof taxClassSchema>;
export type VariableMeasureLayout = z.output<typeof variableMeasureLayoutSchema>;
export type StoreSettings = z.output<typeof storeSettingsSchema>;
export type EachProduct = z.output<typeof eachProductSchema>;
export type WeighedProduct = z.output<typeof weighedProductSchema>;
export type Product = z.output<typeof productSchema>;
/** A product as written (one entry of `products`, or one row of a product sheet). */
export type ProductInput = z.input<typeof productSchema>;
export type Promotion = z.output<typeof promotionSchema>;
export type Coupon = z.output<typeof couponSchema>;
/** A catalog as written (input to import). */
export type CatalogInput = z.input<typeof catalogSchema>;
/** A parsed, not yet cross-checked catalog. */
export type CatalogData = z.output<typeof catalogSchema>;
