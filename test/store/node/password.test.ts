import { describe, expect, it } from 'vitest';
import { defaultScrypt, hashNeedsUpgrade, hashPassword, verifyPassword } from '../../../store/node/password.js';
import { cheapScrypt, seededSecureRandom } from './test-store.js';

describe('staff password hashes', () => {
  it('uses OWASP’s scrypt floor by default (tests inject cheaper parameters)', () => {
    expect(defaultScrypt).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('verifies hashes made with older, cheaper parameters, and says they need an upgrade', async () => {
    const old = await hashPassword('correct horse battery', seededSecureRandom(1), { N: 512, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$512\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', old)).toBe(true);
    expect(await verifyPassword('correct horse battery!', old)).toBe(false);
    expect(hashNeedsUpgrade(old, cheapScrypt)).toBe(true);
    expect(hashNeedsUpgrade(old, { N: 512, r: 8, p: 1 })).toBe(false);
    expect(hashNeedsUpgrade(old, { N: 512, r: 8, p: 2 })).toBe(true);
  });

  it('refuses unreadable or tampered hashes without throwing or spending gigabytes', async () => {
    const good = await hashPassword('pw', seededSecureRandom(2), cheapScrypt);
    const [, , r, p, salt, key] = good.split('$');
    const forged = [
      '',
      'bcrypt$2b$10$abc',
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // not a power of two
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${key}`, // 1 TiB of memory
      `scrypt$1024$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$-1024$${r}$${p}$${salt}$${key}`,
      `scrypt$1024$${r}$${p}$$${key}`,
    ];
    for (const stored of forged) {
      expect(await verifyPassword('pw', stored), stored).toBe(false);
      expect(hashNeedsUpgrade(stored, cheapScrypt), stored).toBe(true);
    }
  });
});
