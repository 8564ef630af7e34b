// Failed logins counted per account and per client address over a sliding window on the
// injected clock. Past the limit the key is refused until its oldest failure leaves the window,
// so guessing a password costs hours, while a colleague's typo costs nothing.
import type { Clock } from '../../../domain/common/clock.js';

export interface ThrottleLimits {
  readonly windowMs: number;
  readonly perAccount: number;
  readonly perAddress: number;
  /** Keys remembered at most; a flood of made-up names cannot grow memory without bound. */
  readonly maxKeys: number;
}

export const defaultThrottle: ThrottleLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30, maxKeys: 50_000 };

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = defaultThrottle,
  ) {}

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Milliseconds until this account may try again from this address; 0 when it may now. */
  retryAfter(account: string, address: string): number {
    const now = this.clock.now();
    let wait = 0;
    for (const [key, limit] of [[`a:${account}`, this.limits.perAccount], [`ip:${address}`, this.limits.perAddress]] as const) {
      const recent = this.#recent(key, now);
      if (recent.length >= limit) wait = Math.max(wait, (recent[recent.length - limit] as number) + this.limits.windowMs - now);
    }
    return wait;
  }

  failed(account: string, address: string): void {
    const now = this.clock.now();
    for (const key of [`a:${account}`, `ip:${address}`]) {
      const recent = this.#recent(key, now);
      this.#failures.delete(key); // re-insert at the end: Map order is then oldest-touched first
      this.#failures.set(key, [...recent, now]);
    }
    while (this.#failures.size > this.limits.maxKeys) {
      const oldest = this.#failures.keys().next().value;
      if (oldest === undefined) break;
      this.#failures.delete(oldest);
    }
  }

  /** How many accounts and addresses are being counted (bounded by maxKeys). */
  get trackedKeys(): number {
    return this.#failures.size;
  }

  /** A correct password clears the account's count (not the address's: one good login must not launder a spray). */
  succeeded(account: string): void {
    this.#failures.delete(`a:${account}`);
  }
}
