// Loose produce, priced per lb with IFPS PLU codes. The first block has one product for each
// fruit and vegetable class of the Grocery Store Dataset (visionLabel = the class name); the
// Galia melon has no IFPS code of its own and uses a retailer-assigned melon PLU.
import type { EachRow, Section, WeighedRow } from './rows.js';

export const datasetProduce: Section<WeighedRow> = {
  category: 'Produce',
  aisle: 'Produce',
  taxClass: 'grocery',
  rows: [
    { sku: 'apple-golden-delicious', name: 'Golden Delicious Apples', es: 'Manzanas Golden Delicious', plu: '4020', price: 199, typicalGrams: 180, visionLabel: 'Golden-Delicious' },
    { sku: 'apple-granny-smith', name: 'Granny Smith Apples', es: 'Manzanas Granny Smith', plu: '4017', price: 219, memberPrice: 179, typicalGrams: 200, visionLabel: 'Granny-Smith' },
    { sku: 'apple-pink-lady', name: 'Pink Lady Apples', es: 'Manzanas Pink Lady', plu: '4130', price: 249, typicalGrams: 190, visionLabel: 'Pink-Lady' },
    { sku: 'apple-red-delicious', name: 'Red Delicious Apples', es: 'Manzanas Red Delicious', plu: '4016', price: 179, typicalGrams: 200, visionLabel: 'Red-Delicious' },
    { sku: 'apple-royal-gala', name: 'Royal Gala Apples', es: 'Manzanas Royal Gala', plu: '4135', price: 199, typicalGrams: 170, visionLabel: 'Royal-Gala' },
    { sku: 'avocado-hass', name: 'Hass Avocados', es: 'Aguacates Hass', plu: '4046', price: 349, typicalGrams: 170, visionLabel: 'Avocado' },
    { sku: 'banana', name: 'Bananas', es: 'Plátanos', plu: '4011', price: 69, typicalGrams: 120, visionLabel: 'Banana' },
    { sku: 'kiwi', name: 'Kiwifruit', es: 'Kiwis', plu: '4030', price: 299, typicalGrams: 75, visionLabel: 'Kiwi' },
    { sku: 'lemon', name: 'Lemons', es: 'Limones amarillos', plu: '4053', price: 249, typicalGrams: 110, visionLabel: 'Lemon' },
    { sku: 'lime', name: 'Limes', es: 'Limas', plu: '4048', price: 229, typicalGrams: 65, visionLabel: 'Lime' },
    { sku: 'mango', name: 'Mangoes', es: 'Mangos', plu: '4051', price: 249, typicalGrams: 340, visionLabel: 'Mango' },
    { sku: 'melon-cantaloupe', name: 'Cantaloupe', es: 'Melón cantalupo', plu: '4050', price: 99, typicalGrams: 1400, visionLabel: 'Cantaloupe' },
    { sku: 'melon-galia', name: 'Galia Melon', es: 'Melón Galia', plu: '4347', price: 129, typicalGrams: 1000, visionLabel: 'Galia-Melon' },
    { sku: 'melon-honeydew', name: 'Honeydew Melon', es: 'Melón verde (honeydew)', plu: '4034', price: 99, typicalGrams: 2000, visionLabel: 'Honeydew-Melon' },
    { sku: 'watermelon-seedless', name: 'Seedless Watermelon', es: 'Sandía sin semillas', plu: '4032', price: 69, typicalGrams: 6000, visionLabel: 'Watermelon' },
    { sku: 'nectarine', name: 'Yellow Nectarines', es: 'Nectarinas amarillas', plu: '4036', price: 279, typicalGrams: 150, visionLabel: 'Nectarine' },
    { sku: 'orange-navel', name: 'Navel Oranges', es: 'Naranjas navel', plu: '4012', price: 169, typicalGrams: 230, visionLabel: 'Orange' },
    { sku: 'papaya', name: 'Papaya', es: 'Papaya', plu: '4394', price: 199, typicalGrams: 900, visionLabel: 'Papaya' },
    { sku: 'passion-fruit', name: 'Passion Fruit', es: 'Maracuyá', plu: '4397', price: 799, typicalGrams: 45, visionLabel: 'Passion-Fruit' },
    { sku: 'peach-yellow', name: 'Yellow Peaches', es: 'Duraznos amarillos', plu: '4038', price: 279, typicalGrams: 170, visionLabel: 'Peach' },
    { sku: 'pear-anjou', name: 'Green Anjou Pears', es: 'Peras Anjou verdes', plu: '4416', price: 199, typicalGrams: 230, visionLabel: 'Anjou' },
    { sku: 'pear-conference', name: 'Conference Pears', es: 'Peras Conference', plu: '3017', price: 229, typicalGrams: 200, visionLabel: 'Conference' },
    { sku: 'pear-bosc', name: 'Bosc (Kaiser) Pears', es: 'Peras Bosc (Kaiser)', plu: '4413', price: 219, typicalGrams: 220, visionLabel: 'Kaiser' },
    { sku: 'pineapple', name: 'Pineapple', es: 'Piña', plu: '4430', price: 129, typicalGrams: 1600, visionLabel: 'Pineapple' },
    { sku: 'plum-red', name: 'Red Plums', es: 'Ciruelas rojas', plu: '4042', price: 249, typicalGrams: 90, visionLabel: 'Plum' },
    { sku: 'pomegranate', name: 'Pomegranates', es: 'Granadas', plu: '3440', price: 299, typicalGrams: 300, visionLabel: 'Pomegranate' },
    { sku: 'grapefruit-red', name: 'Red Grapefruit', es: 'Toronjas rojas', plu: '4282', price: 169, typicalGrams: 400, visionLabel: 'Red-Grapefruit' },
    { sku: 'satsuma', name: 'Satsuma Mandarins', es: 'Mandarinas satsuma', plu: '3389', price: 249, typicalGrams: 90, visionLabel: 'Satsumas' },
    { sku: 'asparagus', name: 'Green Asparagus', es: 'Espárragos verdes', plu: '4080', price: 399, typicalGrams: 450, visionLabel: 'Asparagus' },
    { sku: 'eggplant', name: 'Eggplant', es: 'Berenjena', plu: '4081', price: 199, typicalGrams: 450, visionLabel: 'Aubergine' },
    { sku: 'cabbage-green', name: 'Green Cabbage', es: 'Repollo verde', plu: '4069', price: 89, typicalGrams: 1200, visionLabel: 'Cabbage' },
    { sku: 'carrots', name: 'Carrots', es: 'Zanahorias', plu: '4562', price: 129, typicalGrams: 70, visionLabel: 'Carrots' },
    { sku: 'cucumber', name: 'Cucumbers', es: 'Pepinos', plu: '4062', price: 149, typicalGrams: 300, visionLabel: 'Cucumber' },
    { sku: 'garlic', name: 'Garlic', es: 'Ajo', plu: '4608', price: 499, typicalGrams: 50, visionLabel: 'Garlic' },
    { sku: 'ginger', name: 'Ginger Root', es: 'Jengibre', plu: '4612', price: 499, typicalGrams: 100, visionLabel: 'Ginger' },
    { sku: 'leek', name: 'Leeks', es: 'Puerros', plu: '4629', price: 249, typicalGrams: 300, visionLabel: 'Leek' },
    { sku: 'mushroom-cremini', name: 'Cremini (Brown Cap) Mushrooms', es: 'Champiñones cremini (marrones)', plu: '4648', price: 599, typicalGrams: 20, visionLabel: 'Brown-Cap-Mushroom' },
    { sku: 'onion-yellow', name: 'Yellow Onions', es: 'Cebollas amarillas', plu: '4093', price: 119, typicalGrams: 250, visionLabel: 'Yellow-Onion' },
    { sku: 'pepper-green', name: 'Green Bell Peppers', es: 'Pimientos verdes', plu: '4065', price: 199, typicalGrams: 170, visionLabel: 'Green-Bell-Pepper' },
    { sku: 'pepper-orange', name: 'Orange Bell Peppers', es: 'Pimientos naranjas', plu: '3121', price: 349, typicalGrams: 190, visionLabel: 'Orange-Bell-Pepper' },
    { sku: 'pepper-red', name: 'Red Bell Peppers', es: 'Pimientos rojos', plu: '4088', price: 349, typicalGrams: 190, visionLabel: 'Red-Bell-Pepper' },
    { sku: 'pepper-yellow', name: 'Yellow Bell Peppers', es: 'Pimientos amarillos', plu: '4689', price: 349, typicalGrams: 190, visionLabel: 'Yellow-Bell-Pepper' },
    { sku: 'potato-russet', name: 'Russet Potatoes (floury)', es: 'Papas russet (harinosas)', plu: '4072', price: 99, typicalGrams: 280, visionLabel: 'Floury-Potato' },
    { sku: 'potato-yukon-gold', name: 'Yukon Gold Potatoes (waxy)', es: 'Papas Yukon Gold (firmes)', plu: '4727', price: 149, typicalGrams: 200, visionLabel: 'Solid-Potato' },
    { sku: 'sweet-potato', name: 'Sweet Potatoes', es: 'Camotes (batatas)', plu: '4074', price: 149, typicalGrams: 300, visionLabel: 'Sweet-Potato' },
    { sku: 'beet-red', name: 'Red Beets', es: 'Betabeles rojos (remolachas)', plu: '4540', price: 179, typicalGrams: 200, visionLabel: 'Red-Beet' },
    { sku: 'tomato-beefsteak', name: 'Beefsteak Tomatoes', es: 'Tomates bola grandes (beefsteak)', plu: '4799', price: 299, typicalGrams: 300, visionLabel: 'Beef-Tomato' },
    { sku: 'tomato', name: 'Tomatoes', es: 'Tomates', plu: '4064', price: 199, typicalGrams: 150, visionLabel: 'Regular-Tomato' },
    { sku: 'tomato-on-the-vine', name: 'Tomatoes on the Vine', es: 'Tomates en rama', plu: '4664', price: 299, typicalGrams: 110, visionLabel: 'Vine-Tomato' },
    { sku: 'zucchini', name: 'Zucchini', es: 'Calabacitas (zucchini)', plu: '4067', price: 179, typicalGrams: 250, visionLabel: 'Zucchini' },
  ],
};

