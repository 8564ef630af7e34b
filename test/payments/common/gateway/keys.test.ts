import { describe, expect, it } from 'vitest';
import { tripKeys, TripKeyError } from '../../../../payments/common/gateway/keys.js';

describe('trip idempotency keys', () => {
  it('derives one stable key per step of the trip', () => {
    const k = tripKeys('T-2026_11');
    expect(k.authorise).toBe('trip:T-2026_11:authorise');
    expect(k.capture(1)).toBe('trip:T-2026_11:capture:1');
    expect(k.capture(2)).toBe('trip:T-2026_11:capture:2');
    expect(k.cancel).toBe('trip:T-2026_11:cancel');
    expect(k.refund(3)).toBe('trip:T-2026_11:refund:3');
    expect(tripKeys('T-2026_11').capture(1)).toBe(k.capture(1));
  });

  it('refuses trip ids and numbers that could collide or smuggle separators', () => {
    for (const bad of ['', 'a:b', 'a b', 'x'.repeat(101), 'é']) expect(() => tripKeys(bad)).toThrow(TripKeyError);
    const k = tripKeys('t');
    for (const n of [0, -1, 1.5, 1000, Number.NaN]) expect(() => k.capture(n)).toThrow(TripKeyError);
    expect(() => k.refund(0)).toThrow(TripKeyError);
  });
});
