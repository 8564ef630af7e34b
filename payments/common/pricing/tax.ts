// Tax per class, on that class's goods after every discount, rounded half up once per class per
// receipt (never per line, so a receipt's tax does not depend on how it is split into lines).
//   exclusive (tax added):     tax = round(taxable x rate / 10^6)
//   inclusive (tax in prices): tax = round(taxable x rate / (10^6 + rate)), the tax contained in
//                              a gross amount G at rate r being G x r / (1 + r)
// with rate in parts per million. Deposits count towards their product's class only when the
// store's policy taxes them.
import { mulDivHalfUp } from '../money/rounding.js';
import type { PricingCatalog } from './catalog-view.js';
import type { PricedLine } from './lines.js';
import type { DepositLine, TaxLine } from './receipt.js';

const PPM = 1_000_000n;

export function taxLines(
  catalog: PricingCatalog,
  lines: readonly PricedLine[],
  lineNets: readonly number[],
  basketByClass: ReadonlyMap<string, number>,
  deposits: readonly DepositLine[],
): TaxLine[] {
  const goods = new Map<string, number>();
  const add = (taxClass: string, amount: number): void => {
    goods.set(taxClass, (goods.get(taxClass) ?? 0) + amount);
  };
  lines.forEach((l, i) => add(l.product.taxClass, lineNets[i] as number));
  if (catalog.policy.depositsTaxed) for (const d of deposits) add(d.taxClass, d.total);
  const inclusive = catalog.store.taxMode === 'inclusive';
  const result: TaxLine[] = [];
  for (const t of catalog.store.taxClasses) {
    const amount = goods.get(t.id);
    if (amount === undefined) continue;
    goods.delete(t.id); // a duplicated class id counts once
    const taxable = amount - (basketByClass.get(t.id) ?? 0);
    const rate = BigInt(t.rate);
    const tax = Number(mulDivHalfUp(BigInt(taxable), rate, inclusive ? PPM + rate : PPM));
    result.push({ taxClass: t.id, name: t.name, rate: t.rate, taxable, tax });
  }
  return result;
}
