// Service counters: the deli slices and weighs, the scale prints a variable-measure label whose
// item reference names the product (2xxxx deli, 3xxxx meat and seafood). Salads and the hot
// bar go in containers whose tare is taken off the weight.
import type { Section, WeighedRow } from './rows.js';

export const deli: Section<WeighedRow> = {
  category: 'Deli',
  aisle: 'Deli',
  taxClass: 'grocery',
  rows: [
    { sku: 'deli-turkey-breast', name: 'Oven-Roasted Turkey Breast, Sliced', es: 'Pechuga de pavo al horno, rebanada', itemReference: '20101', price: 1199, typicalGrams: 230, tareGrams: 4 },
    { sku: 'deli-ham-black-forest', name: 'Black Forest Ham, Sliced', es: 'Jamón Selva Negra, rebanado', itemReference: '20102', price: 1099, typicalGrams: 230, tareGrams: 4 },
    { sku: 'deli-salami-genoa', name: 'Genoa Salami, Sliced', es: 'Salami Génova, rebanado', itemReference: '20103', price: 1299, typicalGrams: 115, tareGrams: 4 },
    { sku: 'deli-swiss', name: 'Swiss Cheese, Sliced', es: 'Queso suizo, rebanado', itemReference: '20201', price: 999, typicalGrams: 230, tareGrams: 4 },
    { sku: 'deli-provolone', name: 'Provolone, Sliced', es: 'Queso provolone, rebanado', itemReference: '20202', price: 899, typicalGrams: 230, tareGrams: 4 },
    { sku: 'cheese-manchego', name: 'Manchego Wedge, Imported', es: 'Cuña de queso manchego, importado', itemReference: '20203', price: 1999, typicalGrams: 250 },
    { sku: 'olive-bar', name: 'Olive Bar Mix', es: 'Mezcla del bar de aceitunas', itemReference: '20303', price: 1099, typicalGrams: 300, tareGrams: 15 },
    { sku: 'deli-chicken-salad', name: 'Chicken Salad', es: 'Ensalada de pollo', itemReference: '20301', price: 999, typicalGrams: 450, tareGrams: 15, taxClass: 'prepared' },
    { sku: 'deli-potato-salad', name: 'Potato Salad', es: 'Ensalada de papa', itemReference: '20302', price: 599, typicalGrams: 450, tareGrams: 15, taxClass: 'prepared' },
    { sku: 'hot-bar', name: 'Hot Food Bar', es: 'Barra de comida caliente', itemReference: '20401', price: 1099, typicalGrams: 500, tareGrams: 22, taxClass: 'prepared' },
    { sku: 'salad-bar', name: 'Salad Bar', es: 'Barra de ensaladas', itemReference: '20402', price: 999, typicalGrams: 400, tareGrams: 22, taxClass: 'prepared' },
  ],
};

export const meatAndSeafood: Section<WeighedRow> = {
  category: 'Meat & Seafood',
  aisle: 'Meat & Seafood',
  taxClass: 'grocery',
  rows: [
    { sku: 'beef-ground-85', name: 'Ground Beef, 85% Lean', es: 'Carne molida de res, 85 % magra', itemReference: '30101', price: 699, typicalGrams: 454, tareGrams: 20 },
    { sku: 'beef-ribeye', name: 'Ribeye Steak', es: 'Bistec de ribeye', itemReference: '30102', price: 1899, typicalGrams: 400, tareGrams: 20 },
    { sku: 'chicken-breast-boneless', name: 'Boneless Chicken Breast', es: 'Pechuga de pollo deshuesada', itemReference: '30103', price: 599, memberPrice: 499, typicalGrams: 700, tareGrams: 20 },
    { sku: 'salmon-atlantic-fillet', name: 'Atlantic Salmon Fillet', es: 'Filete de salmón del Atlántico', itemReference: '30201', price: 1399, typicalGrams: 340, tareGrams: 10 },
    { sku: 'shrimp-gulf-16-20', name: 'Wild Gulf Shrimp, 16/20 Count', es: 'Camarón silvestre del Golfo, 16/20 por libra', itemReference: '30202', price: 1599, typicalGrams: 454, tareGrams: 10 },
  ],
};
