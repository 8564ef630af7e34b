// Packaged goods by aisle, under the store's own UPC company prefix (item references grouped
// by department: 1xxxx dairy, 2xxxx bakery, 3xxxx pantry, 4xxxx frozen, 5xxxx drinks,
// 6xxxx beer and wine, 7xxxx household, 8xxxx personal care, 9xxxx prepared food).
import type { EachRow, Section } from './rows.js';

export const dairy: Section<EachRow> = {
  category: 'Dairy & Eggs',
  aisle: '9',
  taxClass: 'grocery',
  rows: [
    { sku: 'eggs-brown-large-12', name: 'Large Brown Eggs, Dozen', es: 'Huevos marrones grandes, docena', brand: 'Tally Market', price: 449, code: { upc: 10001 }, grams: [760, 25] },
    { sku: 'butter-unsalted', name: 'Unsalted Butter 1 lb', es: 'Mantequilla sin sal 1 lb', brand: 'Tally Market', price: 549, code: { upc: 10002 }, grams: [468, 4] },
    { sku: 'cheddar-sharp', name: 'Sharp Cheddar Block 8 oz', es: 'Queso cheddar añejo, bloque 8 oz', brand: 'Tally Market', price: 399, code: { upc: 10003 }, grams: [236, 4] },
    { sku: 'greek-yogurt-plain', name: 'Plain Greek Yogurt 32 oz', es: 'Yogur griego natural 32 oz', brand: 'Tally Market', price: 599, code: { upc: 10004 }, grams: [955, 10] },
    { sku: 'milk-whole-gallon', name: 'Whole Milk, 1 Gallon', es: 'Leche entera, 1 galón', brand: 'Tally Market', price: 479, code: { upc: 10005 }, moreCodes: [{ upc: 10015 }], grams: [3960, 25] },
    { sku: 'half-and-half', name: 'Half & Half 1 pt', es: 'Mitad leche, mitad crema 1 pt', brand: 'Tally Market', price: 279, code: { upc: 10006 }, grams: [505, 5] },
    { sku: 'cream-cheese', name: 'Cream Cheese 8 oz', es: 'Queso crema 8 oz', brand: 'Tally Market', price: 299, code: { upc: 10007 }, grams: [242, 3] },
  ],
};

export const bakery: Section<EachRow> = {
  category: 'Bakery',
  aisle: 'Bakery',
  taxClass: 'grocery',
  rows: [
    { sku: 'bread-sourdough', name: 'Sourdough Loaf', es: 'Pan de masa madre', brand: 'Tally Market Bakehouse', price: 599, code: { upc: 20001 }, grams: [800, 40] },
    { sku: 'baguette', name: 'French Baguette', es: 'Baguette francesa', brand: 'Tally Market Bakehouse', price: 299, code: { upc: 20002 }, grams: [255, 15] },
    { sku: 'croissants-4', name: 'Butter Croissants, 4 Pack', es: 'Cruasanes de mantequilla, paquete de 4', brand: 'Tally Market Bakehouse', price: 699, code: { upc: 20003 }, grams: [330, 20] },
    { sku: 'bagels-plain-6', name: 'Plain Bagels, 6 Pack', es: 'Bagels naturales, paquete de 6', brand: 'Tally Market Bakehouse', price: 499, code: { upc: 20004 }, grams: [610, 25] },
  ],
};

