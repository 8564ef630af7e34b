// Lane presence from noisy RSSI. The rule (docs/payments.md, "Lane presence"):
//
//   1. Filter: per beacon, the median of the packets heard in the last `windowMs` (drops the
//      single-packet fades and spikes of multipath), then an exponential moving average of that
//      median with time constant `smoothingMs` (smooths what the median lets through). A beacon
//      with no packet in the window reads as `floorDbm`. A lane's level is the mean of its
//      beacons' levels: shadowing (bodies, shelves, other carts) is independent per beacon and
//      lasts metres, which no filter over time removes, so averaging k beacons cuts it by about
//      sqrt(k). (Dropping each lane's weakest beacon was tried and measured worse.)
//   2. Candidate: the strongest lane is a candidate when its level is at least `enterDbm`, it
//      beats the second-strongest lane by at least `marginDb` (between two lanes neither wins by
//      the margin, so neighbours are never confused), AND it has risen by at least `riseDb` above
//      its lowest level of the last `riseWindowMs`. The rise is what tells a cart turning into
//      the lane (15-17 dB up over the last two metres) from one standing or creeping along the
//      lanes' end: shadowing lasts metres, so a cart that stops in front of a lane with a lucky
//      +7 dB keeps it for as long as it stands there, and a level threshold alone cannot tell it
//      from a cart inside the lane; but its level does not climb while it stands, and climbs by
//      only a few dB when it walks sideways into place.
//   3. Enter: a candidate becomes "in lane N" only after it has stayed the candidate for
//      `dwellMs`. Walking along the lanes' end passes each lane's mouth, where its beacon is
//      heard, but its level stays below `enterDbm` there, or not for long enough.
//   4. Leave (hysteresis): once in lane N, the cart stays there until N's level falls below
//      `leaveDbm` (well under `enterDbm`) for `leaveMs`, or another lane becomes the candidate
//      for `dwellMs`. A dip in the lane does not end a checkout.
//   5. Lane strip (carts with a strip sensor, `crossing`): each lane's mouth has a magnetic strip
//      across the floor, and the cart a magnetic switch under its frame that closes when it rolls
//      over one. A crossing says "this cart is at a lane's mouth now", which RSSI cannot say to
//      within a metre, but not which lane (every strip is alike): the strongest lane names it,
//      as soon as it is at least `crossing.enterDbm` and `crossing.marginDb` above the next
//      lane (or, whatever its level, `crossing.clearMarginDb` above it), within
//      `crossing.windowMs` of the crossing; no rise or dwell is needed. With a
//      `crossing.profile`, a lane is also named when every lane's level together fits "the cart
//      is at that lane's mouth" far better than any other lane (lane-profile.ts): the lanes
//      further out tell a shadowed own lane from a lucky neighbour. A cart that
//      never rolls over a strip (walking along the lanes' end, queueing, parked) can then only
//      enter by steps 2-3, which the strip rule makes stricter: they are the fallback for a
//      crossing the sensor missed. Each lane has two strips (mouth, and 35 cm in): a crossing in
//      a lane entered moments ago is its other strip and names nothing again. A crossing whose
//      window closes with no lane named is reported (`unnamed`), so the cart can say so.
//   6. Strip poles (`crossing.parityPoles`): in a store that lays odd lanes' strips north up and
//      even lanes' south up, a cart with a switch for each pole knows which of every other lane
//      it crossed into; step 5 then weighs only those lanes, and a neighbour, the one lane a
//      shadowed own lane can be mistaken for, is never named.
//
// Pure and clock-free: time comes from the sightings, the crossings and `tick`, so the cart
// and the tests drive it the same way.

import { laneByProfile, profileProblem, type LaneProfile } from './lane-profile.js';

export type { LaneProfile } from './lane-profile.js';

export interface LaneSighting {
  /** The beacon heard (its BLE address, say); beacons not in the lane map are ignored. */
  readonly beaconId: string;
  /** dBm as the scanner reports it. */
  readonly rssi: number;
  /** Epoch ms when it was heard. */
  readonly atMs: number;
}

