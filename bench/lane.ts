// `npm run bench -- lane [trips] [seed]`: exit-lane presence on the virtual BLE world. Carts that
// go through a lane (detection delay after crossing the lane's mouth; goal within 1 s, never the
// wrong lane) and carts that walk along the lanes' end without leaving (goal: zero false exits
// over 1000 trips). Four rules on the same packets: RSSI only (DEFAULT_PRESENCE_RULE), RSSI with
// the cart's lane-strip sensor (LANE_STRIP_PRESENCE_RULE: two strips per lane, a crossing carries
// no pole), the same with a switch for each pole in a store that lays its strips north up at odd
// lanes and south up at even ones (PARITY_STRIP_PRESENCE_RULE), and as the reference the naive
// rule "the strongest beacon's packet above -65 dBm means that lane".
import { seededRandom } from '../domain/common/random.js';
import { DEFAULT_PRESENCE_RULE, LANE_STRIP_PRESENCE_RULE, PARITY_STRIP_PRESENCE_RULE } from '../payments/common/lane/presence.js';
import { judge, runTrip, tripAlongLanes, tripThroughLane, type TripResult, type Trip } from '../test/payments/node/lane/lane-world.js';
import type { Benchmark } from './benchmark.js';
import { summarize } from './stats.js';

const NAIVE = { thresholdDbm: -65 };
const DEFAULT_SEED = 20261123;

interface Tally {
  readonly delays: number[];
  missed: number;
  wrongLane: number;
  falseExitsQueueing: number;
  falseExitsPassing: number;
  /** Trips through a lane where the cart's switch missed both strips. */
  switchMissed: number;
  /** ...and where it felt only one of the two. */
  switchMissedOne: number;
}

const tally = (): Tally => ({ delays: [], missed: 0, wrongLane: 0, falseExitsQueueing: 0, falseExitsPassing: 0, switchMissed: 0, switchMissedOne: 0 });

function count(t: Tally, trip: Trip, result: TripResult): void {
  const j = judge(trip, result);
  if (!trip.enters) {
    if (j.falseExit) t.falseExitsPassing++;
    return;
  }
  if (j.detectedAfterMs === undefined) t.missed++;
  else t.delays.push(j.detectedAfterMs);
  if (j.wrongLane) t.wrongLane++;
  if (j.falseExit) t.falseExitsQueueing++;
  if (result.crossings === 0) t.switchMissed++;
  if (result.crossings === 1) t.switchMissedOne++;
}

function figures(t: Tally, throughs: number) {
  const s = summarize(t.delays);
  return { p50: Math.round(s.p50), p95: Math.round(s.p95), max: Math.round(s.max), within1s: t.delays.filter((d) => d <= 1_000).length / throughs };
}

const bench: Benchmark = {
  summary: 'exit-lane presence: detection delay and false exits on the virtual BLE world, RSSI only, with the lane-strip sensor and with strips parted by pole, against a naive strongest-RSSI rule',
  async run(ctx) {
    const passes = Number(ctx.args[0] ?? 1000);
    const seed = Number(ctx.args[1] ?? DEFAULT_SEED);
    if (!(passes > 0)) throw new RangeError(`trips must be a positive number, not ${ctx.args[0]}`);
    if (!Number.isInteger(seed)) throw new RangeError(`the seed must be an integer, not ${ctx.args[1]}`);
    const throughs = Math.max(1, Math.round(passes / 2));
    const random = seededRandom(seed);
    // The strip sensors' misses come from their own generator, so the packets (and the RSSI-only
    // figures) are the same with or without them.
    const sensors = seededRandom(seed ^ 0x5717);
    const rule = tally();
    const strip = tally();
    const parity = tally();
    const naive = tally();
    // Each trip is drawn just before it runs (the packets of the first figures, Nov 2026).
    for (let i = 0; i < throughs + passes; i++) {
      const trip = i < throughs ? tripThroughLane(random, 0) : tripAlongLanes(random, 0);
      const result = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, naive: NAIVE, strip: { rules: [LANE_STRIP_PRESENCE_RULE, PARITY_STRIP_PRESENCE_RULE], random: sensors.fork() } });
      const [plainStrip, parityStrip] = result.strips as [TripResult, TripResult];
      count(rule, trip, result.presence);
      count(strip, trip, plainStrip);
      count(parity, trip, parityStrip);
      count(naive, trip, result.naive);
    }
    const line = (name: string, t: Tally) => {
      const f = figures(t, throughs);
      return `${name.padEnd(15)} detection p50 ${f.p50} ms  p95 ${f.p95} ms  max ${f.max} ms  within 1 s ${(f.within1s * 100).toFixed(1)} %  missed ${t.missed}  wrong lane ${t.wrongLane}  false exits walking ${t.falseExitsPassing} queueing ${t.falseExitsQueueing}`;
    };
    ctx.log(`seed ${seed}; trips through a lane: ${throughs}; along the lanes' end: ${passes}`);
    ctx.log(line('RSSI only', rule));
    ctx.log(`${line('with strips', strip)}  (the switch missed both strips ${strip.switchMissed} times, one of them ${strip.switchMissedOne} times)`);
    ctx.log(line('strips by pole', parity));
    ctx.log(line('naive rule', naive));
    const r = figures(rule, throughs);
    const s = figures(strip, throughs);
    const p = figures(parity, throughs);
    return {
      seed,
      throughTrips: throughs,
      passTrips: passes,
      detectP50Ms: r.p50,
      detectP95Ms: r.p95,
      detectMaxMs: r.max,
      detectedWithin1s: r.within1s,
      missed: rule.missed,
      wrongLane: rule.wrongLane,
      falseExitsPassing: rule.falseExitsPassing,
      falseExitsQueueing: rule.falseExitsQueueing,
      stripDetectP50Ms: s.p50,
      stripDetectP95Ms: s.p95,
      stripDetectMaxMs: s.max,
      stripDetectedWithin1s: s.within1s,
      stripMissed: strip.missed,
      stripWrongLane: strip.wrongLane,
      stripFalseExitsPassing: strip.falseExitsPassing,
      stripFalseExitsQueueing: strip.falseExitsQueueing,
      stripSwitchMissed: strip.switchMissed,
      stripSwitchMissedOne: strip.switchMissedOne,
      parityDetectP50Ms: p.p50,
      parityDetectP95Ms: p.p95,
      parityDetectMaxMs: p.max,
      parityDetectedWithin1s: p.within1s,
      parityMissed: parity.missed,
      parityWrongLane: parity.wrongLane,
      parityFalseExitsPassing: parity.falseExitsPassing,
      parityFalseExitsQueueing: parity.falseExitsQueueing,
      naiveDetectP50Ms: Math.round(summarize(naive.delays).p50),
      naiveWrongLane: naive.wrongLane,
      naiveFalseExitsPassing: naive.falseExitsPassing,
      naiveFalseExitsQueueing: naive.falseExitsQueueing,
    };
  },
};

export default bench;
