// A receipt as plain text (the cart's printout, the e-mailed receipt, `tally` output): one
// column of names, one of amounts, in the store's currency and locale.
import { formatDecimal, formatMoney } from '../money/format.js';
import type { Receipt, ReceiptLine } from './receipt.js';
import { thousandthsOf } from './weight.js';

const WIDTH = 48;

function row(left: string, right: string): string {
  const room = WIDTH - right.length - 1;
  const text = left.length > room ? `${left.slice(0, room - 1)}…` : left;
  return `${text.padEnd(room)} ${right}`;
}

/** A rate in parts per million as a percent with no trailing zeros: 88,750 -> "8.875%". */
function percent(ppm: number, locale: string): string {
  let scaled = ppm;
  let decimals = 4;
  while (decimals > 0 && scaled % 10 === 0) {
    scaled /= 10;
    decimals -= 1;
  }
  return `${formatDecimal(scaled, decimals, locale)}%`;
}

export function receiptText(receipt: Receipt): string {
  const money = (minor: number): string => formatMoney(minor, receipt.currency, receipt.minorUnits, receipt.locale);
  const measure = (l: ReceiptLine): string => {
    const unit = money(l.unitPrice);
    if (l.measure.kind === 'each') return l.measure.quantity === 1 ? '' : `${l.measure.quantity} × ${unit}`;
    if (l.measure.kind === 'label') return 'label';
    const { per, netMg } = l.measure;
    return `${formatDecimal(thousandthsOf(per, netMg), 3, receipt.locale)} ${per} @ ${unit}/${per}`;
  };
  const out: string[] = [];
  for (const l of receipt.lines) {
    out.push(row(l.name, money(l.regularTotal)));
    const detail = measure(l);
    if (detail) out.push(`  ${detail}`);
    if (l.staffSet) out.push(`  Price set by staff (was ${money(l.staffSet.replaced)})`);
    for (const s of l.savings) out.push(row(`  ${s.name}`, money(-s.amount)));
  }
  out.push('');
  for (const c of receipt.coupons.applied) if (c.scope === 'basket') out.push(row(c.name, money(-c.amount)));
  out.push(row('Subtotal', money(receipt.subtotal)));
  for (const d of receipt.deposits) out.push(row(`Deposit ${d.name} × ${d.quantity}`, money(d.total)));
  const taxWord = receipt.taxMode === 'inclusive' ? 'incl.' : 'Tax';
  for (const t of receipt.taxes) out.push(row(`${taxWord} ${t.name} ${percent(t.rate, receipt.locale)} on ${money(t.taxable)}`, money(t.tax)));
  out.push(row('Total', money(receipt.total)));
  if (receipt.savings.total > 0) out.push(row('You saved', money(receipt.savings.total)));
  for (const r of receipt.coupons.rejected) out.push(`Coupon ${r.code} not applied: ${r.message}`);
  return out.join('\n');
}
