// Every scenario the project ships, run the way `tally trip` runs it: through the emulated cart
// and a real store server on port 0. Each checks its scenario's key figures: what was charged,
// which alerts were raised and how each was resolved.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TripReport } from '../../../cart-app/node/trip/run-trip.js';
import { parseScenario, runScenarioFile } from '../../../cli/commands/trip.js';

const scenarios = path.resolve(import.meta.dirname, '../../../cart-app/scenarios');
const scratch = mkdtempSync(path.join(tmpdir(), 'tally-trip-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(name: string, store = true): Promise<TripReport> {
  const report = await runScenarioFile(path.join(scenarios, name), { store, wall: false });
  if (!report.ok) throw new Error(report.error);
  return report.value;
}

const alertsOf = (r: TripReport): [string, string | null][] => r.alerts.map((a) => [a.kind, a.resolution?.how ?? null]);

describe('the shipped scenarios', () => {
  it('ships one file per scenario tested here, using every step kind between them', () => {
    const files = readdirSync(scenarios).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(['declined-card.json', 'forgot-to-scan.json', 'honest-member.json', 'staff-help.json']);
    const kinds = new Set<string>();
    for (const f of files) {
      const parsed = parseScenario(readFileSync(path.join(scenarios, f), 'utf8'), f);
      if (!parsed.ok) throw new Error(parsed.error);
      for (const s of parsed.value.steps) kinds.add(s.do === 'staff' ? `staff:${s.action}` : s.do);
    }
    expect([...kinds].sort()).toEqual(['add', 'budget', 'coupon', 'declare', 'lane', 'placeOnly', 'produce', 'push', 'remove', 'scanOnly', 'show', 'signIn', 'staff:ageCheck', 'staff:override', 'staff:verifyAlerts', 'wait'].sort());
  });

  it('honest member: every step accepted, no alerts, the store charges what the cart showed', async () => {
    const r = await run('honest-member.json');
    expect(r.steps.every((s) => s.ok)).toBe(true);
    expect(r.alerts).toEqual([]);
    expect(r.payment).toMatchObject({ status: 'paid', total: 2355, currency: 'usd', hold: { status: 'held', amount: 15_000 } });
    expect(r.receipt).toMatchObject({ pricedBy: 'store', total: 2355, subtotal: 2201, depositTotal: 30, tax: 124 });
    expect(r.receipt?.lines.map((l) => [l.sku, l.total])).toEqual([
      ['milk-arla-medium', 558],
      ['banana', 125],
      ['juice-bravo-apple', 319],
      ['beer-hazy-ipa-6', 1199],
    ]);
    expect(r.receipt?.promotions.map((p) => p.id)).toEqual(['juice-20-off']);
    expect(r.receipt?.coupons.rejected.map((c) => c.reason)).toEqual(['belowThreshold']);
    // Read by the real decoder from rendered labels.
    expect(r.steps.filter((s) => s.read).map((s) => s.read?.format)).toEqual(['QR_CODE', 'EAN_13', 'EAN_13', 'EAN_13', 'UPC_A', 'QR_CODE']);
    expect(r.review).toBe(false);
  });

  it('forgetful shopper: both alerts resolve themselves (scanned, removed) and the trip is paid', async () => {
    const r = await run('forgot-to-scan.json');
    expect(alertsOf(r)).toEqual([
      ['unscanned-item', 'scanned'],
      ['not-placed', 'removed'],
    ]);
    // Raised only after the grace period.
    expect(r.alerts[0]?.raisedAt).toBeGreaterThan((r.steps.find((s) => s.do === 'placeOnly')?.at ?? 0) + 12_000);
    expect(r.payment).toMatchObject({ status: 'paid', total: 603 });
    expect(r.review).toBe(false);
  });

  it('staff help: deli and GS1 labels read, the unscanned bag is let stand by staff, and the trip is paid', async () => {
    const r = await run('staff-help.json');
    expect(r.steps.find((s) => s.read?.format === 'CODE_128')?.read?.text).toBe(']C10100894512100057');
    expect(alertsOf(r)).toEqual([['unscanned-item', 'staff-verified']]);
    expect(r.alerts[0]?.resolution?.by).toBe('staff-lee');
    expect(r.steps.every((s) => s.ok)).toBe(true);
    expect(r.payment.status).toBe('paid');
    expect(r.payment.status === 'paid' && r.payment.total).toBe(r.receipt?.total);
    expect(r.receipt?.lines.map((l) => l.sku)).toEqual(['deli-turkey-breast', 'milk-whole-gallon', 'wine-rose']);
    expect(r.receipt?.lines[0]?.total).toBe(649);
    // Staff set the torn-label wine to 9.99: that is its price (not 14.99 less the members' 10%,
    // 13.49), on the cart's receipt and in what the store charged.
    const wine = r.receipt?.lines.find((l) => l.sku === 'wine-rose');
    expect(wine).toMatchObject({ unitPrice: 999, regularTotal: 999, total: 999, savings: [], staffSet: { price: 999, replaced: 1499 } });
  });

  it('declined card: no hold at sign-in, and the lane refuses the charge with the gateway\'s reason', async () => {
    const r = await run('declined-card.json');
    expect(r.payment).toMatchObject({ status: 'refused', hold: { status: 'refused' } });
    expect(r.payment.status === 'refused' && r.payment.reason).toMatch(/declined/);
    expect(r.receipt).toMatchObject({ pricedBy: 'cart', total: 154 });
    expect(r.steps.at(-1)).toMatchObject({ do: 'lane', ok: false });
  });

  it('gives the same report twice, and prices without a store when told', async () => {
    const [a, b] = [await run('forgot-to-scan.json', false), await run('forgot-to-scan.json', false)];
    expect(a).toEqual(b);
    expect(a.payment).toMatchObject({ status: 'not-attempted', reason: expect.stringContaining('--no-store') });
    expect(a.receipt).toMatchObject({ pricedBy: 'cart', total: 603 });
  });

  it('refuses a scenario that is not one, naming every problem by path', async () => {
    const file = path.join(scratch, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: '', shopper: { paymentMethod: '4242424242424242' }, steps: [{ do: 'add' }, { do: 'fly' }, { do: 'show' }] }));
    const report = await runScenarioFile(file, { store: false, wall: false });
    expect(report.ok).toBe(false);
    const message = report.ok ? '' : report.error;
    for (const where of ['name', 'shopper.paymentMethod', 'steps.0', 'steps.1', 'steps.2']) expect(message).toContain(`  ${where}`);
    writeFileSync(file, '{ not json');
    expect(await runScenarioFile(file, { store: false, wall: false })).toMatchObject({ ok: false, error: expect.stringContaining('is not JSON') });
    expect(await runScenarioFile(path.join(scratch, 'missing.json'), { store: false, wall: false })).toMatchObject({ ok: false, error: expect.stringContaining('cannot read') });
  });

  it('stops with a clear error on a product the catalog does not have', async () => {
    const file = path.join(scratch, 'unknown.json');
    writeFileSync(file, JSON.stringify({ name: 'unknown', steps: [{ do: 'signIn' }, { do: 'add', sku: 'unicorn-milk' }] }));
    expect(await runScenarioFile(file, { store: false, wall: false })).toMatchObject({ ok: false, error: expect.stringContaining('unicorn-milk') });
  });
});
