// The owed checkouts on disk: kept across a reopen, counted for the cap, and a damaged file
// refused (its trips are money) rather than read as an empty list.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OwedCheckouts, type OwedCheckout } from '../../../../cart-app/node/exit-lane/owed-checkouts.js';
import { sortAnswer } from '../../../../cart-app/node/exit-lane/store-answer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const fileIn = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-owed-'));
  dirs.push(dir);
  return path.join(dir, 'owed.json');
};

const owed = (tripId: string, state: OwedCheckout['state'], cartTotal = 500): OwedCheckout => ({
  tripId,
  laneId: 3,
  laneFrame: 'ffff5401c502',
  heardAt: 1_000,
  events: [{ type: 'signedIn', tripId, shopperId: 'shopper-1', member: false, seq: 1, at: 1 }],
  cartTotal,
  state,
  ...(state === 'left' ? { leftAt: 1_000 } : {}),
});

describe('OwedCheckouts', () => {
  it('keeps what was put across a reopen, replaces by trip, counts only trips left for the cap', () => {
    const file = fileIn();
    const first = OwedCheckouts.open(file);
    if (!first.ok) throw first.error;
    expect(first.value.all).toEqual([]);
    expect(first.value.put(owed('t1', 'at-lane')).ok).toBe(true);
    expect(first.value.put(owed('t1', 'left', 700)).ok).toBe(true);
    expect(first.value.put(owed('t2', 'left', 300)).ok).toBe(true);
    expect(first.value.put(owed('t3', 'refused')).ok).toBe(true);
    const again = OwedCheckouts.open(file);
    if (!again.ok) throw again.error;
    expect(again.value.all.map((c) => [c.tripId, c.state])).toEqual([['t1', 'left'], ['t2', 'left'], ['t3', 'refused']]);
    expect(again.value.unsettled()).toEqual({ trips: 2, amount: 1_000 });
    expect(again.value.remove('t1').ok).toBe(true);
    expect(again.value.remove('nope').ok).toBe(true);
    expect(OwedCheckouts.open(file)).toMatchObject({ ok: true, value: { all: [expect.objectContaining({ tripId: 't2' }), expect.objectContaining({ tripId: 't3' })] } });
    // No temporary file is left beside it.
    expect(readdirSync(path.dirname(file))).toEqual(['owed.json']);
  });

  it('refuses a damaged file instead of forgetting the trips in it', () => {
    const file = fileIn();
    for (const text of ['{', '[]', JSON.stringify({ format: 'tally-owed-checkouts/1', checkouts: [{ ...owed('t1', 'left'), laneFrame: 'not hex' }] }), JSON.stringify({ format: 'tally-owed-checkouts/1', checkouts: [{ ...owed('t1', 'left'), events: [{ type: 'paid' }] }] })]) {
      writeFileSync(file, text);
      expect(OwedCheckouts.open(file)).toMatchObject({ ok: false, error: { kind: 'owed-file' } });
    }
  });

  it('says so when it cannot save', () => {
    const opened = OwedCheckouts.open(path.join(fileIn(), 'no-such-folder', 'owed.json'));
    if (!opened.ok) throw opened.error;
    expect(opened.value.put(owed('t1', 'left'))).toMatchObject({ ok: false, error: { kind: 'owed-file' } });
    expect(opened.value.all).toEqual([]);
  });
});

describe('sortAnswer', () => {
  const no = (code: string, status: number | null) => sortAnswer({ ok: false, error: { code, message: code, status } });
  it('retries until the store itself answers, and stops at a definite no', () => {
    expect(no('network', null)).toEqual({ kind: 'no-answer', unreachable: true, message: 'network' });
    expect(no('bad-answer', 502)).toMatchObject({ kind: 'no-answer', unreachable: true });
    expect(no('payment-pending', 503)).toMatchObject({ kind: 'no-answer', unreachable: false });
    expect(no('rate-limited', 429)).toMatchObject({ kind: 'no-answer', unreachable: false });
    expect(no('bad-answer', 200)).toMatchObject({ kind: 'no-answer', unreachable: false });
    expect(no('payment-failed', 402)).toEqual({ kind: 'refused', code: 'payment-failed', message: 'payment-failed' });
    expect(no('lane-token-refused', 403)).toMatchObject({ kind: 'refused' });
    expect(no('offline-cap-exceeded', 409)).toMatchObject({ kind: 'refused' });
  });
});
