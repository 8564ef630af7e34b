// Staff intents on the cart runtime: badge PIN sign-in against salted hashes, the throttle on
// wrong PINs, the idle timeout on the injected clock, and every staff action going into the
// session log through its event, with the nasty cases (no sign-in, a removed line, prices that are
// negative, huge or above the shelf). The trip log a staff override leaves is then re-priced by
// the store, which charges the staff price.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CartRuntime, CartRuntimeOptions } from '../../../../cart-app/node/runtime/cart-runtime.js';
import { staffConfigSchema } from '../../../../cart-app/node/runtime/staff-session.js';
import { badgeOf, staffBadge, staffBadgeSchema } from '../../../../cart-app/node/runtime/staff-pin.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { err, ok } from '../../../../domain/common/result.js';
import { reprice } from '../../../../store/node/checkout/reprice.js';
import { tripBasket } from '../../../../store/node/checkout/trip-basket.js';
import type { StoredCatalog } from '../../../../store/node/records/catalog-versions.js';
import { demoCatalog, gtinOf } from '../../cart-fixture.js';
import { lee, maria, openStaffCart, type StaffCart } from './staff-cart.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});

const opened: StaffCart[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

function cart(extra: Partial<CartRuntimeOptions> = {}): StaffCart {
  const c = openStaffCart(catalog, extra);
  opened.push(c);
  return c;
}

const scan = (runtime: CartRuntime, sku: string) => {
  const done = runtime.dispatch({ type: 'scan', code: gtinOf(catalog, sku), symbology: 'UPC_A' });
  if (!done.ok) throw new Error(done.error.message);
  return runtime.trip?.basket.find((l) => l.sku === sku)?.lineId ?? 'missing';
};
const signIn = (runtime: CartRuntime, pin = '2468') => runtime.dispatch({ type: 'staffSignIn', pin });
const codeOf = (result: ReturnType<CartRuntime['dispatch']>) => (result.ok ? 'ok' : result.error.code);
const lastEvent = (runtime: CartRuntime) => runtime.tripEvents().at(-1);

describe('staff badge PINs', () => {
  it('keeps only a salted hash, and finds the badge a PIN belongs to', () => {
    expect(JSON.stringify(lee)).not.toContain('2468');
    expect(staffBadge('staff-lee', '2468').pinHash).not.toBe(lee.pinHash); // a fresh salt each time
    expect(badgeOf([lee, maria], '13579')?.staffId).toBe('maria');
    expect(badgeOf([lee, maria], '2469')).toBeUndefined();
    expect(staffBadgeSchema.safeParse({ ...lee, pinHash: 'zz' }).success).toBe(false);
    expect(staffBadgeSchema.safeParse({ staffId: 'lee', pin: '2468' }).success).toBe(false);
  });

  it('checks the staff section of a cart’s configuration: one badge per staff member, sane limits', () => {
    expect(staffConfigSchema.safeParse({ badges: [lee, maria], idleMs: 120_000 }).success).toBe(true);
    expect(staffConfigSchema.safeParse({ badges: [lee, { ...maria, staffId: 'staff-lee' }] }).success).toBe(false);
    expect(staffConfigSchema.safeParse({ badges: [lee], maxWrongPins: 0 }).success).toBe(false);
    expect(staffConfigSchema.safeParse({ badges: [lee], idleMs: 1 }).success).toBe(false);
  });
});

describe('staff intents on the runtime', () => {
  it('refuses every staff action without a staff sign-in, and records nothing', () => {
    const { runtime } = cart();
    const line = scan(runtime, 'wine-rose');
    const before = runtime.state.lastSeq;
    for (const intent of [
      { type: 'confirmAge' },
      { type: 'verifyAlert', alertId: 'alert-1' },
      { type: 'overridePrice', lineId: line, price: 1, reason: 'damaged' },
      { type: 'lockCart', detail: 'hold' },
      { type: 'unlockCart' },
      { type: 'calibrateScale', knownMg: 2_000_000 },
      { type: 'requestPairingCode' },
      { type: 'staffSignOut' },
    ]) {
      expect(codeOf(runtime.dispatch(intent)), intent.type).toBe('not-staff');
    }
    expect(runtime.state.lastSeq).toBe(before);
  });

  it('signs staff in with the right PIN only, and hands over from one staff member to another', () => {
    const { runtime } = cart();
    expect(codeOf(signIn(runtime, '1111'))).toBe('wrong-pin');
    expect(codeOf(signIn(runtime, '12ab'))).toBe('invalid-intent');
    expect(codeOf(signIn(runtime, '123456789'))).toBe('invalid-intent');
    expect(runtime.state.staff).toBeNull();
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.snapshot().staff).toMatchObject({ staffId: 'staff-lee', mode: 'assist' });
    expect(signIn(runtime, '13579').ok).toBe(true);
    expect(runtime.tripEvents().slice(-2).map((e) => e.type)).toEqual(['staffModeExited', 'staffModeEntered']);
    expect(runtime.state.staff?.staffId).toBe('maria');
    expect(runtime.dispatch({ type: 'staffSignOut' }).ok).toBe(true);
    expect(runtime.state.staff).toBeNull();
  });

  it('has no PIN at all when none is configured', () => {
    const { runtime } = cart({ staff: { badges: [] } });
    const refused = signIn(runtime);
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('No staff PINs') } });
    const { runtime: bare } = cart({ staff: undefined });
    expect(codeOf(signIn(bare))).toBe('wrong-pin');
  });

  it('locks the pad after a flood of wrong PINs, even against the right one, for longer each time', () => {
    const { runtime, clock, warnings } = cart();
    const before = runtime.state.lastSeq;
    for (let i = 0; i < 4; i++) expect(signIn(runtime, String(1000 + i)).ok).toBe(false);
    expect(signIn(runtime, '9999')).toMatchObject({ ok: false, error: { code: 'wrong-pin', message: expect.stringContaining('locked for 30 s') } });
    // The flood goes on; the right PIN does not get through while the pad is locked.
    for (let i = 0; i < 200; i++) expect(codeOf(signIn(runtime, String(2000 + i)))).toBe('wrong-pin');
    expect(codeOf(signIn(runtime))).toBe('wrong-pin');
    expect(runtime.state.lastSeq).toBe(before);
    expect(warnings).toEqual([expect.stringContaining('5 wrong staff PINs')]);
    clock.advance(30_000);
    for (let i = 0; i < 5; i++) signIn(runtime, '0000');
    expect(signIn(runtime)).toMatchObject({ ok: false, error: { message: expect.stringContaining('another 60 s') } });
    clock.advance(60_000);
    expect(signIn(runtime).ok).toBe(true);
  });

  it('ends an idle staff session on the injected clock; each staff action keeps it alive', () => {
    const { runtime, clock } = cart();
    scan(runtime, 'wine-rose');
    expect(signIn(runtime).ok).toBe(true);
    clock.advance(100_000);
    expect(runtime.dispatch({ type: 'lockCart', detail: 'held for a price check' }).ok).toBe(true);
    clock.advance(100_000);
    expect(runtime.state.staff).not.toBeNull();
    clock.advance(20_001);
    expect(runtime.state.staff).toBeNull();
    expect(lastEvent(runtime)?.type).toBe('staffModeExited');
    expect(codeOf(runtime.dispatch({ type: 'confirmAge' }))).toBe('not-staff');
  });

  it('records the age check, a verified alert, the staff hold and its release as session events', () => {
    const { runtime } = cart();
    const wine = scan(runtime, 'wine-rose');
    expect(runtime.record({ type: 'alertRaised', alertId: 'alert-cam', kind: 'item-mismatch', evidence: { lineIds: [wine] } }).ok).toBe(true);
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.dispatch({ type: 'confirmAge' }).ok).toBe(true);
    expect(lastEvent(runtime)).toMatchObject({ type: 'ageChecked', by: 'staff-lee' });
    expect(runtime.dispatch({ type: 'verifyAlert', alertId: 'alert-cam' }).ok).toBe(true);
    expect(lastEvent(runtime)).toMatchObject({ type: 'alertResolved', alertId: 'alert-cam', how: 'staff-verified', by: 'staff-lee' });
    expect(codeOf(runtime.dispatch({ type: 'verifyAlert', alertId: 'alert-cam' }))).toBe('refused');
    expect(codeOf(runtime.dispatch({ type: 'verifyAlert', alertId: 'alert-none' }))).toBe('refused');
    expect(codeOf(runtime.dispatch({ type: 'unlockCart' }))).toBe('refused');
    expect(runtime.dispatch({ type: 'lockCart', detail: 'held by staff from the cart screen' }).ok).toBe(true);
    expect(runtime.snapshot()).toMatchObject({ status: 'locked', locks: [{ reason: 'staff-hold' }] });
    expect(codeOf(runtime.dispatch({ type: 'lockCart', detail: 'again' }))).toBe('refused');
    expect(runtime.dispatch({ type: 'unlockCart' }).ok).toBe(true);
    expect(lastEvent(runtime)).toMatchObject({ type: 'unlocked', reason: 'staff-hold', by: 'staff-lee' });
    expect(runtime.snapshot().trip).toMatchObject({ ageCheckNeeded: null, ageCheckedBy: 'staff-lee', openAlerts: [] });
  });

  it('sets a line’s price, which the cart’s total and the store’s re-pricing both charge', () => {
    const { runtime } = cart();
    const wine = scan(runtime, 'wine-rose');
    scan(runtime, 'milk-whole-gallon');
    expect(runtime.snapshot().trip?.lines[0]?.total).toBe(1349); // 14.99 less the members' 10%
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.dispatch({ type: 'overridePrice', lineId: wine, price: 999, reason: 'shelf-price' }).ok).toBe(true);
    expect(lastEvent(runtime)).toMatchObject({ type: 'overrideApplied', by: 'staff-lee', lineId: wine, price: 999, reason: 'shelf-price' });
    const line = runtime.snapshot().trip?.lines[0];
    expect(line).toMatchObject({ unitPrice: 999, total: 999, override: { price: 999, reason: 'shelf-price' } });
    // The store replays the trip log the cart uploads and charges the same.
    const trip = tripBasket([...runtime.tripEvents()], { tripId: runtime.trip?.tripId ?? '', shopperId: 'ana' }).trip;
    const stored = { version: 1, document: {}, json: '', catalog } as unknown as StoredCatalog;
    const store = reprice({ catalog: stored, trip, member: true, couponUses: {}, now: Date.parse('2026-11-23T10:05:00Z') });
    expect(store.lines[0]).toMatchObject({ unitPrice: 999, total: 999, staffSet: { price: 999, replaced: 1499 } });
    expect(store.total).toBe(runtime.snapshot().trip?.total);
  });

  it('refuses an override on a removed line, and negative, fractional, huge or price-raising ones', () => {
    const { runtime } = cart();
    const wine = scan(runtime, 'wine-rose');
    const milk = scan(runtime, 'milk-whole-gallon');
    expect(runtime.dispatch({ type: 'removeLine', lineId: milk }).ok).toBe(true);
    expect(signIn(runtime).ok).toBe(true);
    const before = runtime.state.lastSeq;
    const override = (lineId: string, price: unknown) => codeOf(runtime.dispatch({ type: 'overridePrice', lineId, price, reason: 'damaged' }));
    expect(override(milk, 100)).toBe('unknown-line');
    expect(override('../../etc', 100)).toBe('invalid-intent');
    for (const price of [-1, 9.99, 100_000_001, Number.MAX_SAFE_INTEGER, '999', null]) expect(override(wine, price), String(price)).toBe('invalid-intent');
    expect(codeOf(runtime.dispatch({ type: 'overridePrice', lineId: wine, price: 999, reason: 'because' }))).toBe('invalid-intent');
    // Within the schema, but above the shelf price: a staff price only lowers one.
    expect(runtime.dispatch({ type: 'overridePrice', lineId: wine, price: 100_000_000, reason: 'manager' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('can only lower') } });
    // Under the shelf's 14.99 but above the 13.49 the members' promotion charges now.
    expect(runtime.dispatch({ type: 'overridePrice', lineId: wine, price: 1400, reason: 'damaged' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('raise the shopper') } });
    expect(runtime.state.lastSeq).toBe(before);
    expect(override(wine, 0)).toBe('ok');
  });

  it('shows no staff price where the pricing did not take it (a logged override above the shelf price)', () => {
    const { runtime } = cart();
    const wine = scan(runtime, 'wine-rose');
    // A scripted trip records staff events itself, past the screen's checks; the pricing still guards.
    expect(runtime.record({ type: 'staffModeEntered', staffId: 'staff-lee', mode: 'assist' }).ok).toBe(true);
    expect(runtime.record({ type: 'overrideApplied', by: 'staff-lee', lineId: wine, price: 5000, reason: 'manager' }).ok).toBe(true);
    expect(runtime.snapshot().trip?.lines[0]).toMatchObject({ unitPrice: 1499, total: 1349, override: null });
  });

  it('keeps a staff price to the units it was set for', () => {
    const { runtime } = cart();
    const wine = scan(runtime, 'wine-rose');
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.dispatch({ type: 'overridePrice', lineId: wine, price: 999, reason: 'damaged' }).ok).toBe(true);
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'wine-rose') }).ok).toBe(true);
    expect(runtime.snapshot().trip?.lines.map((l) => [l.measure, l.total])).toEqual([
      [{ kind: 'each', quantity: 1 }, 999],
      [{ kind: 'each', quantity: 1 }, 1349],
    ]);
    expect(codeOf(runtime.dispatch({ type: 'changeQuantity', lineId: wine, quantity: 5 }))).toBe('refused');
  });

  it('ends the staff session when a new shopper signs in, so the store can replay the new trip', () => {
    const { runtime } = cart();
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.startTrip().ok).toBe(true);
    expect(runtime.state.staff).toBeNull();
    expect(runtime.tripEvents()[0]?.type).toBe('signedIn');
  });

  it('calibrates the scale through the hardware link, and says why when there is none or it fails', async () => {
    const { runtime, clock } = cart();
    expect(signIn(runtime).ok).toBe(true);
    expect(runtime.dispatch({ type: 'calibrateScale', knownMg: 2_000_000 })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('no scale') } });
    const asked: number[] = [];
    let fail = true;
    runtime.attachScaleCalibrator((knownMg) => {
      asked.push(knownMg);
      return Promise.resolve(fail ? err({ message: 'the basket was not still' }) : ok({ calibratedAt: clock.now() }));
    });
    expect(runtime.dispatch({ type: 'calibrateScale', knownMg: 2_000_000 }).ok).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(runtime.snapshot().faults).toEqual([{ faultId: 'scale-calibration', code: 'calibration-failed', message: expect.stringContaining('not still') }]);
    fail = false;
    expect(runtime.dispatch({ type: 'calibrateScale', knownMg: 2_000_000 }).ok).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual([2_000_000, 2_000_000]);
    expect(runtime.snapshot().faults).toEqual([]);
    expect(runtime.snapshot().diagnostics?.scale?.calibratedAt).toBe(clock.now());
    expect(codeOf(runtime.dispatch({ type: 'calibrateScale', knownMg: 50 }))).toBe('invalid-intent');
  });

  it('asks the store for a pairing code and shows it to staff; without a store it says so', async () => {
    const { runtime } = cart({ pairingCodes: () => Promise.resolve(ok('K7QM-4TZP')) });
    expect(signIn(runtime).ok).toBe(true);
    const seen: (string | null | undefined)[] = [];
    runtime.subscribe((s) => seen.push(s.pairing?.code));
    expect(runtime.dispatch({ type: 'requestPairingCode' }).ok).toBe(true);
    await Promise.resolve();
    expect(runtime.snapshot().pairing).toEqual({ storeId: 'tally-market-demo', cartId: 'cart-7', code: 'K7QM-4TZP' });
    expect(seen).toEqual(['K7QM-4TZP']);
    const { runtime: offline } = cart();
    expect(signIn(offline).ok).toBe(true);
    expect(offline.dispatch({ type: 'requestPairingCode' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('not connected to a store') } });
  });

  it('passes what the cart’s parts report (diagnostics, suggestions) into the snapshot', () => {
    const { runtime } = cart();
    runtime.report({ diagnostics: { battery: { percent: 83, charging: false } }, suggestions: [] });
    expect(runtime.snapshot().diagnostics).toEqual({ battery: { percent: 83, charging: false } });
  });
});
