// The cart's state and its priced basket, turned into the one object the screen renders. Names,
// aisles and age limits come from the catalog; every amount comes from the pricing engine's
// receipt, so the screen never adds up money itself.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { CartState, Trip } from '../../../domain/common/session/state.js';
import type { Result } from '../../../domain/common/result.js';
import type { Receipt } from '../../../payments/common/pricing/receipt.js';
import type { CartSnapshot, SnapshotLine, SnapshotTrip } from '../../common/ui-protocol/snapshot.js';

function tripView(trip: Trip, catalog: Catalog, priced: Result<Receipt, string>): SnapshotTrip {
  const receipt = priced.ok ? priced.value : null;
  const receiptLines = new Map((receipt?.lines ?? []).map((l) => [l.lineId, l]));
  const lines = trip.basket.map((line): SnapshotLine => {
    const product = catalog.bySku(line.sku);
    const r = receiptLines.get(line.lineId);
    const measure = r?.measure ?? (line.measure.by === 'each' ? { kind: 'each', quantity: line.measure.quantity } : { kind: 'weight', netMg: line.measure.netMg, per: catalog.store.weightUnit });
    return {
      lineId: line.lineId,
      sku: line.sku,
      name: product?.name ?? line.sku,
      names: product?.names ?? {},
      measure,
      unitPrice: r?.unitPrice ?? 0,
      regularTotal: r?.regularTotal ?? 0,
      total: r?.total ?? 0,
      saving: (r?.savings ?? []).reduce((sum, s) => sum + s.amount, 0),
      minimumAge: product?.minimumAge ?? null,
      aisle: product?.aisle ?? null,
    };
  });
  const applied = new Map((receipt?.coupons.applied ?? []).map((c) => [c.code, c]));
  const rejected = new Map((receipt?.coupons.rejected ?? []).map((c) => [c.code, c]));
  const coupons = trip.coupons.map((code) => ({
    code,
    name: applied.get(code)?.name ?? catalog.coupon(code)?.name ?? code,
    amount: applied.get(code)?.amount ?? 0,
    problem: rejected.get(code)?.message ?? null,
  }));
  const total = receipt?.total ?? 0;
  const ages = lines.map((l) => l.minimumAge ?? 0);
  const oldest = Math.max(0, ...ages);
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
    openAlerts: trip.alerts.filter((a) => a.resolution === null).map((a) => ({ alertId: a.alertId, kind: a.kind, note: a.evidence.note })),
    ageCheckNeeded: oldest > 0 && trip.ageCheckedBy === null ? oldest : null,
    pricingProblem: priced.ok ? null : priced.error,
  };
}

export function buildSnapshot(state: CartState, catalog: Catalog, priced: Result<Receipt, string> | null, lastScan: CartSnapshot['lastScan']): CartSnapshot {
  const { name, currency, minorUnits, locale, weightUnit } = catalog.store;
  return {
    seq: state.lastSeq,
    status: state.status,
    locks: state.locks.map((l) => ({ reason: l.reason, detail: l.detail })),
    store: { name, currency, minorUnits, locale, weightUnit },
    trip: state.trip && priced ? tripView(state.trip, catalog, priced) : null,
    lastScan,
  };
}
