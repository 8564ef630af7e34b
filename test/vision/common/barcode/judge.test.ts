import { describe, expect, it } from 'vitest';
import { judgeSymbols } from '../../../../vision/common/barcode/judge.js';
import type { DecodedSymbol } from '../../../../vision/common/barcode/symbol.js';

const at = { x: 0, y: 0 };
const position = { topLeft: at, topRight: at, bottomRight: at, bottomLeft: at };
const sym = (over: Partial<DecodedSymbol>): DecodedSymbol => ({ format: 'EAN_13', text: '', position, ...over });

describe('judgeSymbols', () => {
  it('accepts a valid EAN-13 with its GTIN-14', () => {
    const { reads, misreads } = judgeSymbols([sym({ text: '5901234123457' })], []);
    expect(misreads).toEqual([]);
    expect(reads[0]?.code).toEqual({ kind: 'gtin', gtin14: '05901234123457' });
  });

  it('refuses a wrong check digit as a misread, never a read', () => {
    const { reads, misreads } = judgeSymbols([sym({ text: '5901234123458' })], []);
    expect(reads).toEqual([]);
    expect(misreads[0]?.error.code).toBe('bad-check-digit');
  });

  it('reads DataBar GTINs under their GS1 identifier', () => {
    const { reads } = judgeSymbols([sym({ format: 'RSS_14', text: '02001234567893', symbologyIdentifier: ']e0' })], []);
    expect(reads[0]?.code).toEqual({ kind: 'gtin', gtin14: '02001234567893' });
  });

  it('refuses DataBar Expanded data that breaks GS1 rules', () => {
    const { misreads } = judgeSymbols([sym({ format: 'RSS_EXPANDED', text: '(01)90012345678908(3932)040EUR', symbologyIdentifier: ']e0' })], []);
    expect(misreads).toHaveLength(1);
  });

  it('reads a weighed DataBar Expanded label', () => {
    const { reads } = judgeSymbols([sym({ format: 'RSS_EXPANDED', text: '(01)98898765432106(3103)001750', symbologyIdentifier: ']e0' })], []);
    expect(reads[0]?.code).toMatchObject({ kind: 'gs1', gtin14: '98898765432106', netMg: 1_750_000 });
  });

  it('keeps one result per code, the one with the add-on', () => {
    const { reads } = judgeSymbols([sym({ text: '9780735200449' }), sym({ text: '9780735200449', addOn: '51299' })], []);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.code).toMatchObject({ addOn: '51299' });
  });

  it('passes QR text through as text, control characters and all', () => {
    const { reads } = judgeSymbols([sym({ format: 'QR_CODE', text: 'coupon\r\n42' })], []);
    expect(reads[0]?.code).toEqual({ kind: 'text', text: 'coupon\r\n42' });
  });
});
