// A cart's health report, sent every few seconds over its live connection (or by HTTP). Shared:
// the cart builds it (cart-app/node/store-link) and the store checks it, with one schema.
import { z } from 'zod';

export const cartReportSchema = z.strictObject({
  battery: z.int().min(0).max(100),
  charging: z.boolean(),
  docked: z.boolean(),
  state: z.enum(['idle', 'shopping', 'checkout', 'locked', 'fault', 'updating']),
  version: z.string().regex(/^[0-9A-Za-z.+-]{1,40}$/),
  faults: z.array(z.string().max(200)).max(20),
  /** When someone at the cart called for a person (its session's help call), or null; absent from older carts. */
  helpSince: z.int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  /**
   * Trips this cart let leave while the store was unreachable and has not yet settled, and when
   * the oldest of them left (null with none); absent from older carts. The offline cap keeps the
   * count small; 1000 is the most the cart's file holds.
   */
  unsettledTrips: z.int().min(0).max(1000).optional(),
  unsettledSince: z.int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
});

export type CartReport = z.output<typeof cartReportSchema>;
