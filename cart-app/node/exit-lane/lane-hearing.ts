// Which exit lane the cart is in, from the lane packets it hears. The cart is not told where the
// store's lane beacons are: a beacon belongs to the lane its frames name (the store checks the
// frame's MAC at checkout; a beacon that later claims another lane is not believed). Presence is
// payments/common/lane/presence.ts, unchanged. It needs the whole set of a lane's beacons (an
// unheard one counts as silence in the lane's level), so when a new beacon is heard the detector
// is built again and the last few seconds of packets replayed into it: no filter state is lost,
// and the replay itself never reports a change the cart already acted on.
import { DEFAULT_PRESENCE_RULE, LanePresence, type LaneSighting, type PresenceEvent, type PresenceRule, type StripPole } from '../../../payments/common/lane/presence.js';
import type { LanePacket } from './lane-radio.js';

/** The newest frame heard from a lane: what goes to the store as the lane's token. */
export interface HeardFrame {
  readonly laneId: number;
  readonly frameHex: string;
  readonly heardAt: number;
}

/** How long a lane's RSSI stays on the diagnostics panel after its last packet. */
const RSSI_SHOWN_MS = 2_000;

export class LaneHearing {
  readonly #rule: PresenceRule;
  readonly #beacons = new Map<string, number>();
  #presence: LanePresence | null = null;
  /** Packets (and strip crossings) still inside the detector's memory, oldest first, for a replay. */
  #recent: (LaneSighting | { readonly crossingAt: number; readonly pole?: StripPole; readonly atMs: number })[] = [];
  readonly #latest = new Map<number, HeardFrame>();
  readonly #rssi = new Map<number, { rssi: number; atMs: number }>();
  /** Packets from a known beacon naming another lane: not believed, counted for diagnostics. */
  #contradicted = 0;

  constructor(rule: PresenceRule = DEFAULT_PRESENCE_RULE) {
    this.#rule = rule;
  }

  /** The lane the cart is in, or null. */
  get lane(): number | null {
    return this.#presence?.lane ?? null;
  }

  get contradicted(): number {
    return this.#contradicted;
  }

  /** Feeds one packet; returns what changed. */
  hear(packet: LanePacket): PresenceEvent[] {
    const laneId = packet.frame.token.laneId;
    const known = this.#beacons.get(packet.address);
    if (known !== undefined && known !== laneId) {
      this.#contradicted++;
      return [];
    }
    const latest = this.#latest.get(laneId);
    if (!latest || packet.atMs >= latest.heardAt) this.#latest.set(laneId, { laneId, frameHex: packet.frameHex, heardAt: packet.atMs });
    const shown = this.#rssi.get(laneId);
    // The strongest beacon of the lane over the last moment, as a person would read a meter.
    if (!shown || packet.atMs - shown.atMs > this.#rule.windowMs || packet.rssi >= shown.rssi) this.#rssi.set(laneId, { rssi: packet.rssi, atMs: packet.atMs });
    const sighting = { beaconId: packet.address, rssi: packet.rssi, atMs: packet.atMs };
    this.#remember(sighting);
    if (known === undefined) {
      this.#beacons.set(packet.address, laneId);
      return this.#rebuild(packet.atMs);
    }
    return this.#presence?.observe(sighting) ?? [];
  }

  /**
   * The cart's strip sensor felt a lane's mouth at `atMs` (presence step 5; only rules with a
   * `crossing` part use it). Kept for a replay too: a crossing just before a new beacon is heard
   * still counts. `pole`: the strip's, from a cart with a switch for each pole.
   */
  crossing(atMs: number, pole?: StripPole): PresenceEvent[] {
    if (!Number.isFinite(atMs)) return [];
    this.#recent.push({ crossingAt: atMs, atMs, ...(pole ? { pole } : {}) });
    return this.#presence?.crossing(atMs, pole) ?? [];
  }

  /** Re-evaluates at `nowMs`, so silence is noticed (call it every 100 ms or so). */
  tick(nowMs: number): PresenceEvent[] {
    this.#forget(nowMs);
    return this.#presence?.tick(nowMs) ?? [];
  }

  /** The newest frame heard from `laneId`, if any. */
  latestFrame(laneId: number): HeardFrame | undefined {
    return this.#latest.get(laneId);
  }

  /** Each lane heard lately and its strongest recent RSSI, for staff diagnostics. */
  levels(nowMs: number): { laneId: number; rssi: number }[] {
    return [...this.#rssi]
      .filter(([, r]) => nowMs - r.atMs <= RSSI_SHOWN_MS)
      .map(([laneId, r]) => ({ laneId, rssi: r.rssi }))
      .sort((a, b) => a.laneId - b.laneId);
  }

  /**
   * How loud the loudest lane is now, dBm: for each lane the mean RSSI of its packets over the
   * rule's window (about the rule's own lane level, less its smoothing; a lone strong packet
   * does not make a lane near, as it does the diagnostics' meter), the highest of them; null
   * when no lane was heard in the window.
   */
  loudest(nowMs: number): number | null {
    const sums = new Map<number, { total: number; count: number }>();
    for (const s of this.#recent) {
      if ('crossingAt' in s || s.atMs > nowMs || nowMs - s.atMs > this.#rule.windowMs) continue;
      const laneId = this.#beacons.get(s.beaconId);
      if (laneId === undefined) continue;
      const sum = sums.get(laneId) ?? { total: 0, count: 0 };
      sums.set(laneId, { total: sum.total + s.rssi, count: sum.count + 1 });
    }
    let loudest: number | null = null;
    for (const { total, count } of sums.values()) loudest = Math.max(loudest ?? Number.NEGATIVE_INFINITY, total / count);
    return loudest;
  }

  #remember(sighting: LaneSighting): void {
    this.#recent.push(sighting);
    this.#forget(sighting.atMs);
  }

  #forget(nowMs: number): void {
    const keepMs = this.#rule.riseWindowMs + this.#rule.windowMs + this.#rule.dwellMs;
    let drop = 0;
    while (drop < this.#recent.length && (this.#recent[drop] as { atMs: number }).atMs < nowMs - keepMs) drop++;
    if (drop > 0) this.#recent = this.#recent.slice(drop);
  }

  /** A new beacon: a detector that knows it, brought up to date on the packets it would have seen. */
  #rebuild(nowMs: number): PresenceEvent[] {
    const before = this.lane;
    const presence = new LanePresence(this.#beacons, this.#rule);
    for (const s of this.#recent) {
      if ('crossingAt' in s) presence.crossing(s.crossingAt, s.pole);
      else presence.observe(s);
    }
    presence.tick(nowMs);
    this.#presence = presence;
    const after = presence.lane;
    if (after === before) return [];
    const events: PresenceEvent[] = [];
    if (before !== null) events.push({ type: 'left', laneId: before, atMs: nowMs });
    if (after !== null) events.push({ type: 'entered', laneId: after, atMs: nowMs });
    return events;
  }
}
