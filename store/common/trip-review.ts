// Which finished trips a person must look at: a loss-prevention alert nobody resolved, or an
// age-restricted item still in the basket with no ID check. Everything else closes unattended.
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import type { AlertEvidence, AlertKind, SessionEvent } from '../../domain/common/session/events.js';

export type ReviewReason =
  | { readonly kind: 'unresolved-alert'; readonly alertId: string; readonly alert: AlertKind; readonly evidence: AlertEvidence }
  | { readonly kind: 'age-restricted'; readonly sku: string; readonly minimumAge: number };

export function reviewReasons(events: readonly SessionEvent[], catalog: Catalog | undefined): ReviewReason[] {
  const alerts = new Map<string, { alert: AlertKind; evidence: AlertEvidence }>();
  const lines = new Map<string, string>();
  let ageChecked = false;
  for (const event of events) {
    if (event.type === 'alertRaised') alerts.set(event.alertId, { alert: event.kind, evidence: event.evidence });
    else if (event.type === 'alertResolved') alerts.delete(event.alertId);
    else if (event.type === 'scanned') lines.set(event.lineId, event.sku);
    else if (event.type === 'itemRemoved') lines.delete(event.lineId);
    else if (event.type === 'ageChecked') ageChecked = true;
  }
  const reasons: ReviewReason[] = [...alerts].map(([alertId, a]) => ({ kind: 'unresolved-alert', alertId, ...a }));
  if (!ageChecked) {
    for (const sku of new Set(lines.values())) {
      const minimumAge = catalog?.bySku(sku)?.minimumAge;
      if (minimumAge !== undefined) reasons.push({ kind: 'age-restricted', sku, minimumAge });
    }
  }
  return reasons;
}
