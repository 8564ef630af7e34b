// `npm run bench -- lane [trips]`: exit-lane presence on the virtual BLE world. Carts that go
// through a lane (detection delay after crossing the lane's mouth; goal within 1 s, never the
// wrong lane) and carts that walk along the lanes' end without leaving (goal: zero false exits
// over 1000 trips). Reference in the same run, on the same packets: the naive rule "the
// strongest beacon's packet above -65 dBm means that lane".
import { seededRandom } from '../domain/common/random.js';
import { DEFAULT_PRESENCE_RULE } from '../payments/common/lane/presence.js';
import { judge, runTrip, tripAlongLanes, tripThroughLane } from '../test/payments/node/lane/lane-world.js';
import type { Benchmark } from './benchmark.js';
import { summarize } from './stats.js';

const NAIVE = { thresholdDbm: -65 };

const bench: Benchmark = {
  summary: 'exit-lane presence: detection delay and false exits on the virtual BLE world, against a naive strongest-RSSI rule',
  async run(ctx) {
    const passes = Number(ctx.args[0] ?? 1000);
    const throughs = Math.max(1, Math.round(passes / 2));
    if (!(passes > 0)) throw new RangeError(`trips must be a positive number, not ${ctx.args[0]}`);
    const random = seededRandom(20261123);
    const tally = () => ({ delays: [] as number[], missed: 0, wrongLane: 0, falseExits: 0 });
    const rule = tally();
    const naive = tally();
    for (let i = 0; i < throughs; i++) {
      const trip = tripThroughLane(random, 0);
      const result = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, naive: NAIVE });
      for (const [t, r] of [[rule, result.presence], [naive, result.naive]] as const) {
        const j = judge(trip, r);
        if (j.detectedAfterMs === undefined) t.missed++;
        else t.delays.push(j.detectedAfterMs);
        if (j.wrongLane) t.wrongLane++;
        if (j.falseExit) t.falseExits++;
      }
    }
    const passFalse = { rule: 0, naive: 0 };
    for (let i = 0; i < passes; i++) {
      const trip = tripAlongLanes(random, 0);
      const result = runTrip(trip, random.fork(), { presence: DEFAULT_PRESENCE_RULE, naive: NAIVE });
      if (judge(trip, result.presence).falseExit) passFalse.rule++;
      if (judge(trip, result.naive).falseExit) passFalse.naive++;
    }
    const s = summarize(rule.delays);
    const n = summarize(naive.delays);
    const within1s = rule.delays.filter((d) => d <= 1_000).length / throughs;
    ctx.log(`trips through a lane: ${throughs}; along the lanes' end: ${passes}`);
    ctx.log(`filtered rule  detection p50 ${s.p50.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  max ${s.max.toFixed(0)} ms  within 1 s ${(within1s * 100).toFixed(1)} %  missed ${rule.missed}  wrong lane ${rule.wrongLane}  false exits ${passFalse.rule + rule.falseExits}`);
    ctx.log(`naive rule     detection p50 ${n.p50.toFixed(0)} ms  p95 ${n.p95.toFixed(0)} ms  missed ${naive.missed}  wrong lane ${naive.wrongLane}  false exits ${passFalse.naive + naive.falseExits}`);
    return {
      throughTrips: throughs,
      passTrips: passes,
      detectP50Ms: Math.round(s.p50),
      detectP95Ms: Math.round(s.p95),
      detectMaxMs: Math.round(s.max),
      detectedWithin1s: within1s,
      missed: rule.missed,
      wrongLane: rule.wrongLane,
      falseExitsPassing: passFalse.rule,
      falseExitsQueueing: rule.falseExits,
      naiveDetectP50Ms: Math.round(n.p50),
      naiveWrongLane: naive.wrongLane,
      naiveFalseExitsPassing: passFalse.naive,
      naiveFalseExitsQueueing: naive.falseExits,
    };
  },
};

export default bench;
