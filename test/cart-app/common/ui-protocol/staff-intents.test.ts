import { describe, expect, it } from 'vitest';
import { intentSchema } from '../../../../cart-app/common/ui-protocol/intents.js';
import { calibrationWeightsMg, overrideReasons } from '../../../../cart-app/common/ui-protocol/staff-choices.js';
import { screenIntentSchema, staffIntentSchema } from '../../../../cart-app/common/ui-protocol/staff-intents.js';

describe('staff intents', () => {
  it('accepts each staff request in its plain shape', () => {
    const good = [
      { type: 'staffSignIn', pin: '2468' },
      { type: 'staffSignIn', pin: '12345678' },
      { type: 'staffSignOut' },
      ...calibrationWeightsMg.map((knownMg) => ({ type: 'calibrateScale', knownMg })),
      { type: 'confirmAge' },
      { type: 'verifyAlert', alertId: 'alert-1' },
      ...overrideReasons.map((reason) => ({ type: 'overridePrice', lineId: 'cart-7-line3', price: 0, reason })),
      { type: 'lockCart', detail: 'held by staff' },
      { type: 'unlockCart' },
      { type: 'requestPairingCode' },
    ];
    for (const intent of good) expect(staffIntentSchema.safeParse(intent).success, JSON.stringify(intent)).toBe(true);
  });

  it.each([
    ['a PIN too short', { type: 'staffSignIn', pin: '123' }],
    ['a PIN too long', { type: 'staffSignIn', pin: '123456789' }],
    ['a PIN with letters', { type: 'staffSignIn', pin: '12a4' }],
    ['a PIN as a number', { type: 'staffSignIn', pin: 2468 }],
    ['a PIN with a newline after it', { type: 'staffSignIn', pin: '2468\n' }],
    ['a weight under 100 g', { type: 'calibrateScale', knownMg: 99_999 }],
    ['a weight over 50 kg', { type: 'calibrateScale', knownMg: 50_000_001 }],
    ['a fractional weight', { type: 'calibrateScale', knownMg: 1_000_000.5 }],
    ['a negative price', { type: 'overridePrice', lineId: 'l1', price: -1, reason: 'damaged' }],
    ['a price in dollars', { type: 'overridePrice', lineId: 'l1', price: 2.5, reason: 'damaged' }],
    ['a reason not on the list', { type: 'overridePrice', lineId: 'l1', price: 250, reason: 'because' }],
    ['a line id with a slash', { type: 'overridePrice', lineId: '../l1', price: 250, reason: 'damaged' }],
    ['an empty lock detail', { type: 'lockCart', detail: '   ' }],
    ['an extra field (a staff id the screen made up)', { type: 'confirmAge', by: 'maria' }],
    ['an alert id too long', { type: 'verifyAlert', alertId: 'a'.repeat(65) }],
    ['an unknown type', { type: 'openTheDoors' }],
  ])('refuses %s', (_, intent) => {
    expect(staffIntentSchema.safeParse(intent).success).toBe(false);
  });

  it('keeps the shopper intents apart, and the screen set is both', () => {
    expect(intentSchema.safeParse({ type: 'confirmAge' }).success).toBe(false);
    expect(screenIntentSchema.safeParse({ type: 'confirmAge' }).success).toBe(true);
    expect(screenIntentSchema.safeParse({ type: 'scan', code: '4011' }).success).toBe(true);
    expect(screenIntentSchema.safeParse({ type: 'setBudget', limit: 4000 }).success).toBe(true);
    expect(screenIntentSchema.safeParse({ type: 'setBudget', limit: 40.5 }).success).toBe(false);
  });
});