export interface PresenceRule {
  /** What an unheard beacon counts as, dBm (about the scanner's sensitivity). */
  readonly floorDbm: number;
  readonly windowMs: number;
  readonly smoothingMs: number;
  readonly enterDbm: number;
  readonly leaveDbm: number;
  readonly marginDb: number;
  readonly dwellMs: number;
  readonly leaveMs: number;
  /** How far a lane's level must have risen above its lowest of the last `riseWindowMs`, dB (0: no rise needed). */
  readonly riseDb: number;
  readonly riseWindowMs: number;
  /** How a lane-strip crossing enters a lane (step 5); without it, `crossing` reports are ignored. */
  readonly crossing?: CrossingRule;
}

/** Step 5 of the rule: which lane a crossing of a lane-mouth strip enters. */
export interface CrossingRule {
  /** How long after a crossing the lane may still be named, ms. */
  readonly windowMs: number;
  /**
   * The named lane's level must be at least this, dBm: about what a cart at the lane's mouth
   * hears from it, and 8 dB above what it hears from a neighbour 2.5 m to the side.
   */
  readonly enterDbm: number;
  /** ...and this far above the second-strongest lane, dB (neighbours are never confused). */
  readonly marginDb: number;
  /**
   * A lane this far above every other is named whatever its level, dB: its beacons are
   * shadowed, but no neighbour is anywhere near it (the level floor guards against a neighbour
   * that leads by a few dB of luck).
   */
  readonly clearMarginDb: number;
  /**
   * What a cart on a lane's mouth hears from every lane: a lane whose profile fits the levels
   * far better than any other lane's is named too, whatever the tests above say.
   */
  readonly profile?: LaneProfile;
  /**
   * The store lays its strips north pole up at odd lane ids and south pole up at even ones, and
   * the cart has a switch for each pole (`laneStripPole`): a crossing then says which of every
   * other lane the cart is at, so a neighbour, the only lane whose level can pass for the own
   * lane's, is never a candidate. Lane ids must number the lanes in order along the store front.
   */
  readonly parityPoles?: boolean;
}

/** Which pole of a lane strip's magnet faces up; a cart with a switch for each pole feels which. */
export type StripPole = 'north' | 'south';

/**
 * The pole a lane's strips have under `CrossingRule.parityPoles`: north up at odd lane ids, south
 * up at even ones, so neighbouring lanes never share one (the virtual store front lays its strips
 * the same way: hardware/node/virtual-ble/store-front.ts).
 */
export function laneStripPole(laneId: number): StripPole {
  return Math.abs(laneId) % 2 === 1 ? 'north' : 'south';
}

/**
 * Tuned on the virtual BLE world (log-distance n = 2.7, 5 dB shadowing, 2 dB fading, 10 % loss),
 * trading detection speed against parked carts (docs/payments.md has the variants measured),
 * for lanes with four beacons each, at cart-antenna height on both sides of the lane 0.6 m and
 * 1.4 m inside its mouth; `npm run bench -- lane` measures it. Another installation needs its
 * own thresholds, measured the same way.
 */
export const DEFAULT_PRESENCE_RULE: PresenceRule = {
  floorDbm: -100,
  windowMs: 500,
  smoothingMs: 150,
  enterDbm: -63,
  leaveDbm: -75,
  marginDb: 3,
  dwellMs: 300,
  leaveMs: 1_500,
  riseDb: 9,
  riseWindowMs: 2_500,
};

/**
 * For carts with a lane-strip sensor, in stores with a strip across each lane's mouth (same
 * beacons as above). Crossings enter the lane within a few hundred ms; the RSSI-only steps, now
 * only the fallback for a missed crossing, need a higher level, a bigger rise and a longer dwell
 * than DEFAULT_PRESENCE_RULE, so a cart that never crosses a strip is not let through.
 */
export const LANE_STRIP_PRESENCE_RULE: PresenceRule = {
  ...DEFAULT_PRESENCE_RULE,
  enterDbm: -61,
  riseDb: 10,
  dwellMs: 400,
  crossing: {
    windowMs: 3_000,
    enterDbm: -62,
    marginDb: 4,
    clearMarginDb: 10,
    // The levels: the mean path loss (n = 2.7, -59 dBm at 1 m) from the centre of a lane's mouth
    // to the four beacons of that lane and of the lanes 1, 2 and 3 away (2.5 m apart); sigma:
    // 5 dB shadowing over four beacons. 8 is odds of about 3000 to 1. Within 1 s of the crossing
    // the cart is at most 1.3 m in, still about where the profile holds.
    profile: { levelsDbm: [-61, -70.5, -78, -83], floorDbm: -85, sigmaDb: 2.5, minLogOdds: 8, windowMs: 1_000 },
  },
};