export const pantry: Section<EachRow> = {
  category: 'Pantry',
  aisle: '3',
  taxClass: 'grocery',
  rows: [
    { sku: 'pasta-spaghetti', name: 'Spaghetti 1 lb', es: 'Espagueti 1 lb', brand: 'Tally Market', price: 199, code: { upc: 30001 }, grams: [462, 4] },
    { sku: 'pasta-penne', name: 'Penne Rigate 1 lb', es: 'Penne rigate 1 lb', brand: 'Tally Market', price: 199, code: { upc: 30002 }, grams: [465, 4] },
    { sku: 'pasta-fusilli', name: 'Fusilli 1 lb', es: 'Fusilli 1 lb', brand: 'Tally Market', price: 199, code: { upc: 30003 }, grams: [465, 4] },
    { sku: 'rice-jasmine', name: 'Jasmine Rice 2 lb', es: 'Arroz jazmín 2 lb', brand: 'Tally Market', price: 449, code: { upc: 30004 }, grams: [918, 6] },
    { sku: 'olive-oil-evoo', name: 'Extra Virgin Olive Oil 500 ml', es: 'Aceite de oliva extra virgen 500 ml', brand: 'Tally Market', price: 999, code: { upc: 30005 }, grams: [850, 10] },
    { sku: 'black-beans-organic', name: 'Organic Black Beans 15 oz', es: 'Frijoles negros orgánicos 15 oz', brand: 'Tally Market', price: 149, code: { upc: 30006 }, grams: [482, 5] },
    { sku: 'tomatoes-crushed', name: 'Crushed Tomatoes 28 oz', es: 'Tomates triturados 28 oz', brand: 'Tally Market', price: 279, code: { upc: 30007 }, grams: [885, 8] },
    { sku: 'peanut-butter', name: 'Creamy Peanut Butter 16 oz', es: 'Crema de cacahuate 16 oz', brand: 'Tally Market', price: 399, code: { upc: 30008 }, grams: [520, 6] },
    { sku: 'honey-raw', name: 'Raw Honey 12 oz', es: 'Miel cruda 12 oz', brand: 'Tally Market', price: 799, code: { upc: 30009 }, grams: [425, 8] },
    { sku: 'maple-syrup', name: 'Pure Maple Syrup 12 oz', es: 'Jarabe de arce puro 12 oz', brand: 'Tally Market', price: 1099, code: { upc: 30010 }, grams: [620, 10] },
    { sku: 'coffee-medium-roast', name: 'Whole Bean Coffee, Medium Roast 12 oz', es: 'Café en grano, tostado medio 12 oz', brand: 'Tally Market', price: 1199, memberPrice: 999, code: { upc: 30011 }, grams: [356, 5] },
    { sku: 'tea-green', name: 'Green Tea, 20 Bags', es: 'Té verde, 20 bolsitas', brand: 'Tally Market', price: 399, code: { upc: 30012 }, grams: [62, 3] },
    { sku: 'oats-rolled', name: 'Rolled Oats 42 oz', es: 'Avena en hojuelas 42 oz', brand: 'Tally Market', price: 549, code: { upc: 30013 }, grams: [1225, 10] },
    { sku: 'granola-vanilla-almond', name: 'Vanilla Almond Granola 12 oz', es: 'Granola de vainilla y almendra 12 oz', brand: 'Tally Market', price: 549, code: { upc: 30014 }, grams: [362, 5] },
    { sku: 'flour-all-purpose', name: 'All-Purpose Flour 5 lb', es: 'Harina de trigo todo uso 5 lb', brand: 'Tally Market', price: 449, code: { upc: 30015 }, grams: [2285, 15] },
    { sku: 'sugar-cane-organic', name: 'Organic Cane Sugar 4 lb', es: 'Azúcar de caña orgánica 4 lb', brand: 'Tally Market', price: 599, code: { upc: 30016 }, grams: [1830, 12] },
    { sku: 'sea-salt-fine', name: 'Fine Sea Salt 26 oz', es: 'Sal de mar fina 26 oz', brand: 'Tally Market', price: 249, code: { upc: 30017 }, grams: [755, 8] },
    { sku: 'tortilla-chips', name: 'Tortilla Chips 12 oz', es: 'Totopos 12 oz', brand: 'Tally Market', price: 349, code: { upc: 30018 }, grams: [355, 8] },
    { sku: 'salsa-medium', name: 'Medium Salsa 16 oz', es: 'Salsa picante media 16 oz', brand: 'Tally Market', price: 399, code: { upc: 30019 }, grams: [655, 10] },
    { sku: 'crackers-sea-salt', name: 'Sea Salt Crackers 8 oz', es: 'Galletas saladas con sal de mar 8 oz', brand: 'Tally Market', price: 349, code: { upc: 30020 }, grams: [245, 5] },
    { sku: 'cookies-chocolate-chip', name: 'Chocolate Chip Cookies 13 oz', es: 'Galletas con chispas de chocolate 13 oz', brand: 'Tally Market', price: 449, code: { upc: 30021 }, grams: [385, 6] },
    { sku: 'chocolate-dark-72', name: 'Dark Chocolate Bar 72% 3.5 oz', es: 'Chocolate amargo 72 % 3.5 oz', brand: 'Tally Market', price: 349, code: { ean8: 1001 }, grams: [106, 2] },
    { sku: 'almonds-roasted', name: 'Roasted Almonds 16 oz', es: 'Almendras tostadas 16 oz', brand: 'Tally Market', price: 899, code: { upc: 30023 }, grams: [472, 6] },
    { sku: 'gum-peppermint', name: 'Peppermint Gum, 14 Pieces', es: 'Chicle de menta, 14 piezas', brand: 'Tally Market', price: 199, code: { ean8: 1002 }, grams: [36, 2] },
    { sku: 'potato-chips-sea-salt', name: 'Sea Salt Potato Chips 5 oz', es: 'Papas fritas con sal de mar 5 oz', brand: 'Tally Market', price: 299, code: { upc: 30025 }, grams: [162, 5] },
  ],
};

