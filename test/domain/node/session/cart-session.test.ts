import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import type { NewSessionEventInput } from '../../../../domain/common/session/events.js';
import { initialCartState } from '../../../../domain/common/session/state.js';
import { CartSession, type OpenedSession } from '../../../../domain/node/session/cart-session.js';
import { SessionLogCorrupted } from '../../../../domain/node/session/errors.js';
import { EventLog } from '../../../../domain/node/session/event-log.js';
import { pair, scanEach, scanWeighed, shopping, signIn, T0 } from '../../common/session/fixture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tally-cart-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const newFile = (): string => path.join(dir, `cart-${++fileNo}.log`);

function open(file: string, clock = new SimulatedClock(T0)): OpenedSession {
  const opened = CartSession.open(file, clock);
  if (!opened.ok) throw opened.error;
  return opened.value;
}

function recordAll(session: CartSession, intents: readonly NewSessionEventInput[]): void {
  for (const intent of intents) {
    const acked = session.record(intent);
    if (!acked.ok) throw acked.error;
  }
}

/** Writes raw records (stamped events or anything else) as a log, bypassing every check. */
function rawLog(file: string, records: readonly unknown[]): void {
  const opened = EventLog.open(file);
  if (!opened.ok) throw opened.error;
  for (const r of records) opened.value.log.append(r);
  opened.value.log.close();
}

describe('CartSession', () => {
  it('starts a new cart from an empty log', () => {
    const { session, warnings } = open(newFile());
    expect(session.state).toEqual(initialCartState);
    expect(warnings).toEqual([]);
    session.close();
  });

  it('stamps, writes and acknowledges an event, then updates the store', () => {
    const clock = new SimulatedClock(T0);
    const { session } = open(newFile(), clock);
    const seen: number[] = [];
    session.store.subscribe((s) => seen.push(s.lastSeq));
    clock.advance(1500);
    const acked = session.record(pair);
    expect(acked).toEqual({ ok: true, value: { seq: 1, at: T0 + 1500, ...pair } });
    expect(session.state.pairing).toEqual({ storeId: 'store-1', cartId: 'cart-7' });
    expect(seen).toEqual([1]);
    session.close();
  });

  it('writes nothing and changes nothing for an illegal or malformed event', () => {
    const file = newFile();
    const { session } = open(file);
    recordAll(session, [pair]);
    const size = statSync(file).size;
    const before = session.state;
    const illegal = session.record(scanEach('l1'));
    expect(!illegal.ok && illegal.error.code).toBe('wrong-state');
    const malformed = session.record({ ...scanEach('l1'), measure: { by: 'each', quantity: -1 } } as NewSessionEventInput);
    expect(!malformed.ok && malformed.error.code).toBe('invalid-event');
    const notAnEvent = session.record(null as unknown as NewSessionEventInput);
    expect(!notAnEvent.ok && notAnEvent.error.code).toBe('invalid-event');
    expect(session.state).toBe(before);
    expect(statSync(file).size).toBe(size);
    // The next good event still gets the next seq: refusals use up nothing.
    const next = session.record({ type: 'docked' });
    expect(next.ok && next.value.seq).toBe(2);
    session.close();
  });

  it('restores the same basket after a restart', () => {
    const file = newFile();
    const first = open(file).session;
    recordAll(first, [...shopping, scanEach('l1', 2), scanWeighed('l2'), { type: 'couponApplied', code: 'SAVE5' }, { type: 'weighed', stepId: 's1', deltaMg: 2_000_000, uncertaintyMg: 500 }]);
    const before = first.state;
    first.close();
    const second = open(file).session;
    expect(second.state).toEqual(before);
    expect(second.state.trip?.basket.map((l) => l.lineId)).toEqual(['l1', 'l2']);
    recordAll(second, [{ type: 'itemRemoved', lineId: 'l1' }]);
    expect(second.state.lastSeq).toBe(before.lastSeq + 1);
    second.close();
  });

  it('keeps the current trip\'s events from its sign-in on, also across a restart', () => {
    const file = newFile();
    const first = open(file).session;
    expect(first.tripEvents()).toEqual([]);
    recordAll(first, [pair, signIn('trip-1'), scanEach('l1'), { type: 'signedOut' }, signIn('trip-2', 'shopper-2'), scanEach('l2')]);
    const live = first.tripEvents();
    expect(live.map((e) => e.type)).toEqual(['signedIn', 'scanned']);
    expect(live[0]).toMatchObject({ tripId: 'trip-2' });
    first.close();
    // The store needs the whole trip's log to charge it: a cart that restarted mid-trip still has it.
    const second = open(file).session;
    expect(second.tripEvents()).toEqual(live);
    recordAll(second, [scanEach('l3')]);
    expect(second.tripEvents().map((e) => e.seq)).toEqual([...live.map((e) => e.seq), live.at(-1)!.seq + 1]);
    second.close();
  });

  it('holds the log time still when the wall clock steps back', () => {
    const clock = new SimulatedClock(T0 + 60_000);
    const file = newFile();
    const { session } = open(file, clock);
    recordAll(session, [pair]);
    session.close();
    const later = open(file, new SimulatedClock(T0)).session;
    const acked = later.record({ type: 'docked' });
    expect(acked.ok && acked.value.at).toBe(T0 + 60_000);
    later.close();
  });

  it('cuts a torn last event away with a warning and keeps the rest', () => {
    const file = newFile();
    const { session } = open(file);
    recordAll(session, [...shopping, scanEach('l1'), scanEach('l2')]);
    session.close();
    writeFileSync(file, readFileSync(file).subarray(0, statSync(file).size - 3));
    const reopened = open(file);
    expect(reopened.warnings).toMatchObject([{ kind: 'torn-tail' }]);
    expect(reopened.session.state.trip?.basket.map((l) => l.lineId)).toEqual(['l1']);
    reopened.session.close();
  });

  it.each([
    ['a record that is not an event', [{ seq: 1, at: T0, type: 'paired', storeId: 'store-1', cartId: 'c' }, { hello: 'world' }], 'record 2 is not a valid event'],
    ['a seq gap', [{ seq: 1, at: T0, ...pair }, { seq: 3, at: T0, type: 'docked' }], 'event 3 cannot follow'],
    ['time running backwards', [{ seq: 1, at: T0, ...pair }, { seq: 2, at: T0 - 1, type: 'docked' }], 'before the event before it'],
    ['an event that was never legal', [{ seq: 1, at: T0, ...scanEach('l1') }], 'event 1 cannot follow'],
  ])('stops with SessionLogCorrupted on %s, keeping the file', (_name, records, reason) => {
    const file = newFile();
    rawLog(file, records);
    const before = readFileSync(file);
    const opened = CartSession.open(file, new SimulatedClock(T0));
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error).toBeInstanceOf(SessionLogCorrupted);
    expect(opened.error.message).toContain(reason);
    expect(readFileSync(file)).toEqual(before);
  });
});
