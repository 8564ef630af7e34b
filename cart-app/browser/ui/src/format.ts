// Money and weights for the screen, in the shopper's language and the store's currency. Money
// stays integer minor units until payments' formatter turns it into text.
import { formatDecimal, formatMoney } from '../../../../payments/common/money/format.js';
import type { LineMeasure } from '../../../../payments/common/pricing/receipt.js';
import type { CartSnapshot } from '../../../common/ui-protocol/snapshot.js';
import type { Language } from './i18n.js';

export type StoreView = CartSnapshot['store'];

/** The store's region with the shopper's language: es-US for a Spanish-speaking shopper in a US store. */
export function localeFor(store: StoreView, language: Language): string {
  const region = store.locale.split('-')[1];
  return language === store.locale.split('-')[0] || region === undefined ? store.locale : `${language}-${region}`;
}

export function money(store: StoreView, language: Language, minor: number): string {
  return formatMoney(minor, store.currency, store.minorUnits, localeFor(store, language));
}

/** A net weight in the unit the price is quoted in, to 2 decimals of a lb or 3 of a kg. */
export function weight(netMg: number, per: 'kg' | 'lb', language: Language, store: StoreView): string {
  const locale = localeFor(store, language);
  if (per === 'kg') return `${formatDecimal(Math.round(netMg / 1000), 3, locale)} kg`;
  // 1 lb is 453,592.37 mg exactly; hundredths of a pound for display only, never for a price.
  return `${formatDecimal(Math.round((netMg * 10_000) / 45_359_237), 2, locale)} lb`;
}

export function quantityText(measure: LineMeasure, language: Language, store: StoreView): string {
  switch (measure.kind) {
    case 'each':
      return `× ${measure.quantity}`;
    case 'weight':
      return weight(measure.netMg, measure.per, language, store);
    case 'label':
      return '';
  }
}

/** A product's name in the shopper's language when the catalog has it. */
export const nameIn = (item: { readonly name: string; readonly names: Readonly<Record<string, string>> }, language: Language): string => item.names[language] ?? item.name;