export const frozen: Section<EachRow> = {
  category: 'Frozen',
  aisle: '11',
  taxClass: 'grocery',
  rows: [
    { sku: 'ice-cream-vanilla', name: 'Vanilla Bean Ice Cream 1 pt', es: 'Helado de vainilla 1 pt', brand: 'Tally Market', price: 549, code: { upc: 40001 }, grams: [325, 8] },
    { sku: 'ice-cream-chocolate', name: 'Chocolate Ice Cream 1 pt', es: 'Helado de chocolate 1 pt', brand: 'Tally Market', price: 549, code: { upc: 40002 }, grams: [330, 8] },
    { sku: 'peas-frozen', name: 'Frozen Sweet Peas 16 oz', es: 'Chícharos congelados 16 oz', brand: 'Tally Market', price: 249, code: { upc: 40003 }, grams: [462, 5] },
    { sku: 'pizza-margherita-frozen', name: 'Frozen Margherita Pizza', es: 'Pizza margarita congelada', brand: 'Tally Market', price: 799, code: { upc: 40004 }, grams: [455, 12] },
    { sku: 'berries-mixed-frozen', name: 'Frozen Mixed Berries 32 oz', es: 'Frutos rojos congelados 32 oz', brand: 'Tally Market', price: 1099, code: { upc: 40005 }, grams: [918, 8] },
  ],
};

/** Drinks in containers that carry a 5-cent deposit each. */
export const drinks: Section<EachRow> = {
  category: 'Beverages',
  aisle: '6',
  taxClass: 'grocery',
  rows: [
    { sku: 'sparkling-water-lime-can', name: 'Sparkling Water, Lime, 12 oz Can', es: 'Agua mineral con gas, lima, lata de 12 oz', brand: 'Tally Market', price: 99, deposit: 5, code: { upc: 50001 }, grams: [370, 3] },
    { sku: 'sparkling-water-lime-12', name: 'Sparkling Water, Lime, 12 × 12 oz Cans', es: 'Agua mineral con gas, lima, 12 latas de 12 oz', brand: 'Tally Market', price: 699, deposit: 60, code: { upc: 50002 }, grams: [4560, 40] },
    { sku: 'sparkling-water-lime-case-24', name: 'Sparkling Water, Lime, Case of 24 Cans', es: 'Agua mineral con gas, lima, caja de 24 latas', brand: 'Tally Market', price: 1299, deposit: 120, code: { caseOf: 50001 }, grams: [9150, 70] },
    { sku: 'spring-water-1l', name: 'Spring Water 1 L', es: 'Agua de manantial 1 L', brand: 'Tally Market', price: 149, deposit: 5, code: { upc: 50004 }, grams: [1030, 5] },
    { sku: 'cola-2l', name: 'Cola 2 L', es: 'Refresco de cola 2 L', brand: 'Tally Market', price: 279, deposit: 5, code: { upc: 50005 }, grams: [2110, 10] },
    { sku: 'kombucha-ginger', name: 'Ginger Kombucha 16 oz', es: 'Kombucha de jengibre 16 oz', brand: 'Tally Market', price: 399, deposit: 5, code: { upc: 50006 }, grams: [720, 8] },
  ],
};

