// Where ids and secrets come from. Production draws from the operating system's CSPRNG; tests
// hand in a seeded source so every run issues the same tokens. Never the simulation Random
// (mulberry32): a session token from it could be predicted.
import { createHash, randomBytes } from 'node:crypto';

export interface SecureRandom {
  bytes(count: number): Uint8Array;
}

export const cryptoRandom: SecureRandom = { bytes: (count) => randomBytes(count) };

/** A new id: `prefix_` + 16 random bytes, base64url (no `/`, `.` or anything a path could use). */
export const newId = (random: SecureRandom, prefix: string): string => `${prefix}_${Buffer.from(random.bytes(16)).toString('base64url')}`;

/** A bearer secret: 32 random bytes, base64url. */
export const newSecret = (random: SecureRandom): string => Buffer.from(random.bytes(32)).toString('base64url');

/** What the database keeps of a secret: its SHA-256, so a copy of the database grants nothing. */
export const secretDigest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
