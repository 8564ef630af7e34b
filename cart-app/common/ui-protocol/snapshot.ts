// What the cart's screen shows, as one plain object the runtime pushes after every change. All
// money is integer minor units and all weights integer milligrams; the screen formats them with
// payments/common/money/format.ts in the store's currency and locale.
import type { AlertKind, LockReason } from '../../../domain/common/session/events.js';
import type { CartStatus } from '../../../domain/common/session/state.js';
import type { LineMeasure } from '../../../payments/common/pricing/receipt.js';

export interface SnapshotLine {
  readonly lineId: string;
  readonly sku: string;
  /** The catalog's name, and its translations keyed by language (es …). */
  readonly name: string;
  readonly names: Readonly<Record<string, string>>;
  readonly measure: LineMeasure;
  readonly unitPrice: number;
  readonly regularTotal: number;
  readonly total: number;
  /** Sum of this line's savings (member price, promotions, item coupons). */
  readonly saving: number;
  readonly minimumAge: number | null;
  readonly aisle: string | null;
}

export interface SnapshotCoupon {
  readonly code: string;
  readonly name: string;
  /** The saving it gives now; 0 with `problem` set when the pricing did not accept it. */
  readonly amount: number;
  readonly problem: string | null;
}

export interface SnapshotAlert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly note: string;
}

export interface SnapshotTrip {
  readonly tripId: string;
  readonly member: boolean;
  readonly lines: readonly SnapshotLine[];
  readonly coupons: readonly SnapshotCoupon[];
  readonly subtotal: number;
  readonly tax: number;
  readonly deposits: number;
  readonly total: number;
  readonly savings: number;
  /** The shopper's limit and what is left of it (negative when over), or null for none. */
  readonly budget: { readonly limit: number; readonly left: number } | null;
  readonly openAlerts: readonly SnapshotAlert[];
  /** The highest minimum age among the lines when a staff member still has to check ID, else null. */
  readonly ageCheckNeeded: number | null;
  /** Why the basket could not be priced (a line whose product left the catalog), else null. */
  readonly pricingProblem: string | null;
}

export interface CartSnapshot {
  /** The session log's last seq: snapshots only ever move forward. */
  readonly seq: number;
  readonly status: CartStatus;
  readonly locks: readonly { readonly reason: LockReason; readonly detail: string }[];
  readonly store: { readonly name: string; readonly currency: string; readonly minorUnits: number; readonly locale: string; readonly weightUnit: 'kg' | 'lb' };
  readonly trip: SnapshotTrip | null;
  /** The line the last scan added to or created, and the seq of that scan, so the screen can flash it once. */
  readonly lastScan: { readonly lineId: string; readonly seq: number } | null;
}
