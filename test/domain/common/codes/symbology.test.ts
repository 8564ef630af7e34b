import { describe, expect, it } from 'vitest';
import { isGs1Identifier, splitSymbologyIdentifier } from '../../../../domain/common/codes/symbology.js';

describe('AIM symbology identifiers', () => {
  it('split off the three leading characters', () => {
    expect(splitSymbologyIdentifier(']C10109501101020917')).toEqual({ identifier: ']C1', data: '0109501101020917' });
    expect(splitSymbologyIdentifier(']E04006381333931')).toEqual({ identifier: ']E0', data: '4006381333931' });
    expect(splitSymbologyIdentifier(']Q1')).toEqual({ identifier: ']Q1', data: '' });
  });

  it('leave text without one alone', () => {
    expect(splitSymbologyIdentifier('4006381333931')).toEqual({ data: '4006381333931' });
    expect(splitSymbologyIdentifier(']]C1')).toEqual({ data: ']]C1' });
    expect(splitSymbologyIdentifier(']C')).toEqual({ data: ']C' });
    expect(splitSymbologyIdentifier(']1C')).toEqual({ data: ']1C' });
  });

  it('mark GS1 data for GS1-128, DataBar, DataMatrix, QR Code and DotCode only', () => {
    expect([']C1', ']e0', ']d2', ']Q3', ']J1'].every(isGs1Identifier)).toBe(true);
    expect([']C0', ']E0', ']E3', ']d1', ']Q1', ']c1', undefined].some(isGs1Identifier)).toBe(false);
  });
});
