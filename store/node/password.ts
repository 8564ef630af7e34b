// Staff passwords: scrypt (node:crypto) with a random salt, stored with its parameters so they
// can be raised later without breaking old hashes (a login with an older, cheaper hash rehashes
// it); compared in constant time.
import { scrypt, timingSafeEqual } from 'node:crypto';
import type { SecureRandom } from './secure-random.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. Memory is 128·N·r bytes. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's scrypt floor (Password Storage Cheat Sheet): N=2^17, r=8, p=1, 128 MiB per hash,
 * about 0.3-0.5 s on one core of the 2-core CI box. Logins are rare and throttled; tests inject
 * cheaper parameters through the server's options, never through this default.
 */
export const defaultScrypt: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Refuse to derive with parameters from a stored hash that would take more than 1 GiB. */
const MAX_MEMORY = 1024 * 1024 * 1024;

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

interface StoredHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseStored(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isSafeInteger(v) && v > 0)) return undefined;
  // A power of two above 1, within memory we are willing to spend: a tampered hash cannot make a login allocate gigabytes.
  if (params.N < 2 || (params.N & (params.N - 1)) !== 0 || 128 * params.N * params.r > MAX_MEMORY || params.p > 16) return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** False for a wrong password or an unreadable hash; never throws on either. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return parsed.hash.length === actual.length && timingSafeEqual(parsed.hash, actual);
}

/** True when a stored hash was made with less work than `target` asks for (or cannot be read): rehash it at the next good login. */
export function hashNeedsUpgrade(stored: string, target: ScryptParams): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < target.N || r < target.r || p < target.p;
}
