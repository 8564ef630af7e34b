// Shapes of the fields people type, shared by the routes: names that can never be read as a
// path or carry control characters, staff login names, passwords.
import { z } from 'zod';

/** A staff login name: lower case letters, digits, . _ - (2-32), not starting with punctuation. */
export const staffName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'letters, digits, . _ - (2-32 characters, starting with a letter or digit)');

export const newPassword = z.string().min(12, 'at least 12 characters').max(200);

/** A name shown on a screen (cart, shopper): letters in any script, digits, spaces and . _ # ' - only. */
export const displayName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._#'-]*$/u, "letters, digits, spaces and . _ # ' - (starting with a letter or digit)");

/** Ids the store hands out (`cart_…`, `staff_…`). */
export const storeId = z.string().regex(/^[a-z]+_[A-Za-z0-9_-]{16,40}$/, 'an id the store issued');

export const idParams = z.strictObject({ id: storeId });
