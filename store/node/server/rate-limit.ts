// A sliding-window limit kept in the database, so a restart does not hand an attacker a fresh
// allowance: at most `limit` events per subject within `windowMs` on the injected clock. Past
// the limit the subject waits until its oldest counted event leaves the window.
import type { Clock } from '../../../domain/common/clock.js';
import { clearRateEvents, recentRateEvents, recordRateEvent, sweepRateEvents, withdrawRateEvents } from '../records/rate-events.js';
import type { SqlDatabase } from '../storage/sql-database.js';

export interface RateLimitRule {
  readonly scope: string;
  readonly windowMs: number;
  readonly limit: number;
}

export class RateLimit {
  #lastSweep = -Infinity;

  constructor(
    private readonly db: SqlDatabase,
    private readonly clock: Clock,
    readonly rule: RateLimitRule,
  ) {}

  /**
   * Counts one event for the subject, under `ref` (unique to this event, so it can be withdrawn),
   * unless that would pass the limit: then nothing is counted and the answer is how many
   * milliseconds until the subject may try again. Counting before checking means requests that
   * arrive together cannot all slip in under the limit.
   */
  async take(subject: string, ref: string): Promise<number> {
    const now = this.clock.now();
    const { scope, windowMs, limit } = this.rule;
    if (now - this.#lastSweep >= windowMs) {
      this.#lastSweep = now;
      await sweepRateEvents(this.db, scope, now - windowMs);
    }
    await recordRateEvent(this.db, { scope, subject, at: now, ref });
    const recent = await recentRateEvents(this.db, { scope, subject, since: now - windowMs, limit: limit + 1 });
    if (recent.length <= limit) return 0;
    await this.withdraw(ref);
    // This event is among the newest (stamped now); the others decide when a slot frees up.
    const others = [...recent];
    others.splice(others.indexOf(now), 1);
    return Math.max(1, (others[limit - 1] as number) + windowMs - now);
  }

  /** Forgets all of a subject's events. */
  clear(subject: string): Promise<void> {
    return clearRateEvents(this.db, this.rule.scope, subject);
  }

  /** Takes back one counted event. */
  withdraw(ref: string): Promise<void> {
    return withdrawRateEvents(this.db, this.rule.scope, ref);
  }
}

/**
 * The part of a client address that one party controls: an IPv4 address, or an IPv6 /64 (one
 * home or office gets a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function addressSubject(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const front = head === '' ? [] : head.split(':');
  const back = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back] : front;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
