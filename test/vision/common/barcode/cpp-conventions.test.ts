import { describe, expect, it } from 'vitest';
import { fromCpp, needsHri, type CppRead } from '../../../../vision/common/barcode/cpp-conventions.js';
import { BARCODE_FORMATS } from '../../../../vision/common/barcode/formats.js';

const at = { x: 1, y: 2 };
const position = { topLeft: at, topRight: at, bottomRight: at, bottomLeft: at };
const read = (over: Partial<CppRead>): CppRead => ({ format: 'EAN13', text: '', symbologyIdentifier: ']E0', extra: '', position, ...over });

describe('fromCpp: zxing-cpp reads in ZXing Java conventions', () => {
  it('reports a leading-0 EAN-13 as the UPC-A it is, 12 digits', () => {
    expect(fromCpp(read({ text: '0036602301467' }), BARCODE_FORMATS)).toMatchObject({ format: 'UPC_A', text: '036602301467' });
  });

  it('keeps a leading-0 EAN-13 when UPC-A was not asked for', () => {
    expect(fromCpp(read({ text: '0036602301467' }), ['EAN_13'])).toMatchObject({ format: 'EAN_13', text: '0036602301467' });
  });

  it('gives UPC-E as its 8 printed digits, not the expansion', () => {
    const upcE = read({ format: 'UPCE', text: '0012345000065', extra: '{"UPCE":"01234565"}' });
    expect(fromCpp(upcE, BARCODE_FORMATS)).toMatchObject({ format: 'UPC_E', text: '01234565' });
  });

  it('moves an EAN-5 add-on out of the text', () => {
    const book = read({ text: '978073520044951299', symbologyIdentifier: ']E3', extra: '{"EanAddOn":"51299"}' });
    expect(fromCpp(book, BARCODE_FORMATS)).toMatchObject({ format: 'EAN_13', text: '9780735200449', addOn: '51299' });
  });

  it('gives DataBar as the bare GTIN-14', () => {
    expect(fromCpp(read({ format: 'DataBarStk', text: '0104412345678909', symbologyIdentifier: ']e0' }), BARCODE_FORMATS)).toMatchObject({ format: 'RSS_14', text: '04412345678909' });
  });

  it('brackets DataBar Expanded AIs, including a variable-length field cut by a GS', () => {
    const exp = read({ format: 'DataBarExp', text: '0198898765432106\u001d10ABC\u001d3103001750', symbologyIdentifier: ']e0' });
    const symbol = fromCpp(exp, BARCODE_FORMATS);
    expect(symbol).toMatchObject({ format: 'RSS_EXPANDED', text: '(01)98898765432106(10)ABC(3103)001750' });
    expect(symbol && needsHri(symbol)).toBe(false);
  });

  it('takes zxing-cpp HRI for an AI the domain cannot split, and flags it when there is none', () => {
    const odd = read({ format: 'DataBarExpStk', text: '8110)2345672(1*813', symbologyIdentifier: ']e0' });
    const bare = fromCpp(odd, BARCODE_FORMATS);
    expect(bare && needsHri(bare)).toBe(true);
    expect(fromCpp(odd, BARCODE_FORMATS, '(8110))2345672(1*813')).toMatchObject({ text: '(8110))2345672(1*813' });
  });

  it('drops formats the cart did not ask for and survives junk in extra', () => {
    expect(fromCpp(read({ format: 'MicroQRCode', text: 'x' }), BARCODE_FORMATS)).toBeUndefined();
    expect(fromCpp(read({ format: 'QRCodeModel2', text: 'hi' }), ['EAN_13'])).toBeUndefined();
    expect(fromCpp(read({ format: 'QRCodeModel2', text: 'hi\r\n', extra: '{not json' }), BARCODE_FORMATS)).toMatchObject({ format: 'QR_CODE', text: 'hi\r\n' });
  });
});