/**
 * For carts with a switch for each pole of the strips, in stores that lay them north up at odd
 * lane ids and south up at even ones (`parityPoles`): LANE_STRIP_PRESENCE_RULE, with the pole of
 * each crossing ruling out the neighbouring lanes. Only for such stores: in a store whose strips
 * are all laid one way up, the pole would rule out the very lane the cart is in.
 */
export const PARITY_STRIP_PRESENCE_RULE: PresenceRule = {
  ...LANE_STRIP_PRESENCE_RULE,
  crossing: { ...(LANE_STRIP_PRESENCE_RULE.crossing as CrossingRule), parityPoles: true },
};

export type PresenceEvent =
  | { readonly type: 'entered'; readonly laneId: number; readonly atMs: number }
  | { readonly type: 'left'; readonly laneId: number; readonly atMs: number }
  /**
   * The cart, in no lane, rolled over a lane strip but no lane could be named within the
   * crossing's window: it is in a lane, but which one the beacons cannot say. Said once per
   * crossing, so that the cart can tell the shopper rather than wait in silence. (A cart backing
   * out of the lane it was in rolls over the strips too; that says nothing.)
   */
  | { readonly type: 'unnamed'; readonly atMs: number };

export class PresenceRuleError extends Error {
  override readonly name = 'PresenceRuleError';
  readonly kind = 'bad-presence-rule';
  constructor(detail: string) {
    super(`presence rule: ${detail}`);
  }
}

function checkRule(rule: PresenceRule): void {
  for (const key of ['windowMs', 'smoothingMs', 'dwellMs', 'leaveMs', 'marginDb', 'riseDb', 'riseWindowMs'] as const) {
    if (!Number.isFinite(rule[key]) || rule[key] < 0) throw new PresenceRuleError(`${key} must be a finite number >= 0, not ${rule[key]}`);
  }
  if (rule.windowMs === 0) throw new PresenceRuleError('windowMs must be above 0');
  if (![rule.enterDbm, rule.leaveDbm, rule.floorDbm].every(Number.isFinite)) throw new PresenceRuleError('enterDbm, leaveDbm and floorDbm must be finite');
  if (rule.leaveDbm > rule.enterDbm) throw new PresenceRuleError(`leaveDbm ${rule.leaveDbm} above enterDbm ${rule.enterDbm} leaves no hysteresis`);
  if (rule.crossing) {
    const c = rule.crossing;
    if (!(Number.isFinite(c.windowMs) && c.windowMs > 0)) throw new PresenceRuleError(`crossing.windowMs must be above 0, not ${c.windowMs}`);
    for (const key of ['marginDb', 'clearMarginDb'] as const) {
      if (!(Number.isFinite(c[key]) && c[key] >= 0)) throw new PresenceRuleError(`crossing.${key} must be a finite number >= 0, not ${c[key]}`);
    }
    if (!Number.isFinite(c.enterDbm)) throw new PresenceRuleError('crossing.enterDbm must be finite');
    const problem = c.profile ? profileProblem(c.profile) : null;
    if (problem) throw new PresenceRuleError(problem);
  }
}

/** One beacon's filter: median over a sliding window, then an EMA. */
class BeaconLevel {
  readonly #samples: { atMs: number; rssi: number }[] = [];
  #ema: number | undefined;
  #emaAt = 0;

