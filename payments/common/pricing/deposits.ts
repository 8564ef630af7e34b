// Container deposits: separate receipt lines, never discounted. One deposit per unit of an
// each-line; a weighed or labelled line is one container.
import type { PricedLine } from './lines.js';
import type { DepositLine } from './receipt.js';

export function depositLines(lines: readonly PricedLine[]): DepositLine[] {
  const result: DepositLine[] = [];
  for (const l of lines) {
    const unitDeposit = l.product.deposit ?? 0;
    if (unitDeposit === 0) continue;
    const quantity = l.kind === 'each' ? l.line.quantity : 1;
    result.push({ lineId: l.line.lineId, sku: l.line.sku, name: l.product.name, taxClass: l.product.taxClass, quantity, unitDeposit, total: quantity * unitDeposit });
  }
  return result;
}
