// Staff badge PINs as the cart keeps them: never the PIN, only a salted scrypt hash per staff
// member, from the cart's configuration (there is no default PIN anywhere in the code). A PIN is
// short, so the hash alone would not stop someone holding the configuration; what stops guessing
// at the screen is the throttle in staff-session.ts.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes} bytes as lower-case hex`);

/** One staff member's badge PIN, as configured on the cart. */
export const staffBadgeSchema = z.strictObject({
  staffId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a staff id'),
  salt: hex(16),
  pinHash: hex(32),
});
export type StaffBadge = z.output<typeof staffBadgeSchema>;

/** scrypt's default cost (N = 2^14): tens of milliseconds a PIN, on a cart's CPU. */
const KEY_BYTES = 32;

function hashPin(pin: string, salt: string): Buffer {
  return scryptSync(pin, Buffer.from(salt, 'hex'), KEY_BYTES);
}

/** The configuration entry for a staff member's PIN (for `tally` set-up and tests); the salt is fresh unless given. */
export function staffBadge(staffId: string, pin: string, salt: string = randomBytes(16).toString('hex')): StaffBadge {
  return staffBadgeSchema.parse({ staffId, salt, pinHash: hashPin(pin, salt).toString('hex') });
}

/** The staff member whose PIN this is, if any. Every badge is checked, so the time taken says nothing about which matched. */
export function badgeOf(badges: readonly StaffBadge[], pin: string): StaffBadge | undefined {
  let found: StaffBadge | undefined;
  for (const badge of badges) {
    if (timingSafeEqual(hashPin(pin, badge.salt), Buffer.from(badge.pinHash, 'hex')) && !found) found = badge;
  }
  return found;
}
