// `npm run bench -- session [--dir DIR]`: recording one event in the cart session (check it,
// append it, flush it to disk, update the store) with fsync, against the same without fsync as
// the reference: the difference is what durability costs per scan. Then replaying a
// 10,000-event log, which is what a cart does when it restarts.
//
// The log goes in a fresh folder under DIR (default: the OS temp folder). Run it with --dir on
// the disk the cart's log will live on: flushing costs what that disk makes it cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimulatedClock } from '../domain/common/clock.js';
import type { NewSessionEventInput } from '../domain/common/session/events.js';
import { applyEvent } from '../domain/common/session/state.js';
import { CartSession } from '../domain/node/session/cart-session.js';
import { EventLog, type EventLogOptions } from '../domain/node/session/event-log.js';
import type { Benchmark } from './benchmark.js';
import { line, summarize, timeEach, type Summary } from './stats.js';

const BASKET_LINES = 60;
const APPENDS = 400;
const REPLAY_EVENTS = 10_000;
const REPLAYS = 10;

const scan = (lineId: string, n: number): NewSessionEventInput => ({
  type: 'scanned',
  lineId,
  code: `0${String(894512000000 + n).padStart(12, '0')}`,
  symbology: 'ean-13',
  sku: `sku-${n % 150}`,
  measure: { by: 'each', quantity: 1 + (n % 3) },
});

function openSession(file: string, clock: SimulatedClock, options: EventLogOptions): CartSession {
  const opened = CartSession.open(file, clock, options);
  if (!opened.ok) throw opened.error;
  return opened.value.session;
}

function mustRecord(session: CartSession, intent: NewSessionEventInput): void {
  const acked = session.record(intent);
  if (!acked.ok) throw acked.error;
}

/**
 * A shopper mid-trip with a 60-line basket; then times scanning one more item and unscanning
 * it, alternately, so the basket stays the size of a big real one.
 */
function timeRecording(dir: string, name: string, options: EventLogOptions): number[] {
  const clock = new SimulatedClock(1_767_225_600_000);
  const session = openSession(path.join(dir, `${name}.log`), clock, options);
  mustRecord(session, { type: 'paired', storeId: 'store-1', cartId: 'cart-1' });
  mustRecord(session, { type: 'signedIn', tripId: 'trip-1', shopperId: 'shopper-1', member: true });
  for (let n = 0; n < BASKET_LINES; n++) mustRecord(session, scan(`line-${n}`, n));
  const samples = timeEach((i) => {
    clock.advance(700);
    mustRecord(session, i % 2 === 0 ? scan(`extra-${i}`, i) : { type: 'itemRemoved', lineId: `extra-${i - 1}` });
  }, APPENDS);
  session.close();
  return samples;
}

/** Whole trips, one after another, until the log holds `count` events. */
function writeTrips(file: string, count: number): void {
  const clock = new SimulatedClock(1_767_225_600_000);
  const session = openSession(file, clock, { flush: 'none' });
  const record = (intent: NewSessionEventInput): void => {
    clock.advance(1000);
    mustRecord(session, intent);
  };
  record({ type: 'paired', storeId: 'store-1', cartId: 'cart-1' });
  for (let trip = 0; session.state.lastSeq < count; trip++) {
    const left = (): number => count - session.state.lastSeq;
    record({ type: 'signedIn', tripId: `trip-${trip}`, shopperId: `shopper-${trip % 40}`, member: trip % 2 === 0 });
    for (let n = 0; n < 40 && left() > 4; n++) {
      record(scan(`line-${n}`, n + trip));
      if (left() > 4) record({ type: 'weighed', stepId: `step-${n}`, deltaMg: 350_000 + n * 1000, uncertaintyMg: 2000 });
    }
    if (left() >= 3) {
      record({ type: 'checkoutStarted', laneId: 'lane-1' });
      record({ type: 'paid', receiptId: `r-${trip}`, total: 4200 + trip });
    }
    if (left() >= 1) record({ type: 'signedOut' });
  }
  session.close();
}

function timeReplay(file: string): { open: Summary; read: Summary } {
  const read = timeEach(() => {
    const opened = EventLog.open(file);
    if (!opened.ok) throw opened.error;
    opened.value.log.close();
  }, REPLAYS, 2);
  const open = timeEach(() => openSession(file, new SimulatedClock(), {}).close(), REPLAYS, 2);
  return { open: summarize(open), read: summarize(read) };
}

const bench: Benchmark = {
  summary: `record an event (check, append, fsync, update the store) vs the same without fsync; replay a ${REPLAY_EVENTS}-event log`,
  async run(ctx) {
    const dirArg = ctx.args.indexOf('--dir');
    const parent = dirArg >= 0 ? (ctx.args[dirArg + 1] ?? tmpdir()) : tmpdir();
    const dir = mkdtempSync(path.join(parent, 'tally-bench-session-'));
    try {
      ctx.log(`log folder: ${dir}`);
      const synced = summarize(timeRecording(dir, 'fsync', { flush: 'fsync' }));
      const unsynced = summarize(timeRecording(dir, 'no-fsync', { flush: 'none' }));
      ctx.log(line('record + fsync', synced));
      ctx.log(line('record, no fsync (reference)', unsynced));

      // The reducer alone, for the state update's share of a record.
      const clock = new SimulatedClock(1_767_225_600_000);
      const session = openSession(path.join(dir, 'reducer.log'), clock, { flush: 'none' });
      mustRecord(session, { type: 'paired', storeId: 'store-1', cartId: 'cart-1' });
      mustRecord(session, { type: 'signedIn', tripId: 'trip-1', shopperId: 'shopper-1', member: true });
      for (let n = 0; n < BASKET_LINES; n++) mustRecord(session, scan(`line-${n}`, n));
      const state = session.state;
      session.close();
      const reducer = summarize(
        timeEach((i) => applyEvent(state, { type: 'scanned', lineId: `x-${i}`, code: '0894512000012', symbology: 'ean-13', sku: 'milk', measure: { by: 'each', quantity: 1 }, seq: state.lastSeq + 1, at: state.lastAt }), 20_000, 1000),
      );
      ctx.log(line('applyEvent alone (60-line basket)', reducer));

      const replayFile = path.join(dir, 'replay.log');
      writeTrips(replayFile, REPLAY_EVENTS);
      const replay = timeReplay(replayFile);
      ctx.log(line(`read ${REPLAY_EVENTS} records (CRC, JSON)`, replay.read));
      ctx.log(line(`open + replay ${REPLAY_EVENTS} events`, replay.open));
      const ratio = synced.p50 / unsynced.p50;
      ctx.log(`fsync costs ${ratio.toFixed(1)}x the unflushed record at p50 (${(synced.p50 - unsynced.p50).toFixed(3)} ms per event)`);

      return {
        record_fsync_p50_ms: synced.p50,
        record_fsync_p99_ms: synced.p99,
        record_nofsync_p50_ms: unsynced.p50,
        record_nofsync_p99_ms: unsynced.p99,
        fsync_vs_nofsync_p50_ratio: ratio,
        apply_event_p50_ms: reducer.p50,
        apply_event_p99_ms: reducer.p99,
        replay_events: REPLAY_EVENTS,
        replay_read_p50_ms: replay.read.p50,
        replay_open_p50_ms: replay.open.p50,
        replay_open_p99_ms: replay.open.p99,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
