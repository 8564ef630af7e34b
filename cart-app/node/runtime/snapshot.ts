// The cart's state and its priced basket, turned into the one object the screen renders. Names,
// aisles and age limits come from the catalog; every amount comes from the pricing engine's
// receipt, so the screen never adds up money itself.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { Alert, CartState, Trip } from '../../../domain/common/session/state.js';
import type { Result } from '../../../domain/common/result.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { CartDiagnostics, CartSnapshot, SnapshotAlert, SnapshotLine, SnapshotProduct, SnapshotReceiptDetail, SnapshotSuggestion, SnapshotTrip } from '../../common/ui-protocol/snapshot.js';

/** What the runtime knows beyond the session log: live hardware readings, recognition, the store's pairing code. */
export interface SnapshotExtras {
  readonly diagnostics?: CartDiagnostics | null;
  readonly suggestions?: readonly SnapshotSuggestion[];
  readonly pairingCode?: string | null;
  /** Why the store locked the cart from its fleet board (shown as a staff hold); null or absent when it did not. */
  readonly storeHold?: string | null;
  /** A staff badge being checked with the store, or the store's refusal of one. */
  readonly staffBadge?: CartSnapshot['staffBadge'];
}

/** The scale steps a staff member sees on the diagnostics panel: the latest few are enough. */
const RECENT_STEPS = 8;

function productView(catalog: Catalog, sku: string): SnapshotProduct {
  const product = catalog.bySku(sku);
  return { sku, name: product?.name ?? sku, names: product?.names ?? {} };
}

function alertView(alert: Alert, trip: Trip, state: CartState, catalog: Catalog): SnapshotAlert {
  const { stepIds, lineIds, skus, note } = alert.evidence;
  const deltas = state.weight.steps.filter((s) => stepIds.includes(s.stepId)).map((s) => s.deltaMg);
  const moved = deltas.reduce((sum, d) => sum + d, 0);
  const lineSkus = trip.basket.filter((l) => lineIds.includes(l.lineId)).map((l) => l.sku);
  const named = [...new Set([...lineSkus, ...skus])];
  return {
    alertId: alert.alertId,
    kind: alert.kind,
    note,
    direction: deltas.length === 0 ? null : moved < 0 ? 'removed' : 'placed',
    items: named.map((sku) => productView(catalog, sku)),
  };
}

function receiptDetail(receipt: Receipt, catalog: Catalog): SnapshotReceiptDetail {
  return {
    taxMode: receipt.taxMode,
    regularSubtotal: receipt.regularSubtotal,
    taxes: receipt.taxes.map((t) => ({ name: t.name, rate: t.rate, tax: t.tax })),
    deposits: receipt.deposits.map((d) => ({ name: d.name, names: catalog.bySku(d.sku)?.names ?? {}, quantity: d.quantity, total: d.total })),
  };
}

function tripView(trip: Trip, state: CartState, catalog: Catalog, priced: Result<Receipt, string>): SnapshotTrip {
  const receipt = priced.ok ? priced.value : null;
  const receiptLines = new Map((receipt?.lines ?? []).map((l) => [l.lineId, l]));
  const lines = trip.basket.map((line): SnapshotLine => {
    const product = catalog.bySku(line.sku);
    const r = receiptLines.get(line.lineId);
    const measure = r?.measure ?? (line.measure.by === 'each' ? { kind: 'each', quantity: line.measure.quantity } : { kind: 'weight', netMg: line.measure.netMg, per: catalog.store.weightUnit });
    const savings = (r?.savings ?? []).map((s) => ({ name: s.name, amount: s.amount }));
    return {
      lineId: line.lineId,
      sku: line.sku,
      name: product?.name ?? line.sku,
      names: product?.names ?? {},
      measure,
      unitPrice: r?.unitPrice ?? 0,
      regularTotal: r?.regularTotal ?? 0,
      total: r?.total ?? 0,
      saving: savings.reduce((sum, s) => sum + s.amount, 0),
      minimumAge: product?.minimumAge ?? null,
      aisle: product?.aisle ?? null,
      savings,
      // Shown only where the pricing took it: an override above the shopper's price is not applied.
      override: line.priceOverride && r?.staffSet ? { price: line.priceOverride.price, reason: line.priceOverride.reason } : null,
    };
  });
  const applied = new Map((receipt?.coupons.applied ?? []).map((c) => [c.code, c]));
  const rejected = new Map((receipt?.coupons.rejected ?? []).map((c) => [c.code, c]));
  const coupons = trip.coupons.map((code) => ({
    code,
    name: applied.get(code)?.name ?? catalog.coupon(code)?.name ?? code,
    amount: applied.get(code)?.amount ?? 0,
    problem: rejected.get(code)?.message ?? null,
    scope: applied.get(code)?.scope ?? null,
  }));
  const total = receipt?.total ?? 0;
  const ages = lines.map((l) => l.minimumAge ?? 0);
  const oldest = Math.max(0, ...ages);
  // A failure after the last checkout started is the one the shopper needs to hear about.
  const lastFailure = trip.paymentFailures.at(-1);
  return {
    tripId: trip.tripId,
    member: trip.member,
    lines,
    coupons,
    subtotal: receipt?.subtotal ?? 0,
    tax: receipt?.tax ?? 0,
    deposits: receipt?.depositTotal ?? 0,
    total,
    savings: receipt?.savings.total ?? 0,
    budget: trip.budget === null ? null : { limit: trip.budget, left: trip.budget - total },
    openAlerts: trip.alerts.filter((a) => a.resolution === null).map((a) => alertView(a, trip, state, catalog)),
    ageCheckNeeded: oldest > 0 && trip.ageCheckedBy === null ? oldest : null,
    pricingProblem: priced.ok ? null : priced.error,
    ageCheckedBy: trip.ageCheckedBy,
    receipt: receipt ? receiptDetail(receipt, catalog) : null,
    checkout: trip.checkout,
    payment: trip.payment,
    paymentProblem: trip.checkout === null && trip.payment === null && lastFailure ? lastFailure.reason : null,
  };
}

export function buildSnapshot(state: CartState, catalog: Catalog, priced: Result<Receipt, string> | null, lastScan: CartSnapshot['lastScan'], extras: SnapshotExtras = {}): CartSnapshot {
  const { name, currency, minorUnits, locale, weightUnit } = catalog.store;
  const hold = extras.storeHold ?? null;
  return {
    seq: state.lastSeq,
    status: hold === null ? state.status : 'locked',
    locks: [...state.locks.map((l) => ({ reason: l.reason, detail: l.detail })), ...(hold === null ? [] : [{ reason: 'staff-hold' as const, detail: `locked from the store: ${hold}` }])],
    store: { name, currency, minorUnits, locale, weightUnit },
    trip: state.trip && priced ? tripView(state.trip, state, catalog, priced) : null,
    lastScan,
    staff: state.staff,
    help: state.help,
    staffBadge: extras.staffBadge ?? null,
    pairing: { storeId: state.pairing?.storeId ?? null, cartId: state.pairing?.cartId ?? null, code: extras.pairingCode ?? null },
    faults: state.faults.map((f) => ({ faultId: f.faultId, code: f.code, message: f.message })),
    weight: { netMg: state.weight.netMg, steps: state.weight.steps.slice(-RECENT_STEPS).map((s) => ({ stepId: s.stepId, deltaMg: s.deltaMg, at: s.at })) },
    diagnostics: extras.diagnostics ?? null,
    suggestions: (extras.suggestions ?? []).slice(0, 3),
  };
}
