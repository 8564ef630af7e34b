// The login throttle and the rate limit under it, kept in the database: on every database.
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { LoginThrottle } from '../../../../store/node/server/login-throttle.js';
import { addressSubject, RateLimit } from '../../../../store/node/server/rate-limit.js';
import { bindings, openMigrated } from '../databases.js';

const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };

describe.each(bindings)('login throttle on $name', (binding) => {
  it('refuses an account after its limit until the oldest attempt leaves the window', async () => {
    const db = await openMigrated(binding);
    const clock = new SimulatedClock(0);
    const throttle = new LoginThrottle(db, clock, limits);
    for (const t of [0, 10_000, 20_000]) {
      clock.advance(t - clock.now());
      expect(await throttle.attempt('ana', 'a', `r${t}`)).toBe(0);
    }
    expect(await throttle.attempt('ana', 'b', 'r4')).toBe(40_000);
    clock.advance(39_999);
    expect(await throttle.attempt('ana', 'b', 'r5')).toBe(1);
    clock.advance(1);
    expect(await throttle.attempt('ana', 'b', 'r6')).toBe(0);
  });

  it('counts an address across names, and a good login takes back only its own attempt', async () => {
    const db = await openMigrated(binding);
    const clock = new SimulatedClock(0);
    const throttle = new LoginThrottle(db, clock, limits);
    for (let i = 0; i < 4; i++) expect(await throttle.attempt(`n${i}`, 'ip1', `r${i}`)).toBe(0);
    expect(await throttle.attempt('ben', 'ip1', 'good')).toBe(0);
    await throttle.succeeded('ben', 'good');
    expect(await throttle.attempt('fresh', 'ip1', 'r5')).toBe(0);
    expect(await throttle.attempt('fresh', 'ip1', 'r6')).toBe(60_000);
    // A refused attempt is not counted against its account either.
    expect(await throttle.attempt('fresh', 'ip2', 'r7')).toBe(0);
    expect(await throttle.attempt('fresh', 'ip2', 'r8')).toBe(0);
    expect(await throttle.attempt('fresh', 'ip2', 'r9')).toBe(60_000);
  });

  it('remembers attempts across a restart, and sweeps what left the window', async () => {
    const db = await openMigrated(binding);
    const clock = new SimulatedClock(0);
    const before = new LoginThrottle(db, clock, limits);
    for (let i = 0; i < 3; i++) await before.attempt('ana', `ip${i}`, `r${i}`);
    const after = new LoginThrottle(db, clock, limits);
    expect(await after.attempt('ana', 'ip9', 'r3')).toBe(60_000);
    clock.advance(60_000);
    expect(await after.attempt('other', 'ip9', 'r4')).toBe(0);
    const left = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM rate_events');
    expect(Number(left[0]?.n)).toBe(2);
  });

  it('lets only the limit through when attempts arrive together', async () => {
    const db = await openMigrated(binding);
    const limit = new RateLimit(db, new SimulatedClock(0), { scope: 'test', windowMs: 1000, limit: 4 });
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => limit.take('x', `r${i}`)));
    expect(waits.filter((w) => w === 0).length).toBeLessThanOrEqual(4);
    expect(waits.filter((w) => w > 0).every((w) => w === 1000)).toBe(true);
  });
});

describe('client address subjects', () => {
  it('counts IPv4 addresses whole and IPv6 by /64', () => {
    expect(addressSubject('10.1.2.3')).toBe('10.1.2.3');
    expect(addressSubject('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressSubject('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressSubject('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressSubject('::1')).toBe('0:0:0:0::/64');
  });
});
