import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { LoginThrottle } from '../../../../store/node/server/login-throttle.js';

const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5, maxKeys: 10 };

describe('login throttle', () => {
  it('refuses an account after its limit until the oldest failure leaves the window', () => {
    const clock = new SimulatedClock(0);
    const throttle = new LoginThrottle(clock, limits);
    for (const t of [0, 10_000, 20_000]) {
      clock.advance(t - clock.now());
      throttle.failed('ana', 'a');
    }
    expect(throttle.retryAfter('ana', 'b')).toBe(40_000);
    clock.advance(40_000);
    expect(throttle.retryAfter('ana', 'b')).toBe(0);
  });

  it('counts an address across names, and forgets an account on success only', () => {
    const clock = new SimulatedClock(0);
    const throttle = new LoginThrottle(clock, limits);
    for (let i = 0; i < 5; i++) throttle.failed(`n${i}`, 'ip1');
    expect(throttle.retryAfter('fresh', 'ip1')).toBe(60_000);
    throttle.succeeded('n0');
    expect(throttle.retryAfter('fresh', 'ip1')).toBe(60_000);
    expect(throttle.retryAfter('fresh', 'ip2')).toBe(0);
  });

  it('remembers at most maxKeys, dropping the least recently failed', () => {
    const clock = new SimulatedClock(0);
    const throttle = new LoginThrottle(clock, limits);
    for (let i = 0; i < 100; i++) throttle.failed(`name${i}`, `ip${i}`);
    expect(throttle.trackedKeys).toBe(10);
  });
});
