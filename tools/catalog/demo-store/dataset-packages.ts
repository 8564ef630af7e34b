// One product for each packaged class of the Grocery Store Dataset (Swedish juices, milk and
// yoghurts), as imports with EAN-13 codes; visionLabel is the dataset's class name.
import type { EachRow, Section } from './rows.js';

const CARTON_1L: EachRow['grams'] = [1060, 10];
const TUB_1KG: EachRow['grams'] = [1045, 8];

export const datasetJuice: Section<EachRow> = {
  category: 'Juice',
  aisle: '7',
  taxClass: 'grocery',
  rows: [
    { sku: 'juice-bravo-apple', name: 'Bravo Apple Juice 1 L', es: 'Jugo de manzana Bravo 1 L', brand: 'Bravo', price: 399, code: { ean13: 10101 }, grams: CARTON_1L, visionLabel: 'Bravo-Apple-Juice' },
    { sku: 'juice-bravo-orange', name: 'Bravo Orange Juice 1 L', es: 'Jugo de naranja Bravo 1 L', brand: 'Bravo', price: 399, code: { ean13: 10102 }, grams: CARTON_1L, visionLabel: 'Bravo-Orange-Juice' },
    { sku: 'juice-god-morgon-apple', name: 'God Morgon Apple Juice 1 L', es: 'Jugo de manzana God Morgon 1 L', brand: 'God Morgon', price: 449, code: { ean13: 10201 }, grams: CARTON_1L, visionLabel: 'God-Morgon-Apple-Juice' },
    { sku: 'juice-god-morgon-orange', name: 'God Morgon Orange Juice 1 L', es: 'Jugo de naranja God Morgon 1 L', brand: 'God Morgon', price: 449, code: { ean13: 10202 }, grams: CARTON_1L, visionLabel: 'God-Morgon-Orange-Juice' },
    { sku: 'juice-god-morgon-orange-grapefruit', name: 'God Morgon Orange & Red Grapefruit Juice 1 L', es: 'Jugo de naranja y toronja roja God Morgon 1 L', brand: 'God Morgon', price: 469, code: { ean13: 10203 }, grams: CARTON_1L, visionLabel: 'God-Morgon-Orange-Red-Grapefruit-Juice' },
    { sku: 'juice-god-morgon-red-grapefruit', name: 'God Morgon Red Grapefruit Juice 1 L', es: 'Jugo de toronja roja God Morgon 1 L', brand: 'God Morgon', price: 469, code: { ean13: 10204 }, grams: CARTON_1L, visionLabel: 'God-Morgon-Red-Grapefruit-Juice' },
    { sku: 'juice-tropicana-apple', name: 'Tropicana Apple Juice 1 L', es: 'Jugo de manzana Tropicana 1 L', brand: 'Tropicana', price: 429, code: { ean13: 10301 }, grams: CARTON_1L, visionLabel: 'Tropicana-Apple-Juice' },
    { sku: 'juice-tropicana-golden-grapefruit', name: 'Tropicana Golden Grapefruit Juice 1 L', es: 'Jugo de toronja dorada Tropicana 1 L', brand: 'Tropicana', price: 449, code: { ean13: 10302 }, grams: CARTON_1L, visionLabel: 'Tropicana-Golden-Grapefruit' },
    { sku: 'juice-tropicana-smooth', name: 'Tropicana Orange Juice, Smooth 1 L', es: 'Jugo de naranja Tropicana sin pulpa 1 L', brand: 'Tropicana', price: 449, code: { ean13: 10303 }, moreCodes: [{ ean13: 10313 }], grams: CARTON_1L, visionLabel: 'Tropicana-Juice-Smooth' },
    { sku: 'juice-tropicana-mandarin', name: 'Tropicana Mandarin Morning 1 L', es: 'Jugo Tropicana Mañana de Mandarina 1 L', brand: 'Tropicana', price: 469, code: { ean13: 10304 }, grams: CARTON_1L, visionLabel: 'Tropicana-Mandarin-Morning' },
  ],
};

