// A small, valid catalog for tests to break one field at a time. Each call returns a fresh copy.
import type { CatalogInput } from '../../../../domain/common/catalog/schema.js';

export function smallCatalog(): CatalogInput {
  return {
    format: 'tally-catalog/1',
    version: 3,
    store: {
      id: 'test-store',
      name: 'Test Store',
      currency: 'USD',
      minorUnits: 2,
      taxMode: 'exclusive',
      taxClasses: [
        { id: 'grocery', name: 'Grocery', rate: '0' },
        { id: 'alcohol', name: 'Alcohol', rate: '10.375' },
      ],
      weightUnit: 'lb',
      variableMeasure: [
        { prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true },
        { prefix: '28', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: 'g' },
      ],
    },
    products: [
      { sku: 'banana', name: 'Bananas', names: { es: 'Plátanos' }, soldBy: 'weight', price: 69, per: 'lb', plu: '4011', taxClass: 'grocery', visionLabel: 'Banana' },
      { sku: 'banana-organic', name: 'Organic Bananas', names: { es: 'Plátanos orgánicos' }, soldBy: 'weight', price: 89, per: 'lb', plu: '94011', taxClass: 'grocery', visionLabel: 'Banana' },
      { sku: 'granny-smith', name: 'Granny Smith Apples', names: { es: 'Manzanas Granny Smith' }, soldBy: 'weight', price: 219, memberPrice: 179, per: 'lb', plu: '4017', taxClass: 'grocery', visionLabel: 'Granny-Smith' },
      { sku: 'jalapeno', name: 'Jalapeño Peppers', names: { es: 'Chiles jalapeños' }, soldBy: 'weight', price: 199, per: 'lb', plu: '4693', taxClass: 'grocery' },
      { sku: 'avocado-each', name: 'Large Hass Avocado', soldBy: 'each', price: 199, plu: '4225', weight: { meanGrams: 250, sdGrams: 30 }, taxClass: 'grocery' },
      { sku: 'milk', name: 'Whole Milk 1 gal', names: { es: 'Leche entera 1 gal' }, brand: 'Dairy Co', soldBy: 'each', price: 479, gtins: ['894512000012', '00894512000029'], weight: { meanGrams: 3960, sdGrams: 25 }, taxClass: 'grocery' },
      { sku: 'juice', name: 'Apple Juice 1 L', soldBy: 'each', price: 399, gtins: ['7350099101014'], weight: { meanGrams: 1060, sdGrams: 10 }, taxClass: 'grocery', visionLabel: 'Bravo-Apple-Juice' },
      { sku: 'gum', name: 'Peppermint Gum', soldBy: 'each', price: 199, gtins: ['89400012'], weight: { meanGrams: 36, sdGrams: 2 }, taxClass: 'grocery' },
      { sku: 'ipa-6', name: 'IPA, 6 cans', soldBy: 'each', price: 1199, gtins: ['894512600014'], weight: { meanGrams: 2280, sdGrams: 25 }, taxClass: 'alcohol', deposit: 30, minimumAge: 21 },
      { sku: 'cider-4', name: 'Dry Cider, 4 cans', soldBy: 'each', price: 1099, gtins: ['894512300013'], weight: { meanGrams: 2010, sdGrams: 20 }, taxClass: 'alcohol', deposit: 20, minimumAge: 21 },
      { sku: 'water-case', name: 'Sparkling Water, case of 24', soldBy: 'each', price: 1299, gtins: ['10894512500014'], weight: { meanGrams: 9150, sdGrams: 70 }, taxClass: 'grocery', deposit: 120 },
      { sku: 'turkey', name: 'Turkey Breast, Sliced', soldBy: 'weight', price: 1199, per: 'lb', itemReference: '20101', tareGrams: 4, typicalGrams: 230, taxClass: 'grocery' },
    ],
    promotions: [
      { id: 'beer-2-for-20', kind: 'multibuy', name: 'Any 2 for $20', skus: ['ipa-6', 'cider-4'], quantity: 2, price: 2000 },
      { id: 'ipa-10-off', kind: 'percentOff', name: '10% off IPA', skus: ['ipa-6'], percent: 10, startsAt: '2026-11-01', endsAt: '2026-12-01' },
      { id: 'gum-bogo', kind: 'buyXgetY', name: 'Gum: buy 1 get 1 free', skus: ['gum'], buy: 1, get: 1, percentOff: 100 },
      { id: 'milk-50c', kind: 'amountOff', name: '50¢ off milk', skus: ['milk'], amount: 50, membersOnly: true },
    ],
    coupons: [
      { code: 'SAVE5', name: '$5 off $50', discount: { amount: 500 }, threshold: 5000, limitPerShopper: 1, expiresAt: '2027-01-31' },
      { code: 'FRUIT10', name: '10% off fruit', discount: { percent: 10 }, skus: ['banana', 'granny-smith'] },
    ],
  };
}
