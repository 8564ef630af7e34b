// The store's answers the shopper page reads, checked on arrival (lenient objects: a newer store
// may add fields).
import { z } from 'zod';

export const shopperSchema = z.object({ name: z.string(), email: z.string(), membership: z.enum(['none', 'member']) });
export type ShopperView = z.output<typeof shopperSchema>;

export const sessionSchema = z.object({ shopper: shopperSchema, expiresAt: z.number() });

export const signInCodeSchema = z.object({ token: z.string().min(20), expiresAt: z.number(), now: z.number() });
export type SignInCode = z.output<typeof signInCodeSchema>;

const receiptLine = z.object({ lineId: z.string(), name: z.string(), total: z.int() });
export const receiptsSchema = z.object({
  receipts: z.array(
    z.object({
      receiptId: z.string(),
      currency: z.string(),
      total: z.int(),
      paidAt: z.number().nullable(),
      receipt: z.object({ minorUnits: z.int().min(0).max(4), locale: z.string(), lines: z.array(receiptLine), savings: z.object({ total: z.int() }) }),
    }),
  ),
});
export type ReceiptView = z.output<typeof receiptsSchema>['receipts'][number];
