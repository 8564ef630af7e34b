import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { SANDBOX_METHODS, SandboxGateway } from '../../../../payments/node/gateway/sandbox.js';
import { SandboxFileError } from '../../../../payments/node/gateway/sandbox-state.js';
import { gatewayContract } from './contract.js';

gatewayContract('sandbox', async () => {
  const gateway = new SandboxGateway({ clock: new SimulatedClock(1_764_000_000_000) });
  return {
    gateway,
    methods: SANDBOX_METHODS,
    loseNextResponse: (operation) => gateway.injectFault(operation, 'lost-response'),
    close: async () => {},
  };
});

const dir = mkdtempSync(join(tmpdir(), 'tally-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox gateway', () => {
  const request = (paymentMethod: string, key = 'trip:s:authorise') => ({ idempotencyKey: key, amount: 1_234, currency: 'usd', paymentMethod });

  it('has a test method that needs one retry with the same key', async () => {
    const g = new SandboxGateway({ clock: new SimulatedClock(0) });
    const first = await g.authorise(request(SANDBOX_METHODS.retry));
    expect(first.ok ? undefined : first.error.kind).toBe('transient');
    expect(first.ok ? undefined : first.error.retryable).toBe(true);
    expect((await g.findByAuthoriseKey('trip:s:authorise')).ok && (await g.findByAuthoriseKey('trip:s:authorise'))).toMatchObject({ value: null });
    expect(await g.authorise(request(SANDBOX_METHODS.retry))).toMatchObject({ ok: true, value: { status: 'authorised' } });
  });

  it('has a test method that times out after holding the money', async () => {
    const g = new SandboxGateway({ clock: new SimulatedClock(0) });
    const first = await g.authorise(request(SANDBOX_METHODS.timeout));
    expect(first.ok ? undefined : first.error.kind).toBe('outcome-unknown');
    expect(await g.findByAuthoriseKey('trip:s:authorise')).toMatchObject({ ok: true, value: { status: 'authorised', authorisedAmount: 1_234 } });
  });

  it('refuses a payment method it does not know, saving nothing under the key', async () => {
    const g = new SandboxGateway({ clock: new SimulatedClock(0) });
    expect(await g.authorise(request('pm_card_visa'))).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('a request that never arrived did nothing', async () => {
    const g = new SandboxGateway({ clock: new SimulatedClock(0) });
    g.injectFault('authorise', 'lost-request');
    expect(await g.authorise(request(SANDBOX_METHODS.approve))).toMatchObject({ ok: false, error: { kind: 'outcome-unknown' } });
    expect(await g.findByAuthoriseKey('trip:s:authorise')).toEqual({ ok: true, value: null });
  });

  it('lets a hold lapse after 7 days, like an uncaptured PaymentIntent', async () => {
    const clock = new SimulatedClock(0);
    const g = new SandboxGateway({ clock });
    const p = await g.authorise(request(SANDBOX_METHODS.approve));
    if (!p.ok) throw p.error;
    clock.advance(7 * 24 * 3_600_000);
    expect(await g.capture({ idempotencyKey: 'c', paymentId: p.value.id, amount: 1 })).toMatchObject({ ok: false, error: { kind: 'wrong-state' } });
    expect(await g.retrieve(p.value.id)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('forgets idempotency keys after 24 hours', async () => {
    const clock = new SimulatedClock(0);
    const g = new SandboxGateway({ clock });
    const a = await g.authorise(request(SANDBOX_METHODS.decline));
    expect(a.ok).toBe(false);
    clock.advance(24 * 3_600_000 + 1);
    // The old decline is gone; the key now runs the new request.
    expect(await g.authorise({ ...request(SANDBOX_METHODS.approve), amount: 99 })).toMatchObject({ ok: true, value: { authorisedAmount: 99 } });
  });

  it('keeps its state in a JSON file across restarts', async () => {
    const file = join(dir, 'state.json');
    const clock = new SimulatedClock(0);
    const g1 = new SandboxGateway({ clock, file });
    const p = await g1.authorise(request(SANDBOX_METHODS.approve));
    if (!p.ok) throw p.error;
    const g2 = new SandboxGateway({ clock, file });
    expect(await g2.retrieve(p.value.id)).toEqual(p);
    expect(await g2.authorise(request(SANDBOX_METHODS.approve))).toEqual(p);
    expect(await g2.authorise({ ...request(SANDBOX_METHODS.approve), amount: 1 })).toMatchObject({ ok: false, error: { kind: 'idempotency-conflict' } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('refuses a damaged state file instead of starting empty', () => {
    const clock = new SimulatedClock(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"version": 1, "payments": 3}');
    expect(() => new SandboxGateway({ clock, file: bad })).toThrow(SandboxFileError);
    writeFileSync(bad, 'not json');
    expect(() => new SandboxGateway({ clock, file: bad })).toThrow(SandboxFileError);
  });
});