  add(s: LaneSighting, rule: PresenceRule): void {
    this.#samples.push({ atMs: s.atMs, rssi: s.rssi });
    this.#expire(s.atMs, rule);
    const sorted = this.#samples.map((x) => x.rssi).sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    if (this.#ema === undefined) this.#ema = median;
    else {
      const alpha = rule.smoothingMs === 0 ? 1 : 1 - Math.exp(-Math.max(0, s.atMs - this.#emaAt) / rule.smoothingMs);
      this.#ema += alpha * (median - this.#ema);
    }
    this.#emaAt = s.atMs;
  }

  /** The filtered level, or the floor when nothing was heard within the window. */
  level(nowMs: number, rule: PresenceRule): number {
    this.#expire(nowMs, rule);
    if (this.#samples.length === 0) this.#ema = undefined;
    return this.#ema ?? rule.floorDbm;
  }

  #expire(nowMs: number, rule: PresenceRule): void {
    while (this.#samples.length > 0 && (this.#samples[0] as { atMs: number }).atMs <= nowMs - rule.windowMs) this.#samples.shift();
  }
}

/** Decides which exit lane, if any, the cart is in. */
export class LanePresence {
  readonly #rule: PresenceRule;
  /** Each lane's beacons' filters. */
  readonly #lanes = new Map<number, Map<string, BeaconLevel>>();
  readonly #laneOf = new Map<string, number>();
  #lane: number | null = null;
  #candidate: { laneId: number; sinceMs: number } | null = null;
  #weakSinceMs: number | null = null;
  #lastMs = Number.NEGATIVE_INFINITY;
  /** When the cart entered the lane it is in. */
  #enteredAtMs = Number.NEGATIVE_INFINITY;
  /** When the cart last rolled over a lane strip, until that crossing names a lane or expires. */
  #crossedAtMs: number | null = null;
  /** Which pole that strip had, when the cart's switches could tell. */
  #crossedPole: StripPole | null = null;
  /** Whether that crossing came while the cart was in no lane (one on its way out of a lane names nothing new). */
  #crossedFromOutside = false;
  /** A crossing's window has just closed with no lane named. */
  #unnamed = false;
  /**
   * Each lane's lowest level over the last `riseWindowMs`, kept as a sliding-window minimum: the
   * levels that could still become the lowest, oldest (and lowest) first.
   */
  readonly #lows = new Map<number, { atMs: number; level: number }[]>();

  /** `beacons`: which lane each exit-lane beacon belongs to, by beacon id. */
  constructor(beacons: ReadonlyMap<string, number>, rule: PresenceRule = DEFAULT_PRESENCE_RULE) {
    checkRule(rule);
    if (beacons.size === 0) throw new PresenceRuleError('no lane beacons to listen for');
    this.#rule = rule;
    for (const [beaconId, laneId] of beacons) {
      this.#laneOf.set(beaconId, laneId);
      let lane = this.#lanes.get(laneId);
      if (!lane) this.#lanes.set(laneId, (lane = new Map()));
      lane.set(beaconId, new BeaconLevel());
    }
  }

  /** The lane the cart is in, or null. */
  get lane(): number | null {
    return this.#lane;
  }

  /** Feeds one sighting of a lane beacon; returns what changed, if anything. */
  observe(s: LaneSighting): PresenceEvent[] {
    // Scanners deliver in time order; a late or bogus sample must not move time backwards.
    if (!Number.isFinite(s.rssi) || !Number.isFinite(s.atMs) || s.atMs < this.#lastMs) return [];
    const laneId = this.#laneOf.get(s.beaconId);
    if (laneId === undefined) return [];
    this.#lanes.get(laneId)?.get(s.beaconId)?.add(s, this.#rule);
    return this.tick(s.atMs);
  }

  /**
   * The cart's strip sensor closed at `atMs`: it is rolling over a lane's mouth. The sensor's
   * report may arrive a little after packets heard later (another wire); it still counts from
   * `atMs`. Ignored unless the rule has a `crossing` part. `pole`: which pole the strip had, from
   * a cart with a switch for each (used with `crossing.parityPoles`).
   */
  crossing(atMs: number, pole?: StripPole): PresenceEvent[] {
    const c = this.#rule.crossing;
    if (!c || !Number.isFinite(atMs)) return [];
    // In a lane entered moments ago, this is that lane's inner strip (or the mouth's, felt after
    // the beacons named the lane): the cart is where it was found to be, and naming a lane again
    // would only give a lucky neighbour a second chance.
    if (this.#lane !== null && atMs - this.#enteredAtMs <= c.windowMs) return this.tick(Math.max(atMs, this.#lastMs));
    this.#crossedAtMs = atMs;
    this.#crossedPole = pole ?? null;
    this.#crossedFromOutside = this.#lane === null;
    return this.tick(Math.max(atMs, this.#lastMs));
  }

  /** Re-evaluates at `nowMs` (call it on a timer too, so silence is noticed). */
  tick(nowMs: number): PresenceEvent[] {
    if (nowMs < this.#lastMs) return [];
    this.#lastMs = nowMs;
    const r = this.#rule;
    const ranked = [...this.#lanes].map(([laneId, beacons]) => ({ laneId, level: mean([...beacons.values()].map((b) => b.level(nowMs, r))) })).sort((a, b) => b.level - a.level);
    for (const { laneId, level } of ranked) {
      let lows = this.#lows.get(laneId);
      if (!lows) this.#lows.set(laneId, (lows = []));
      while (lows.length > 0 && (lows[lows.length - 1] as { level: number }).level >= level) lows.pop();
      lows.push({ atMs: nowMs, level });
      while ((lows[0] as { atMs: number }).atMs < nowMs - r.riseWindowMs) lows.shift();
    }
    const best = ranked[0];
    const second = ranked[1]?.level ?? r.floorDbm;
    const rise = best ? best.level - (this.#lows.get(best.laneId)?.[0]?.level ?? best.level) : 0;
    const candidate = best && best.level >= r.enterDbm && best.level - second >= r.marginDb && rise >= r.riseDb ? best.laneId : null;

    if (candidate === null) this.#candidate = null;
    else if (this.#candidate?.laneId !== candidate) this.#candidate = { laneId: candidate, sinceMs: nowMs };
    const settled = this.#crossedLane(nowMs, ranked) ?? (this.#candidate && nowMs - this.#candidate.sinceMs >= r.dwellMs ? this.#candidate.laneId : null);

    const events: PresenceEvent[] = [];
    if (this.#lane !== null) {
      const own = ranked.find((x) => x.laneId === this.#lane)?.level ?? r.floorDbm;
      if (own >= r.leaveDbm) this.#weakSinceMs = null;
      else this.#weakSinceMs ??= nowMs;
      const faded = this.#weakSinceMs !== null && nowMs - this.#weakSinceMs >= r.leaveMs;
      if (faded || (settled !== null && settled !== this.#lane)) {
        events.push({ type: 'left', laneId: this.#lane, atMs: nowMs });
        this.#lane = null;
        this.#weakSinceMs = null;
      }
    }
    if (this.#lane === null && settled !== null) {
      this.#lane = settled;
      this.#enteredAtMs = nowMs;
      events.push({ type: 'entered', laneId: settled, atMs: nowMs });
    }
    if (this.#unnamed && this.#lane === null) events.push({ type: 'unnamed', atMs: nowMs });
    this.#unnamed = false;
    return events;
  }

  /** The lane a recent strip crossing enters, once its beacons say which clearly enough (step 5). */
  #crossedLane(nowMs: number, ranked: readonly { laneId: number; level: number }[]): number | null {
    const c = this.#rule.crossing;
    if (!c || this.#crossedAtMs === null) return null;
    if (nowMs - this.#crossedAtMs > c.windowMs) {
      this.#crossedAtMs = null;
      this.#unnamed = this.#crossedFromOutside && this.#lane === null;
      return null;
    }
    // The strip's pole rules out every other lane, the neighbours among them.
    const pole = c.parityPoles ? this.#crossedPole : null;
    const possible = pole ? (laneId: number) => laneStripPole(laneId) === pole : () => true;
    const candidates = ranked.filter((x) => possible(x.laneId));
    const best = candidates[0];
    const lead = best ? best.level - (candidates[1]?.level ?? this.#rule.floorDbm) : 0;
    const nearMouth = c.profile && nowMs - this.#crossedAtMs <= c.profile.windowMs ? c.profile : null;
    const named = best && lead >= c.marginDb && (best.level >= c.enterDbm || lead >= c.clearMarginDb) ? best.laneId : nearMouth ? laneByProfile(new Map(ranked.map((x) => [x.laneId, x.level])), nearMouth, possible) : null;
    if (named === null) return null;
    this.#crossedAtMs = null;
    return named;
  }
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