/** Beer, cider and wine: ID checked by staff (21+); cans carry a 5-cent deposit each. */
export const beerAndWine: Section<EachRow> = {
  category: 'Beer & Wine',
  aisle: '12',
  taxClass: 'alcohol',
  minimumAge: 21,
  rows: [
    { sku: 'beer-hazy-ipa-6', name: 'Hazy IPA, 6 × 12 oz Cans', es: 'Cerveza IPA turbia, 6 latas de 12 oz', brand: 'Harbor Light Brewing', price: 1199, deposit: 30, code: { upc: 60001 }, grams: [2280, 25] },
    { sku: 'beer-pilsner-12', name: 'Pilsner Lager, 12 × 12 oz Cans', es: 'Cerveza lager pilsner, 12 latas de 12 oz', brand: 'Harbor Light Brewing', price: 1799, deposit: 60, code: { upc: 60002 }, grams: [4520, 40] },
    { sku: 'beer-oatmeal-stout-16oz', name: 'Oatmeal Stout, 16 oz Can', es: 'Cerveza stout de avena, lata de 16 oz', brand: 'Harbor Light Brewing', price: 349, deposit: 5, code: { upc: 60003 }, grams: [495, 5] },
    { sku: 'cider-dry-4', name: 'Dry Hard Cider, 4 × 16 oz Cans', es: 'Sidra seca, 4 latas de 16 oz', brand: 'Orchard Row', price: 1099, deposit: 20, code: { upc: 60004 }, grams: [2010, 20] },
    { sku: 'hard-seltzer-12', name: 'Hard Seltzer Variety, 12 × 12 oz Cans', es: 'Agua con gas alcohólica surtida, 12 latas de 12 oz', brand: 'Orchard Row', price: 1999, deposit: 60, code: { upc: 60005 }, grams: [4500, 40] },
    { sku: 'wine-pinot-noir', name: 'Pinot Noir 750 ml', es: 'Vino tinto Pinot Noir 750 ml', brand: 'Coastal Ridge', price: 1899, memberPrice: 1599, code: { upc: 60101 }, grams: [1250, 30] },
    { sku: 'wine-cabernet', name: 'Cabernet Sauvignon 750 ml', es: 'Vino tinto Cabernet Sauvignon 750 ml', brand: 'Coastal Ridge', price: 1599, code: { upc: 60102 }, grams: [1300, 30] },
    { sku: 'wine-sauvignon-blanc', name: 'Sauvignon Blanc 750 ml', es: 'Vino blanco Sauvignon Blanc 750 ml', brand: 'Coastal Ridge', price: 1399, code: { upc: 60103 }, grams: [1250, 30] },
    { sku: 'wine-rose', name: 'Rosé 750 ml', es: 'Vino rosado 750 ml', brand: 'Coastal Ridge', price: 1499, code: { upc: 60104 }, grams: [1250, 30] },
    { sku: 'wine-prosecco', name: 'Prosecco 750 ml', es: 'Vino espumoso Prosecco 750 ml', brand: 'Coastal Ridge', price: 1699, code: { upc: 60105 }, grams: [1550, 30] },
  ],
};

