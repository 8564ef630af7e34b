// What every route module is handed: storage, time, randomness and the shared services.
import type { Clock } from '../../../domain/common/clock.js';
import type { CatalogService } from '../catalog-service.js';
import type { ScryptParams } from '../password.js';
import type { SecureRandom } from '../secure-random.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import type { CartAuth } from './cart-auth.js';
import type { Fleet } from './fleet.js';
import type { LoginThrottle } from './login-throttle.js';
import type { StaffAuth } from './staff-auth.js';

export interface StorePolicy {
  /** How long a staff session lasts (one shift). */
  readonly staffSessionMs: number;
  /** How long a pairing code on a cart's screen stays valid. */
  readonly pairingCodeMs: number;
  /** Pairing requests waiting at once; more are refused, so nobody can fill the approval list. */
  readonly maxPendingPairings: number;
  /** How long a shopper's sign-in QR code stays valid. */
  readonly signInTokenMs: number;
  /** How far a cart's request timestamp may be from the store's clock. */
  readonly cartClockSkewMs: number;
  /** Below this battery percentage a cart starts no trip. */
  readonly minTripBattery: number;
  /** A cart not heard from for this long shows as silent on the fleet board (six missed 5-second reports). */
  readonly silentAfterMs: number;
  /** Reports closer together than this are dropped, so one cart cannot flood the database. */
  readonly minReportIntervalMs: number;
  /** Send cookies with the Secure flag (behind HTTPS). */
  readonly secureCookies: boolean;
}

export const defaultPolicy: StorePolicy = {
  staffSessionMs: 10 * 60 * 60_000,
  pairingCodeMs: 10 * 60_000,
  maxPendingPairings: 20,
  signInTokenMs: 2 * 60_000,
  cartClockSkewMs: 2 * 60_000,
  minTripBattery: 15,
  silentAfterMs: 30_000,
  minReportIntervalMs: 1_000,
  secureCookies: false,
};

export interface StoreContext {
  readonly db: SqlDatabase;
  readonly clock: Clock;
  readonly random: SecureRandom;
  readonly scrypt: ScryptParams;
  readonly policy: StorePolicy;
  readonly catalog: CatalogService;
  readonly staffAuth: StaffAuth;
  readonly cartAuth: CartAuth;
  readonly throttle: LoginThrottle;
  readonly fleet: Fleet;
}
