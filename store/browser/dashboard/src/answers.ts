// The shapes of the store's answers the dashboard reads, checked on arrival. Objects are not
// strict: a newer store may add fields without breaking an open dashboard.
import { z } from 'zod';

export const roleSchema = z.enum(['associate', 'manager']);
export type Role = z.output<typeof roleSchema>;

export const staffMemberSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema, active: z.boolean().optional() });
export type StaffMember = z.output<typeof staffMemberSchema>;

export const loginSchema = z.object({ staff: staffMemberSchema, expiresAt: z.number() });

export const cartReportSchema = z.object({
  battery: z.number(),
  charging: z.boolean(),
  docked: z.boolean(),
  state: z.string(),
  version: z.string(),
  faults: z.array(z.string()),
  helpSince: z.number().nullable().optional(),
  unsettledTrips: z.number().optional(),
  unsettledSince: z.number().nullable().optional(),
});
export type CartReport = z.output<typeof cartReportSchema>;

export const fleetCartSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['pending', 'paired', 'unpaired']),
  locked: z.boolean(),
  lockReason: z.string().nullable(),
  lastSeenAt: z.number().nullable(),
  lastReport: cartReportSchema.nullable(),
  silent: z.boolean(),
  needsCharge: z.boolean(),
});
export type FleetCart = z.output<typeof fleetCartSchema>;

export const boardSchema = z.object({ carts: z.array(fleetCartSchema) });

/** A checkout at an exit lane ended: green (paid) or red (not paid, with the store's reason). */
export const laneResultSchema = z.object({
  type: z.literal('lane'),
  laneId: z.number(),
  cartId: z.string(),
  tripId: z.string(),
  at: z.number(),
  result: z.enum(['green', 'red']),
  total: z.number().optional(),
  currency: z.string().optional(),
  minorUnits: z.number().optional(),
  reason: z.string().optional(),
});
export type LaneResult = z.output<typeof laneResultSchema>;

export const fleetEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), carts: z.array(fleetCartSchema) }),
  z.object({ type: z.literal('report'), cartId: z.string(), at: z.number(), report: cartReportSchema }),
  z.object({ type: z.literal('silent'), cartId: z.string(), lastSeenAt: z.number() }),
  laneResultSchema,
]);
export type FleetEvent = z.output<typeof fleetEventSchema>;

export const pairingsSchema = z.object({ pairings: z.array(z.object({ code: z.string(), cartId: z.string(), name: z.string(), expiresAt: z.number() })) });
export type PendingPairing = z.output<typeof pairingsSchema>['pairings'][number];

export const reviewsSchema = z.object({
  reviews: z.array(
    z.object({
      tripId: z.string(),
      cartId: z.string(),
      shopperId: z.string(),
      queuedAt: z.number(),
      reasons: z.array(z.unknown()),
      events: z.array(z.unknown()).nullable(),
    }),
  ),
});
export type ReviewItem = z.output<typeof reviewsSchema>['reviews'][number];

export const reviewReasonSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unresolved-alert'),
    alertId: z.string(),
    alert: z.string(),
    evidence: z.object({ stepIds: z.array(z.string()).default([]), lineIds: z.array(z.string()).default([]), skus: z.array(z.string()).default([]), note: z.string().default('') }),
  }),
  z.object({ kind: z.literal('age-restricted'), sku: z.string(), minimumAge: z.number() }),
]);
export type ReviewReason = z.output<typeof reviewReasonSchema>;

export const lanesSchema = z.object({ lanes: z.array(z.object({ id: z.number(), name: z.string(), createdAt: z.number() })) });
export type Lane = z.output<typeof lanesSchema>['lanes'][number];
export const newLaneSchema = z.object({ id: z.number(), name: z.string(), beaconSecret: z.string() });

export const staffListSchema = z.object({ staff: z.array(staffMemberSchema) });

export const catalogImportedSchema = z.object({ version: z.number(), products: z.number(), changed: z.number(), removed: z.number() });
export type CatalogImported = z.output<typeof catalogImportedSchema>;

export const nothing = z.unknown();

export const paidCheckoutsSchema = z.object({
  paid: z.array(z.object({ tripId: z.string(), cartId: z.string(), laneId: z.number(), receiptId: z.string(), currency: z.string(), minorUnits: z.number(), total: z.number(), finishedAt: z.number().nullable() })),
});
export type PaidCheckout = z.output<typeof paidCheckoutsSchema>['paid'][number];

const refundSchema = z.object({ refundNo: z.number(), amount: z.number(), reason: z.string(), state: z.enum(['pending', 'succeeded', 'failed']), createdAt: z.number() });
export const tripRefundsSchema = z.object({ tripId: z.string(), total: z.number(), currency: z.string(), refunds: z.array(refundSchema) });
export const refundAnswerSchema = z.object({ refund: refundSchema });

export const shopperSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), membership: z.enum(['none', 'member']) });
export type ShopperCard = z.output<typeof shopperSchema>;
export const createdSchema = z.object({ id: z.string() });
export const pageLinkSchema = z.object({ path: z.string().startsWith('/shopper/#link='), expiresAt: z.number() });
