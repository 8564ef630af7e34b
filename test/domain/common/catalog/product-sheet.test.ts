import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../../domain/common/catalog/issue.js';
import { parseProductSheet, type ProductSheet } from '../../../../domain/common/catalog/product-sheet.js';

const HEADER = 'sku,name,names.es,soldBy,price,memberPrice,per,plu,itemReference,tareGrams,gtins,weightMeanGrams,weightSdGrams,taxClass,deposit,minimumAge,visionLabel';

function sheet(csv: string, minorUnits?: number): ProductSheet {
  const parsed = parseProductSheet(csv, minorUnits === undefined ? {} : { minorUnits });
  if (!parsed.ok) throw new Error(`expected the sheet to parse:\n${parsed.error.map(formatIssue).join('\n')}`);
  return parsed.value;
}
function problems(csv: string, minorUnits?: number): string[] {
  const parsed = parseProductSheet(csv, minorUnits === undefined ? {} : { minorUnits });
  if (parsed.ok) throw new Error('expected the sheet to be refused');
  return parsed.error.map(formatIssue);
}

describe('parseProductSheet', () => {
  it('reads each kind of product into the catalog fields', () => {
    const { rows, header } = sheet([
      HEADER,
      'banana,Bananas,Plátanos,weight,0.69,,lb,4011,,,,,,grocery,,,Banana',
      'ipa-6,"IPA, 6 cans",,each,11.99,10.99,,,,,894512600014,2280,25,alcohol,0.30,21,',
      'turkey,"Turkey Breast, Sliced",Pavo,weight,11.99,,lb,,20101,4.5,,,,grocery,,,',
      'milk,Milk,Leche,each,4.79,,,,,,"894512000012; 00894512000029",3960,25,grocery,,,',
    ].join('\n'));
    expect(header[0]).toBe('sku');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(rows[0]?.product).toMatchObject({ sku: 'banana', names: { es: 'Plátanos' }, soldBy: 'weight', price: 69, per: 'lb', plu: '4011', visionLabel: 'Banana' });
    expect(rows[1]?.product).toMatchObject({ name: 'IPA, 6 cans', price: 1199, memberPrice: 1099, deposit: 30, minimumAge: 21, gtins: ['894512600014'], weight: { meanGrams: 2280, sdGrams: 25 } });
    expect(rows[1]?.product).not.toHaveProperty('names');
    expect(rows[2]?.product).toMatchObject({ itemReference: '20101', tareGrams: 4.5, price: 1199 });
    expect(rows[3]?.product.gtins).toEqual(['894512000012', '00894512000029']);
  });

  it('accepts columns in any order and any case, skips blank rows, and reads a BOM and CRLF', () => {
    const { rows } = sheet('\uFEFFTaxClass,PRICE,Sku,Name,SoldBy,WeightMeanGrams,WeightSdGrams\r\ngrocery,2,gum,Gum,each,36,2\r\n,,,,,,\r\n\r\n');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.product).toMatchObject({ sku: 'gum', price: 200, weight: { meanGrams: 36, sdGrams: 2 } });
  });

  it('keeps quoted commas, quotes and line breaks in names, and counts rows by line', () => {
    const { rows } = sheet([
      'sku,name,soldBy,price,weightMeanGrams,weightSdGrams,taxClass',
      'sub,"Turkey ""Club"" Sub,\n12 inch",each,8.49,300,20,prepared',
      'cola,Cola,each,2.79,2110,10,grocery',
    ].join('\n'));
    expect(rows[0]?.product.name).toBe('Turkey "Club" Sub,\n12 inch');
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('reads prices by the currency’s decimals', () => {
    const csv = 'sku,name,soldBy,price,weightMeanGrams,weightSdGrams,taxClass\nx,X,each,350,10,1,t';
    expect(sheet(csv, 0).rows[0]?.product.price).toBe(350);
    expect(sheet(csv, 2).rows[0]?.product.price).toBe(35000);
    expect(sheet(csv.replace('350', '3.5'), 3).rows[0]?.product.price).toBe(3500);
    expect(problems(csv.replace('350', '3.5'), 0)).toEqual(['row 2, price (column D): "3.5" has more than 0 decimals']);
  });

  it('refuses amounts and numbers a person would misread, at their cell', () => {
    const rows = ['3,49', '$3.49', '3.499', '-1', '3.'].map((price, i) => `p${i},P,each,"${price}",10,1,t`);
    expect(problems(['sku,name,soldBy,price,weightMeanGrams,weightSdGrams,taxClass', ...rows].join('\n'))).toEqual([
      'row 2, price (column D): "3,49" is not an amount such as 3.49 (digits and a decimal point, no currency sign)',
      'row 3, price (column D): "$3.49" is not an amount such as 3.49 (digits and a decimal point, no currency sign)',
      'row 4, price (column D): "3.499" has more than 2 decimals',
      'row 5, price (column D): "-1" is not an amount such as 3.49 (digits and a decimal point, no currency sign)',
      'row 6, price (column D): "3." is not an amount such as 3.49 (digits and a decimal point, no currency sign)',
    ]);
    expect(problems('sku,name,soldBy,price,weightMeanGrams,weightSdGrams,taxClass\nx,X,each,1,ten,1,t')).toEqual(['row 2, weightMeanGrams (column E): "ten" is not a number']);
  });

  it('recognises a barcode that a spreadsheet turned into a number', () => {
    expect(problems('sku,name,soldBy,price,gtins,weightMeanGrams,weightSdGrams,taxClass\nx,X,each,1,8.94512E+11,10,1,t')).toEqual([
      'row 2, gtins (column E): "8.94512E+11" looks like a barcode turned into a number by a spreadsheet; format the column as text',
    ]);
  });

  it('reports what the catalog schema refuses at its row and column', () => {
    expect(problems([
      'sku,name,soldBy,price,per,weightMeanGrams,weightSdGrams,taxClass,minimumAge,names.es',
      'a,A,bag,1,,10,1,t,,',
      'b,B,each,1,lb,10,1,t,,',
      'c,C,each,1,,,,t,,',
      'd,D,each,1,,10,1,t,20.5,',
      'bad sku,E,weight,1,lb,,,t,,',
      'f,F,each,1,,10,-1,t,,',
    ].join('\n'))).toEqual([
      "row 2, soldBy (column C): Invalid discriminator value. Expected 'each' | 'weight'",
      'row 3, per (column E): not used for items sold by each; leave the cell empty',
      'row 4, weightMeanGrams (column F): an item sold by each needs a weight model { meanGrams, sdGrams } for the basket scale',
      'row 5, minimumAge (column I): Invalid input: expected int, received number',
      'row 6, sku (column A): letters, digits, . _ - (1-64, no leading punctuation)',
      'row 7, weightSdGrams (column G): "-1" is not a number',
    ]);
  });

  it('reports unknown, repeated and missing columns in the header', () => {
    expect(problems('sku,Name,colour,name,names.ES,names.es\n')).toEqual([
      'row 1, column C: unknown column "colour" (columns: sku, name, brand, category, aisle, soldBy, price, memberPrice, per, gtins, plu, itemReference, tareGrams, typicalGrams, weightMeanGrams, weightSdGrams, taxClass, deposit, minimumAge, image, visionLabel, and names.<language> such as names.es)',
      'row 1, column D: column "name" appears twice',
      'row 1, column E: unknown column "names.ES" (columns: sku, name, brand, category, aisle, soldBy, price, memberPrice, per, gtins, plu, itemReference, tareGrams, typicalGrams, weightMeanGrams, weightSdGrams, taxClass, deposit, minimumAge, image, visionLabel, and names.<language> such as names.es)',
      'row 1: missing the required column "soldBy"',
      'row 1: missing the required column "price"',
      'row 1: missing the required column "taxClass"',
    ]);
  });

  it('reports a row with too few or too many cells instead of shifting its values', () => {
    expect(problems('sku,name,soldBy,price,weightMeanGrams,weightSdGrams,taxClass\nx,X,each,1,10,1\ny,Y,each,1,10,1,t,extra')).toEqual([
      'row 2: has 6 cells, the header has 7 (a missing or extra comma?)',
      'row 3: has 8 cells, the header has 7 (a missing or extra comma?)',
    ]);
  });

  it('reports CSV syntax errors with the row and character', () => {
    expect(problems('sku,name\nx,"Bananas\n')).toEqual(['row 2, character 3: a quoted cell is never closed']);
    expect(problems('sku,name\nx,12" sub\n')).toEqual(['row 2, character 5: a quote inside an unquoted cell (put the whole cell in quotes and double the quote)']);
  });

  it('reports an empty sheet and a sheet with only a header', () => {
    expect(problems('')).toEqual(['row 1: the sheet is empty; its first row names the columns']);
    expect(problems('sku,name,soldBy,price,taxClass\n')).toEqual(['row 2: the sheet has no product rows']);
  });
});
