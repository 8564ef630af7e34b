// The pricing input as it arrives from the cart session or over the wire: basket lines and the
// shopper's context. Parsed with zod at the engine's door; everything past it works on the
// parsed types. The bounds keep every sum of money a safe integer (see engine.ts).
import { z } from 'zod';
import { err, ok, type Result } from '../../../domain/common/result.js';
import { PricingError } from './errors.js';

export const MAX_LINES = 500;
export const MAX_QUANTITY = 999;
/** 200 kg: more than the cart's scale carries. */
export const MAX_NET_MG = 200_000_000;
/** Units of each-items in one basket. */
export const MAX_UNITS = 10_000;
/** The largest price a label can print, as for catalog prices. */
const MAX_LABEL_PRICE = 100_000_000;

const lineSchema = z
  .strictObject({
    lineId: z.string().min(1, 'a line needs an id').max(64),
    sku: z.string().min(1, 'a line needs a SKU').max(64),
    quantity: z.int('a whole number of units').min(1, 'at least 1 unit').max(MAX_QUANTITY, `at most ${MAX_QUANTITY} units on one line`).optional(),
    netMg: z.int('whole milligrams').min(1, 'a net weight above zero').max(MAX_NET_MG, 'more than 200 kg on one line').optional(),
    labelPrice: z.int('whole minor units').min(0, 'a price cannot be negative').max(MAX_LABEL_PRICE).optional(),
    /**
     * A staff member's hand-set unit price (per unit, per kg or lb, or for the whole label), from
     * an `overrideApplied` event in the trip's log. lines.ts decides whether it applies.
     */
    staffPrice: z.int('whole minor units').min(0, 'a price cannot be negative').max(MAX_LABEL_PRICE).optional(),
  })
  .check((ctx) => {
    const { quantity, netMg, labelPrice } = ctx.value;
    const given = [quantity, netMg, labelPrice].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'a line carries exactly one of quantity, netMg or labelPrice' });
    }
  });

const contextSchema = z.strictObject({
  member: z.boolean(),
  /** Coupon codes as scanned or typed; matched ignoring case and surrounding spaces. */
  coupons: z.array(z.string().max(64)).max(20).default([]),
  /** When the basket is priced: an ISO 8601 instant with offset, or epoch milliseconds. */
  now: z.union([z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.int().min(0)], {
    error: 'an ISO 8601 instant with offset ("2026-11-15T12:00:00Z") or epoch milliseconds',
  }),
  /** How many times this shopper has used each coupon before, by code. */
  couponUses: z.record(z.string().max(64), z.int().min(0)).default({}),
});

export type BasketLineInput = (
  | { lineId: string; sku: string; quantity: number }
  | { lineId: string; sku: string; netMg: number }
  | { lineId: string; sku: string; labelPrice: number }
) & { staffPrice?: number };

export interface ShopperContextInput {
  member: boolean;
  coupons?: string[];
  now: string | number;
  couponUses?: Record<string, number>;
}

/** A line after parsing, tagged by how it is measured; `staffPrice` as given (lines.ts decides whether it applies). */
export type BasketLine = (
  | { readonly kind: 'each'; readonly lineId: string; readonly sku: string; readonly quantity: number }
  /** A weighed item: net of tare, integer milligrams. */
  | { readonly kind: 'weight'; readonly lineId: string; readonly sku: string; readonly netMg: number }
  /** A variable-measure label that carries its own price (deli, meat counter). */
  | { readonly kind: 'label'; readonly lineId: string; readonly sku: string; readonly labelPrice: number }
) & { readonly staffPrice?: number };

export interface ShopperContext {
  readonly member: boolean;
  readonly coupons: readonly string[];
  /** Epoch milliseconds. */
  readonly now: number;
  readonly couponUses: Readonly<Record<string, number>>;
}

function toLine(raw: z.output<typeof lineSchema>): BasketLine {
  const { lineId, sku } = raw;
  const staff = raw.staffPrice === undefined ? {} : { staffPrice: raw.staffPrice };
  if (raw.quantity !== undefined) return { kind: 'each', lineId, sku, quantity: raw.quantity, ...staff };
  if (raw.netMg !== undefined) return { kind: 'weight', lineId, sku, netMg: raw.netMg, ...staff };
  return { kind: 'label', lineId, sku, labelPrice: raw.labelPrice as number, ...staff };
}

const requestSchema = z.strictObject({ lines: z.array(lineSchema).max(MAX_LINES, `at most ${MAX_LINES} lines`), context: contextSchema });

function describe(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Checks the shape of a basket and its context; every problem comes back, each with its path. */
export function parseBasket(lines: unknown, context: unknown): Result<{ lines: BasketLine[]; context: ShopperContext }, PricingError[]> {
  const parsed = requestSchema.safeParse({ lines, context });
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
        const lineIndex = path[0] === 'lines' && typeof path[1] === 'number' ? path[1] : undefined;
        const lineId = lineIndex === undefined ? undefined : (lines as { lineId?: unknown }[])[lineIndex]?.lineId;
        return new PricingError('invalidBasket', `${describe(issue.path)}: ${issue.message}`, path, typeof lineId === 'string' ? lineId : undefined);
      }),
    );
  }
  return ok({ lines: parsed.data.lines.map(toLine), context: parsed.data.context });
}