/** More loose produce, including organic twins (PLU 9 + the conventional code). */
export const moreProduce: Section<WeighedRow> = {
  category: 'Produce',
  aisle: 'Produce',
  taxClass: 'grocery',
  rows: [
    { sku: 'banana-organic', name: 'Organic Bananas', es: 'Plátanos orgánicos', plu: '94011', price: 89, typicalGrams: 120, visionLabel: 'Banana' },
    { sku: 'apple-fuji', name: 'Fuji Apples', es: 'Manzanas Fuji', plu: '4131', price: 229, typicalGrams: 200 },
    { sku: 'apple-fuji-organic', name: 'Organic Fuji Apples', es: 'Manzanas Fuji orgánicas', plu: '94131', price: 299, typicalGrams: 200 },
    { sku: 'apple-honeycrisp', name: 'Honeycrisp Apples', es: 'Manzanas Honeycrisp', plu: '3283', price: 329, memberPrice: 279, typicalGrams: 230 },
    { sku: 'grapes-red-seedless', name: 'Red Seedless Grapes', es: 'Uvas rojas sin semilla', plu: '4023', price: 299, typicalGrams: 700 },
    { sku: 'broccoli', name: 'Broccoli', es: 'Brócoli', plu: '4060', price: 249, typicalGrams: 400 },
  ],
};

/** Produce sold by the unit: a PLU sticker, but priced each. */
export const produceEach: Section<EachRow> = {
  category: 'Produce',
  aisle: 'Produce',
  taxClass: 'grocery',
  rows: [
    { sku: 'avocado-hass-large', name: 'Large Hass Avocado', es: 'Aguacate Hass grande', code: { plu: '4225' }, price: 199, grams: [250, 30], visionLabel: 'Avocado' },
    { sku: 'cilantro', name: 'Cilantro, bunch', es: 'Cilantro, manojo', code: { plu: '4889' }, price: 129, grams: [80, 15] },
    { sku: 'lettuce-romaine', name: 'Romaine Lettuce', es: 'Lechuga romana', code: { plu: '4640' }, price: 199, grams: [550, 80] },
    { sku: 'corn-yellow', name: 'Sweet Corn', es: 'Elote (maíz dulce)', code: { plu: '4078' }, price: 79, grams: [350, 50] },
  ],
};
