// What the cart's screen shows, as one plain object the runtime pushes after every change. All
// money is integer minor units and all weights integer milligrams; the screen formats them with
// payments/common/money/format.ts in the store's currency and locale.
import type { AlertKind, HelpSource, LockReason } from '../../../domain/common/session/events.js';
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
  /** Each saving by name (member price, a promotion, a coupon), for the itemised receipt. */
  readonly savings?: readonly { readonly name: string; readonly amount: number }[];
  /** Set when a staff member priced the line by hand. */
  readonly override?: { readonly price: number; readonly reason: string } | null;
}

export interface SnapshotCoupon {
  readonly code: string;
  readonly name: string;
  /** The saving it gives now; 0 with `problem` set when the pricing did not accept it. */
  readonly amount: number;
  readonly problem: string | null;
  /** 'items' when its saving shows on the lines it discounts, 'basket' for one on the whole basket. */
  readonly scope?: 'items' | 'basket' | null;
}

/** A product the screen names (in an alert, a suggestion), in the catalog's words. */
export interface SnapshotProduct {
  readonly sku: string;
  readonly name: string;
  readonly names: Readonly<Record<string, string>>;
}

export interface SnapshotAlert {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly note: string;
  /**
   * Which way the scale moved for the steps behind the alert: 'removed' for an unscanned-item
   * alert means something came out of the cart that is still on the list.
   */
  readonly direction?: 'placed' | 'removed' | null;
  /** The products the alert is about (its lines, or what the cameras or scale suggest). */
  readonly items?: readonly SnapshotProduct[];
}

/** One tax as the receipt prints it. */
export interface SnapshotTax {
  readonly name: string;
  /** Parts per million (8.875% is 88,750). */
  readonly rate: number;
  readonly tax: number;
}

export interface SnapshotDeposit {
  readonly name: string;
  readonly names: Readonly<Record<string, string>>;
  readonly quantity: number;
  readonly total: number;
}

/** The receipt's parts beyond the lines, so the screen prints it without adding anything up. */
export interface SnapshotReceiptDetail {
  readonly taxMode: 'inclusive' | 'exclusive';
  /** The lines before any saving; minus the trip's savings it is the subtotal. */
  readonly regularSubtotal: number;
  readonly taxes: readonly SnapshotTax[];
  readonly deposits: readonly SnapshotDeposit[];
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
  /** The staff member who checked the shopper's ID, once one has. */
  readonly ageCheckedBy?: string | null;
  /** Taxes, deposits and promotions by name, for the receipt screen. */
  readonly receipt?: SnapshotReceiptDetail | null;
  /** The lane the cart is leaving through, once checkout started. */
  readonly checkout?: { readonly laneId: string; readonly startedAt: number } | null;
  /** What the store charged (authoritative for money) and its receipt number, once paid. */
  readonly payment?: { readonly receiptId: string; readonly total: number; readonly at: number } | null;
  /** Why the last charge failed (the trip is back to shopping), else null. */
  readonly paymentProblem?: string | null;
}

/** A reading the cart's hardware reports, or null when the part did not report it. */
export interface CartDiagnostics {
  readonly board?: { readonly connected: boolean; readonly firmware: string | null; readonly port: string | null } | null;
  readonly cameras?: readonly {
    readonly id: string;
    readonly ok: boolean;
    readonly fps: number | null;
    /** The latest frame as a data: URL (JPEG or PNG), small enough for a thumbnail. */
    readonly frame: string | null;
  }[];
  readonly scale?: {
    /** Gross mass on the load cells now, in mg. */
    readonly grossMg: number | null;
    readonly stable: boolean;
    /** When the scale was last calibrated (ms since the epoch), or null for never. */
    readonly calibratedAt: number | null;
  } | null;
  readonly beacons?: readonly { readonly laneId: string; readonly rssi: number }[];
  readonly battery?: { readonly percent: number; readonly charging: boolean } | null;
}

/**
 * What the exit lane the cart stands in says, for the shopper and for staff (cart-app/node/exit-lane):
 * what to fix before paying, paying, the store's refusal with its code, the store unreachable
 * (`offline-go`: the shopper may leave and the trip is settled later; `offline-wait`: beyond the
 * offline cap, staff must come), or `unknown-lane`: the cart rolled over a lane's strips but could
 * not tell which lane it is in, so nothing is charged yet and staff have been told (the shopper
 * may go on into the lane, where its beacons can still name it, or wait). `message` is the
 * store's or the cart's own words.
 */
export interface SnapshotLane {
  /** The lane; null only for `unknown-lane`, where no lane could be named. */
  readonly laneId: number | null;
  readonly state: 'fix-first' | 'paying' | 'paid' | 'refused' | 'offline-go' | 'offline-wait' | 'unknown-lane';
  /** The store's refusal code (`payment-failed`, `lane-token-refused` …) when refused. */
  readonly code: string | null;
  readonly message: string;
  /** What is left to fix before the lane can charge (open alerts in plain words, the ID check). */
  readonly fix: readonly string[];
}

/** What the item-recognition model thinks the shopper holds, best first (at most 3). */
export interface SnapshotSuggestion extends SnapshotProduct {
  readonly plu: string | null;
  readonly price: number;
  readonly per: 'kg' | 'lb' | null;
  /** The model's confidence, 0..1. */
  readonly confidence: number;
  /** What the camera saw (a small data: URL), or null: the screen then shows the name's initials. */
  readonly picture: string | null;
}

/** Staff-only facts: shown only while a staff member is signed in on the cart. */
export interface SnapshotStaff {
  readonly staffId: string;
  readonly mode: 'assist' | 'maintenance';
  readonly since: number;
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
  /** The staff member signed in on the cart, else null. */
  readonly staff?: SnapshotStaff | null;
  /** A staff badge QR the camera read: being checked with the store, or refused and why; else null. */
  readonly staffBadge?: { readonly state: 'checking' | 'refused'; readonly message: string | null } | null;
  /** Someone at the cart called for a person (the help button or the screen's) and nobody has come yet; else null. */
  readonly help?: { readonly from: HelpSource; readonly since: number } | null;
  /** The store and cart id once paired; `code` is the store's pairing code while one is open. */
  readonly pairing?: { readonly storeId: string | null; readonly cartId: string | null; readonly code: string | null } | null;
  /** Open hardware faults, in plain words. */
  readonly faults?: readonly { readonly faultId: string; readonly code: string; readonly message: string }[];
  /** The scale's settled steps this session: net weight in the cart and the last few steps. */
  readonly weight?: { readonly netMg: number; readonly steps: readonly { readonly stepId: string; readonly deltaMg: number; readonly at: number }[] };
  readonly diagnostics?: CartDiagnostics | null;
  /** Item recognition's top guesses for what is on the produce scale, else empty. */
  readonly suggestions?: readonly SnapshotSuggestion[];
  /** What the exit lane the cart is in (or just left) says; null when there is nothing to say. */
  readonly lane?: SnapshotLane | null;
  /** Trips this cart let leave while the store was unreachable, still to be settled with it. */
  readonly unsettledTrips?: number;
}
