// The store's schema, one migration per release that changed it. Append-only: a migration that
// has shipped is never edited; a change is a new migration at the end.
import type { Migration } from '../migrations.js';
import { initialSchema } from './001-initial.js';
import { checkoutSchema } from './002-checkout.js';
import { lanesAndShopperPageSchema } from './003-lanes-shopper-page.js';
import { rateLimitSchema } from './004-rate-limits.js';
import { lanesMailRefundsSchema } from './005-lanes-mail-refunds.js';
import { tripSnapshotsSchema } from './006-trip-snapshots.js';
import { staffBadgesSchema } from './007-staff-badges.js';

export const storeMigrations: readonly Migration[] = [initialSchema, checkoutSchema, lanesAndShopperPageSchema, rateLimitSchema, lanesMailRefundsSchema, tripSnapshotsSchema, staffBadgesSchema];
