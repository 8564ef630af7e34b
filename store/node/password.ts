// Staff passwords: scrypt (node:crypto) with a random salt, stored with its parameters so they
// can be raised later without breaking old hashes; compared in constant time.
import { scrypt, timingSafeEqual } from 'node:crypto';
import type { SecureRandom } from './secure-random.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. 2^15 takes 0.15-0.2 s and 32 MiB on the 2-core CI box. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt floor is N=2^17 with r=8 at 128 MiB; 2^15 keeps a tablet login under 0.2 s on a 2-core box. */
export const defaultScrypt: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string, random: SecureRandom, params: ScryptParams = defaultScrypt): Promise<string> {
  const salt = Buffer.from(random.bytes(16));
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password or an unreadable hash; never throws on either. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
