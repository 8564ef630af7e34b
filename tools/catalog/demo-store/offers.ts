// The demo store's promotions and coupons: one of every kind, several overlapping on the same
// SKUs so that the pricing engine has a real choice to make (juice, wine, coffee, Oatly).
import type { CatalogInput } from '../../../domain/common/catalog/schema.js';

type Promotions = NonNullable<CatalogInput['promotions']>;
type Coupons = NonNullable<CatalogInput['coupons']>;

const JUICES = [
  'juice-bravo-apple', 'juice-bravo-orange', 'juice-god-morgon-apple', 'juice-god-morgon-orange',
  'juice-god-morgon-orange-grapefruit', 'juice-god-morgon-red-grapefruit', 'juice-tropicana-apple',
  'juice-tropicana-golden-grapefruit', 'juice-tropicana-smooth', 'juice-tropicana-mandarin',
];
const YOGURTS = [
  'yogurt-arla-mild-vanilla', 'yogurt-arla-natural-mild-low-fat', 'yogurt-arla-natural', 'yogurt-valio-vanilla',
  'yogurt-yoggi-strawberry', 'yogurt-yoggi-vanilla', 'soyghurt-alpro-blueberry', 'soyghurt-alpro-vanilla', 'oatgurt-oatly-natural',
];
const WINES = ['wine-pinot-noir', 'wine-cabernet', 'wine-sauvignon-blanc', 'wine-rose', 'wine-prosecco'];
const MILKS = [
  'milk-arla-organic-medium', 'milk-arla-lactose-free-medium', 'milk-arla-medium', 'milk-arla-standard',
  'milk-garant-organic-medium', 'milk-garant-organic-standard', 'milk-whole-gallon',
];

export const promotions: Promotions = [
  { id: 'yogurt-any-3-for-10', kind: 'multibuy', name: 'Any 3 yogurts for $10', skus: YOGURTS, quantity: 3, price: 1000 },
  { id: 'tropicana-apple-2-for-7', kind: 'multibuy', name: 'Tropicana Apple Juice 2 for $7', skus: ['juice-tropicana-apple'], quantity: 2, price: 700 },
  { id: 'juice-20-off', kind: 'percentOff', name: '20% off all juice', skus: JUICES, percent: 20, startsAt: '2026-11-01', endsAt: '2027-01-31' },
  { id: 'pasta-buy-2-get-1', kind: 'buyXgetY', name: 'Pasta: buy 2, get 1 free', skus: ['pasta-spaghetti', 'pasta-penne', 'pasta-fusilli'], buy: 2, get: 1, percentOff: 100 },
  { id: 'ice-cream-bogo-half', kind: 'buyXgetY', name: 'Ice cream: buy 1, get 1 half price', skus: ['ice-cream-vanilla', 'ice-cream-chocolate'], buy: 1, get: 1, percentOff: 50 },
  { id: 'avocado-buy-3-get-1', kind: 'buyXgetY', name: 'Large avocados: buy 3, get 1 free', skus: ['avocado-hass-large'], buy: 3, get: 1, percentOff: 100 },
  { id: 'oatly-1-off', kind: 'amountOff', name: '$1 off Oatly Oat Drink', skus: ['oat-milk-oatly'], amount: 100 },
  { id: 'apples-15-off', kind: 'percentOff', name: '15% off Fuji, Honeycrisp and Granny Smith apples', skus: ['apple-fuji', 'apple-honeycrisp', 'apple-granny-smith'], percent: 15, startsAt: '2026-11-15T00:00:00-05:00', endsAt: '2026-12-15T23:59:59-05:00' },
  { id: 'sparkling-2-for-12', kind: 'multibuy', name: 'Sparkling water 12-packs 2 for $12', skus: ['sparkling-water-lime-12'], quantity: 2, price: 1200 },
  { id: 'beer-mix-2-for-20', kind: 'multibuy', name: 'Mix any 2 beer or cider packs for $20', skus: ['beer-hazy-ipa-6', 'cider-dry-4'], quantity: 2, price: 2000 },
  { id: 'wine-mix-6-for-80', kind: 'multibuy', name: 'Mix any 6 bottles of wine for $80', skus: WINES, quantity: 6, price: 8000 },
  { id: 'members-wine-10-off', kind: 'percentOff', name: 'Members: 10% off wine', skus: WINES, percent: 10, membersOnly: true },
  { id: 'members-coffee-2-off', kind: 'amountOff', name: 'Members: $2 off whole bean coffee', skus: ['coffee-medium-roast'], amount: 200, membersOnly: true },
  { id: 'members-bakery-bogo', kind: 'buyXgetY', name: 'Members: croissants and bagels, buy 1 get 1 free', skus: ['croissants-4', 'bagels-plain-6'], buy: 1, get: 1, percentOff: 100, membersOnly: true },
  { id: 'members-yogurt-4-for-12', kind: 'multibuy', name: 'Members: any 4 yogurts for $12', skus: YOGURTS, quantity: 4, price: 1200, membersOnly: true },
];

export const coupons: Coupons = [
  { code: 'WELCOME10', name: '10% off your first trip of $30 or more', discount: { percent: 10 }, threshold: 3000, limitPerShopper: 1, expiresAt: '2027-06-30T23:59:59-04:00' },
  { code: 'SAVE5ON50', name: '$5 off when you spend $50', discount: { amount: 500 }, threshold: 5000, limitPerShopper: 1, expiresAt: '2027-01-31' },
  { code: 'MILK-2OFF', name: '$2 off milk when you spend $10', discount: { amount: 200 }, skus: MILKS, threshold: 1000, limitPerShopper: 2, expiresAt: '2026-12-31' },
  { code: 'PRODUCE15', name: 'Members: 15% off apples, pears and citrus', discount: { percent: 15 }, skus: ['apple-fuji', 'apple-honeycrisp', 'apple-granny-smith', 'pear-anjou', 'pear-bosc', 'orange-navel', 'satsuma', 'lemon', 'lime'], limitPerShopper: 3, expiresAt: '2027-03-31', membersOnly: true },
];