export const datasetDairy: Section<EachRow> = {
  category: 'Dairy & Plant-Based',
  aisle: '9',
  taxClass: 'grocery',
  rows: [
    { sku: 'milk-arla-organic-medium', name: 'Arla Organic Medium Fat Milk 1.5% 1 L', es: 'Leche semidescremada orgánica Arla 1,5 % 1 L', brand: 'Arla', price: 329, code: { ean13: 20101 }, grams: CARTON_1L, visionLabel: 'Arla-Ecological-Medium-Fat-Milk' },
    { sku: 'milk-arla-lactose-free-medium', name: 'Arla Lactose-Free Medium Fat Milk 1.5% 1 L', es: 'Leche semidescremada sin lactosa Arla 1,5 % 1 L', brand: 'Arla', price: 349, code: { ean13: 20102 }, grams: CARTON_1L, visionLabel: 'Arla-Lactose-Medium-Fat-Milk' },
    { sku: 'milk-arla-medium', name: 'Arla Medium Fat Milk 1.5% 1 L', es: 'Leche semidescremada Arla 1,5 % 1 L', brand: 'Arla', price: 279, code: { ean13: 20103 }, grams: CARTON_1L, visionLabel: 'Arla-Medium-Fat-Milk' },
    { sku: 'milk-arla-standard', name: 'Arla Standard Milk 3% 1 L', es: 'Leche entera Arla 3 % 1 L', brand: 'Arla', price: 279, code: { ean13: 20104 }, grams: CARTON_1L, visionLabel: 'Arla-Standard-Milk' },
    { sku: 'milk-garant-organic-medium', name: 'Garant Organic Medium Fat Milk 1.5% 1 L', es: 'Leche semidescremada orgánica Garant 1,5 % 1 L', brand: 'Garant', price: 299, code: { ean13: 20201 }, grams: CARTON_1L, visionLabel: 'Garant-Ecological-Medium-Fat-Milk' },
    { sku: 'milk-garant-organic-standard', name: 'Garant Organic Standard Milk 3% 1 L', es: 'Leche entera orgánica Garant 3 % 1 L', brand: 'Garant', price: 299, code: { ean13: 20202 }, grams: CARTON_1L, visionLabel: 'Garant-Ecological-Standard-Milk' },
    { sku: 'oatgurt-oatly-natural', name: 'Oatly Natural Oatgurt 1 L', es: 'Yogur de avena natural Oatly 1 L', brand: 'Oatly', price: 449, code: { ean13: 30101 }, grams: [1050, 10], visionLabel: 'Oatly-Natural-Oatghurt' },
    { sku: 'oat-milk-oatly', name: 'Oatly Oat Drink 1 L', es: 'Bebida de avena Oatly 1 L', brand: 'Oatly', price: 449, memberPrice: 399, code: { ean13: 30102 }, grams: [1050, 10], visionLabel: 'Oatly-Oat-Milk' },
    { sku: 'sour-cream-arla-organic', name: 'Arla Organic Sour Cream 300 g', es: 'Crema ácida orgánica Arla 300 g', brand: 'Arla', price: 299, code: { ean13: 20301 }, grams: [318, 4], visionLabel: 'Arla-Ecological-Sour-Cream' },
    { sku: 'sour-cream-arla', name: 'Arla Sour Cream 300 g', es: 'Crema ácida Arla 300 g', brand: 'Arla', price: 249, code: { ean13: 20302 }, grams: [318, 4], visionLabel: 'Arla-Sour-Cream' },
    { sku: 'sour-milk-arla', name: 'Arla Sour Milk (Filmjölk) 1 L', es: 'Leche agria Arla (filmjölk) 1 L', brand: 'Arla', price: 299, code: { ean13: 20401 }, grams: CARTON_1L, visionLabel: 'Arla-Sour-Milk' },
    { sku: 'soyghurt-alpro-blueberry', name: 'Alpro Blueberry Soy Yogurt 500 g', es: 'Yogur de soya con arándanos Alpro 500 g', brand: 'Alpro', price: 349, code: { ean13: 40101 }, grams: [522, 5], visionLabel: 'Alpro-Blueberry-Soyghurt' },
    { sku: 'soyghurt-alpro-vanilla', name: 'Alpro Vanilla Soy Yogurt 500 g', es: 'Yogur de soya con vainilla Alpro 500 g', brand: 'Alpro', price: 349, code: { ean13: 40102 }, grams: [522, 5], visionLabel: 'Alpro-Vanilla-Soyghurt' },
    { sku: 'soy-milk-alpro-fresh', name: 'Alpro Soy Drink, Chilled 1 L', es: 'Bebida de soya Alpro, refrigerada 1 L', brand: 'Alpro', price: 379, code: { ean13: 40201 }, grams: CARTON_1L, visionLabel: 'Alpro-Fresh-Soy-Milk' },
    { sku: 'soy-milk-alpro-shelf', name: 'Alpro Soy Drink, Shelf-Stable 1 L', es: 'Bebida de soya Alpro, larga duración 1 L', brand: 'Alpro', price: 329, code: { ean13: 40202 }, grams: CARTON_1L, visionLabel: 'Alpro-Shelf-Soy-Milk' },
    { sku: 'yogurt-arla-mild-vanilla', name: 'Arla Mild Vanilla Yogurt 1 kg', es: 'Yogur suave de vainilla Arla 1 kg', brand: 'Arla', price: 429, code: { ean13: 20501 }, grams: TUB_1KG, visionLabel: 'Arla-Mild-Vanilla-Yoghurt' },
    { sku: 'yogurt-arla-natural-mild-low-fat', name: 'Arla Natural Mild Low-Fat Yogurt 1 kg', es: 'Yogur natural suave bajo en grasa Arla 1 kg', brand: 'Arla', price: 399, code: { ean13: 20502 }, grams: TUB_1KG, visionLabel: 'Arla-Natural-Mild-Low-Fat-Yoghurt' },
    { sku: 'yogurt-arla-natural', name: 'Arla Natural Yogurt 3% 1 kg', es: 'Yogur natural Arla 3 % 1 kg', brand: 'Arla', price: 399, code: { ean13: 20503 }, grams: TUB_1KG, visionLabel: 'Arla-Natural-Yoghurt' },
    { sku: 'yogurt-valio-vanilla', name: 'Valio Vanilla Yogurt 1 kg', es: 'Yogur de vainilla Valio 1 kg', brand: 'Valio', price: 449, code: { ean13: 50101 }, grams: TUB_1KG, visionLabel: 'Valio-Vanilla-Yoghurt' },
    { sku: 'yogurt-yoggi-strawberry', name: 'Yoggi Strawberry Yogurt 1 kg', es: 'Yogur de fresa Yoggi 1 kg', brand: 'Yoggi', price: 429, code: { ean13: 20601 }, grams: TUB_1KG, visionLabel: 'Yoggi-Strawberry-Yoghurt' },
    { sku: 'yogurt-yoggi-vanilla', name: 'Yoggi Vanilla Yogurt 1 kg', es: 'Yogur de vainilla Yoggi 1 kg', brand: 'Yoggi', price: 429, code: { ean13: 20602 }, grams: TUB_1KG, visionLabel: 'Yoggi-Vanilla-Yoghurt' },
  ],
};
