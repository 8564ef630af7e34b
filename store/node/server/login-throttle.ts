// Sign-in attempts counted per account and per client address over a sliding window on the
// injected clock, in the database so that restarting the store does not reset a guesser's count.
// Past the limit the key is refused until its oldest counted attempt leaves the window, so
// guessing a password costs hours, while a colleague's typo costs nothing. Every attempt is
// counted before the password is checked (attempts sent together cannot all pass the limit);
// a correct password then takes its own attempt back.
import type { Clock } from '../../../domain/common/clock.js';
import type { SqlDatabase } from '../storage/sql-database.js';
import { addressSubject, RateLimit } from './rate-limit.js';

export interface ThrottleLimits {
  readonly windowMs: number;
  readonly perAccount: number;
  readonly perAddress: number;
}

export const defaultThrottle: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 };

export class LoginThrottle {
  readonly #accounts: RateLimit;
  readonly #addresses: RateLimit;

  constructor(db: SqlDatabase, clock: Clock, limits: ThrottleLimits = defaultThrottle) {
    this.#accounts = new RateLimit(db, clock, { scope: 'login-account', windowMs: limits.windowMs, limit: limits.perAccount });
    this.#addresses = new RateLimit(db, clock, { scope: 'login-address', windowMs: limits.windowMs, limit: limits.perAddress });
  }

  /**
   * Counts a sign-in attempt (`attempt` is unique to it) for the account and the address.
   * Returns 0 when the password may be checked, or the milliseconds to wait (nothing counted).
   */
  async attempt(account: string, address: string, attempt: string): Promise<number> {
    const byAccount = await this.#accounts.take(account, attempt);
    if (byAccount > 0) return byAccount;
    const byAddress = await this.#addresses.take(addressSubject(address), attempt);
    if (byAddress > 0) await this.#accounts.withdraw(attempt);
    return byAddress;
  }

  /**
   * A correct password clears the account's count, and takes this attempt off the address's
   * (the rest stay: one good login must not launder a spray from the same address).
   */
  async succeeded(account: string, attempt: string): Promise<void> {
    await this.#accounts.clear(account);
    await this.#addresses.withdraw(attempt);
  }
}