export const household: Section<EachRow> = {
  category: 'Household',
  aisle: '14',
  taxClass: 'general',
  rows: [
    { sku: 'paper-towels-6', name: 'Paper Towels, 6 Rolls', es: 'Toallas de papel, 6 rollos', brand: 'Tally Market', price: 1199, code: { upc: 70001 }, grams: [1400, 40] },
    { sku: 'toilet-paper-12', name: 'Toilet Paper, 12 Double Rolls', es: 'Papel higiénico, 12 rollos dobles', brand: 'Tally Market', price: 1399, code: { upc: 70002 }, grams: [1600, 40] },
    { sku: 'dish-soap-lemon', name: 'Dish Soap, Lemon 25 oz', es: 'Jabón lavatrastes, limón 25 oz', brand: 'Tally Market', price: 399, code: { upc: 70003 }, grams: [785, 8] },
    { sku: 'laundry-detergent', name: 'Laundry Detergent 50 oz', es: 'Detergente para ropa 50 oz', brand: 'Tally Market', price: 1299, code: { upc: 70004 }, grams: [1610, 15] },
    { sku: 'trash-bags-40', name: 'Kitchen Trash Bags, 40 Count', es: 'Bolsas de basura para cocina, 40 unidades', brand: 'Tally Market', price: 899, code: { upc: 70005 }, grams: [905, 15] },
    { sku: 'sponges-3', name: 'Scrub Sponges, 3 Pack', es: 'Esponjas para tallar, paquete de 3', brand: 'Tally Market', price: 349, code: { upc: 70006 }, grams: [62, 4] },
    { sku: 'aluminum-foil', name: 'Aluminum Foil, 75 sq ft', es: 'Papel aluminio, 75 pies cuadrados', brand: 'Tally Market', price: 549, code: { upc: 70007 }, grams: [405, 8] },
    { sku: 'reusable-bag', name: 'Reusable Shopping Bag', es: 'Bolsa de compras reutilizable', brand: 'Tally Market', price: 199, code: { upc: 70008 }, grams: [92, 5] },
    { sku: 'flowers-bouquet', name: 'Seasonal Flower Bouquet', es: 'Ramo de flores de temporada', brand: 'Tally Market', price: 1499, code: { upc: 70009 }, grams: [450, 60] },
  ],
};

export const personalCare: Section<EachRow> = {
  category: 'Personal Care',
  aisle: '15',
  taxClass: 'general',
  rows: [
    { sku: 'toothpaste-fluoride', name: 'Fluoride Toothpaste 4 oz', es: 'Pasta de dientes con flúor 4 oz', brand: 'Tally Market', price: 399, code: { upc: 80001 }, grams: [152, 4] },
    { sku: 'shampoo-daily', name: 'Daily Shampoo 12 oz', es: 'Champú de uso diario 12 oz', brand: 'Tally Market', price: 699, code: { upc: 80002 }, grams: [402, 6] },
    { sku: 'hand-soap-lavender', name: 'Hand Soap, Lavender 12 oz', es: 'Jabón de manos, lavanda 12 oz', brand: 'Tally Market', price: 399, code: { upc: 80003 }, grams: [420, 6] },
    { sku: 'sunscreen-spf30', name: 'Mineral Sunscreen SPF 30, 3 oz', es: 'Protector solar mineral FPS 30, 3 oz', brand: 'Tally Market', price: 1299, code: { upc: 80004 }, grams: [112, 4] },
  ],
};

/** Ready to eat: taxed as prepared food. */
export const prepared: Section<EachRow> = {
  category: 'Prepared Foods',
  aisle: 'Deli',
  taxClass: 'prepared',
  rows: [
    { sku: 'soup-tomato-basil-16oz', name: 'Tomato Basil Soup, Hot, 16 oz', es: 'Sopa de tomate y albahaca, caliente, 16 oz', brand: 'Tally Market Kitchen', price: 599, code: { upc: 90001 }, grams: [525, 20] },
    { sku: 'sushi-california-roll', name: 'California Roll, 8 Pieces', es: 'Rollo California, 8 piezas', brand: 'Tally Market Kitchen', price: 899, code: { upc: 90002 }, grams: [285, 15] },
    { sku: 'sandwich-turkey-swiss', name: 'Turkey & Swiss Sandwich', es: 'Sándwich de pavo y queso suizo', brand: 'Tally Market Kitchen', price: 849, code: { upc: 90003 }, grams: [305, 20] },
    { sku: 'salad-chicken-caesar', name: 'Chicken Caesar Salad Bowl', es: 'Ensalada César con pollo', brand: 'Tally Market Kitchen', price: 999, code: { upc: 90004 }, grams: [385, 25] },
    { sku: 'rotisserie-chicken', name: 'Rotisserie Chicken', es: 'Pollo rostizado', brand: 'Tally Market Kitchen', price: 899, code: { upc: 90005 }, grams: [1100, 90] },
  ],
};
