// A staff badge's QR: what the store prints on a staff member's badge and the cart's camera reads.
// The prefix tells a badge apart from a barcode or a shopper's sign-in code; the rest is the
// store's random secret (32 bytes, base64url), which the store keeps only as a hash.
import { z } from 'zod';

export const STAFF_BADGE_PREFIX = 'TALLY-STAFF:';

export const staffBadgeTextSchema = z.string().regex(/^TALLY-STAFF:[A-Za-z0-9_-]{43}$/, 'a staff badge: TALLY-STAFF: and 43 letters, digits, _ or -');

/** Whether a code the camera read is meant as a staff badge (well-formed or not). */
export const looksLikeStaffBadge = (text: string): boolean => text.startsWith(STAFF_BADGE_PREFIX);
