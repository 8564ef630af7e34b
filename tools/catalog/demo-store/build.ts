// Builds the demo store, "Tally Market": a Whole Foods-style US store, prices in cents, tax
// added at the till by class, produce by the lb. The barcodes are invented under company
// prefixes of our own ("894512" for the store brand, "7350099" for the Swedish importer,
// "894" for EAN-8) with check digits computed here, so every code is valid and none is real.
import { gtinCheckDigit } from '../../../domain/common/codes/gtin.js';
import type { CatalogInput, ProductInput } from '../../../domain/common/catalog/schema.js';
import { beerAndWine, bakery, dairy, drinks, frozen, household, pantry, personalCare, prepared } from './aisles.js';
import { deli, meatAndSeafood } from './counters.js';
import { datasetDairy, datasetJuice } from './dataset-packages.js';
import { coupons, promotions } from './offers.js';
import { datasetProduce, moreProduce, produceEach } from './produce.js';
import type { Barcode, EachRow, Section, WeighedRow } from './rows.js';

/** The catalog version; bump it with every change to the tables. */
export const DEMO_STORE_VERSION = 1;

const withCheckDigit = (body: string): string => `${body}${gtinCheckDigit(body)}`;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function gtin(code: Exclude<Barcode, { plu: string }>): string {
  if ('upc' in code) return withCheckDigit(`894512${pad(code.upc, 5)}`);
  if ('ean13' in code) return withCheckDigit(`7350099${pad(code.ean13, 5)}`);
  if ('ean8' in code) return withCheckDigit(`894${pad(code.ean8, 4)}`);
  return withCheckDigit(`10894512${pad(code.caseOf, 5)}`);
}

function eachProducts(section: Section<EachRow>): ProductInput[] {
  return section.rows.map((row) => {
    const codes = [row.code, ...(row.moreCodes ?? [])];
    return {
      sku: row.sku,
      name: row.name,
      names: { es: row.es },
      ...(row.brand !== undefined && { brand: row.brand }),
      category: section.category,
      aisle: section.aisle,
      soldBy: 'each',
      price: row.price,
      ...(row.memberPrice !== undefined && { memberPrice: row.memberPrice }),
      gtins: codes.flatMap((c) => ('plu' in c ? [] : [gtin(c)])),
      ...('plu' in row.code && { plu: row.code.plu }),
      weight: { meanGrams: row.grams[0], sdGrams: row.grams[1] },
      taxClass: section.taxClass,
      ...(row.deposit !== undefined && { deposit: row.deposit }),
      ...(section.minimumAge !== undefined && { minimumAge: section.minimumAge }),
      ...(row.visionLabel !== undefined && { visionLabel: row.visionLabel }),
    };
  });
}

function weighedProducts(section: Section<WeighedRow>): ProductInput[] {
  return section.rows.map((row) => ({
    sku: row.sku,
    name: row.name,
    names: { es: row.es },
    category: section.category,
    aisle: section.aisle,
    soldBy: 'weight',
    price: row.price,
    ...(row.memberPrice !== undefined && { memberPrice: row.memberPrice }),
    per: 'lb',
    ...(row.plu !== undefined && { plu: row.plu }),
    ...(row.itemReference !== undefined && { itemReference: row.itemReference }),
    ...(row.tareGrams !== undefined && { tareGrams: row.tareGrams }),
    typicalGrams: row.typicalGrams,
    taxClass: row.taxClass ?? section.taxClass,
    ...(row.visionLabel !== undefined && { visionLabel: row.visionLabel }),
  }));
}

export function buildDemoStore(): CatalogInput {
  return {
    format: 'tally-catalog/1',
    version: DEMO_STORE_VERSION,
    store: {
      id: 'tally-market-demo',
      name: 'Tally Market',
      currency: 'USD',
      minorUnits: 2,
      locale: 'en-US',
      taxMode: 'exclusive',
      taxClasses: [
        { id: 'grocery', name: 'Grocery food', rate: '0' },
        { id: 'prepared', name: 'Prepared food', rate: '8.875' },
        { id: 'general', name: 'General merchandise', rate: '8.875' },
        { id: 'alcohol', name: 'Alcoholic beverages', rate: '10.375' },
      ],
      weightUnit: 'lb',
      variableMeasure: [
        // Deli scale labels: UPC-A 2 RRRRR P VVVV C, the price in cents with a price check digit.
        { prefix: '2', itemReferenceLength: 5, value: 'price', priceCheckDigit: true },
        // Imported pre-packed cheese: EAN-13 28 RRRRR VVVVV C, the net weight in grams.
        { prefix: '28', itemReferenceLength: 5, value: 'weight', priceCheckDigit: false, weightUnit: 'g' },
      ],
    },
    products: [
      ...weighedProducts(datasetProduce),
      ...weighedProducts(moreProduce),
      ...eachProducts(produceEach),
      ...eachProducts(datasetJuice),
      ...eachProducts(datasetDairy),
      ...eachProducts(dairy),
      ...eachProducts(bakery),
      ...eachProducts(pantry),
      ...eachProducts(frozen),
      ...eachProducts(drinks),
      ...eachProducts(beerAndWine),
      ...eachProducts(household),
      ...eachProducts(personalCare),
      ...eachProducts(prepared),
      ...weighedProducts(deli),
      ...weighedProducts(meatAndSeafood),
    ],
    promotions,
    coupons,
  };
}
