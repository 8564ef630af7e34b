import { describe, expect, it } from 'vitest';
import { newSessionEventSchema, parseNewSessionEvent, parseSessionEvent } from '../../../../domain/common/session/events.js';
import { scanEach, scanWeighed, T0 } from './fixture.js';

const problem = (input: unknown): string => {
  const parsed = parseNewSessionEvent(input);
  if (parsed.ok) throw new Error(`${JSON.stringify(input)} was accepted`);
  expect(parsed.error.code).toBe('invalid-event');
  return parsed.error.message;
};

describe('event schemas', () => {
  it('accepts a scan by count and by weight, and fills an alert evidence', () => {
    expect(parseNewSessionEvent(scanEach('l1', 2)).ok).toBe(true);
    expect(parseNewSessionEvent(scanWeighed('l2')).ok).toBe(true);
    const alert = parseNewSessionEvent({ type: 'alertRaised', alertId: 'a1', kind: 'weight-mismatch', evidence: { stepIds: ['s1'] } });
    expect(alert.ok && alert.value).toMatchObject({ evidence: { stepIds: ['s1'], lineIds: [], skus: [], note: '' } });
  });

  it.each([
    ['not an object', null, '(unknown)'],
    ['an array', [], '(unknown)'],
    ['an unknown type', { type: 'teleported' }, 'teleported'],
    ['a missing field', { type: 'signedIn', tripId: 't', shopperId: 's' }, 'member'],
    ['an extra field', { ...scanEach('l1'), price: 5 }, 'price'],
    ['a fractional quantity', scanEach('l1', 1.5), 'measure.quantity'],
    ['a zero quantity', scanEach('l1', 0), 'measure.quantity'],
    ['both a count and a weight', { ...scanEach('l1'), measure: { by: 'each', quantity: 1, netMg: 5 } }, 'measure'],
    ['a weight in fractional milligrams', scanWeighed('l1', 0.5), 'measure.netMg'],
    ['a label price in dollars', { ...scanWeighed('l1'), labelPrice: 3.49 }, 'labelPrice'],
    ['a negative total', { type: 'paid', receiptId: 'r', total: -1 }, 'total'],
    ['a zero weight step', { type: 'weighed', stepId: 's', deltaMg: 0, uncertaintyMg: 1 }, 'deltaMg'],
    ['an unknown symbology', { ...scanEach('l1'), symbology: 'morse' }, 'symbology'],
    ['an empty code', { ...scanEach('l1'), code: '' }, 'code'],
    ['a huge code', { ...scanEach('l1'), code: '9'.repeat(513) }, 'code'],
    ['an id with a slash', { ...scanEach('../etc') }, 'lineId'],
    ['an unknown lock reason', { type: 'locked', reason: 'bored', detail: '' }, 'reason'],
    ['a lowercase coupon', { type: 'couponApplied', code: 'save5' }, 'code'],
  ])('refuses %s, naming the field', (_name, input, field) => {
    expect(problem(input)).toContain(field);
  });

  it('keeps stamps out of new events', () => {
    expect(problem({ ...scanEach('l1'), seq: 1, at: T0 })).toContain('seq');
  });
});

describe('parseSessionEvent (events read back from the log)', () => {
  const stored = { seq: 3, at: T0, ...newSessionEventSchema.parse(scanEach('l1')) };

  it('reads a stamped event back as it was written', () => {
    expect(parseSessionEvent(JSON.parse(JSON.stringify(stored)))).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['no seq', { ...stored, seq: undefined }],
    ['seq 0', { ...stored, seq: 0 }],
    ['a fractional seq', { ...stored, seq: 1.5 }],
    ['a negative time', { ...stored, at: -1 }],
    ['a string time', { ...stored, at: '2026-01-01' }],
    ['a bad body', { ...stored, sku: '' }],
    ['a number', 42],
  ])('refuses %s', (_name, input) => {
    const parsed = parseSessionEvent(input);
    expect(!parsed.ok && parsed.error.code).toBe('invalid-event');
  });
});
