// Staff mode on the touch UI in a real Chromium, driving the runtime's real staff intents over the
// socket: the badge PIN pad (a wrong PIN refused, the right one signing in), then age check,
// letting an alert stand, a hand-set price that the basket then charges, lock and unlock,
// diagnostics, scale calibration through the cart's scale link, and the pairing code the store
// hands out, whose QR is read back with the cart's own barcode decoder. Every staff action is
// checked in the session log, where the runtime recorded it. Hardware readings and recognition's
// suggestions reach the snapshot the way the cart's parts report them (`runtime.report`).
// Screenshots go to test-output/cart-app/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartDiagnostics, SnapshotSuggestion } from '../../../cart-app/common/ui-protocol/snapshot.js';
import type { CartRuntime } from '../../../cart-app/node/runtime/cart-runtime.js';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { ok } from '../../../domain/common/result.js';
import { createEngine } from '../../../vision/node/barcode/engines.js';
import { grayFromImageBytes } from '../../../vision/node/barcode/image-file.js';
import { demoCatalog, gtinOf } from '../cart-fixture.js';
import { openStaffCart, type StaffCart } from '../node/runtime/staff-cart.js';
import { hasChromium, openScreen, overflowing, smallTargets, type Screen } from './screen-fixture.js';

let catalog: Catalog;
let runtime: CartRuntime;
let clock: SimulatedClock;
let screen: Screen;
let page: Page;
let cart: StaffCart;
const calibrations: number[] = [];

const lineOf = (sku: string): string => runtime.snapshot().trip?.lines.find((l) => l.sku === sku)?.lineId ?? 'missing';
const staffTab = (name: string) => page.getByTestId('staff-screen').getByRole('tab', { name, exact: true }).click();
const lastEvent = () => runtime.tripEvents().at(-1);
/** Waits for the session log's last event to be `type` (the screen's intent is answered over the socket). */
async function logged(type: string): Promise<void> {
  await expect.poll(() => lastEvent()?.type).toBe(type);
}

/** A camera frame for the diagnostics thumbnail: a small SVG is enough for the screen. */
const frame = (fill: string): string =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 120"><rect width="160" height="120" fill="${fill}"/><rect x="40" y="30" width="80" height="60" fill="#fff"/></svg>`)}`;

/** What a cart's board, cameras, scale, beacons and battery report. */
const diagnostics: CartDiagnostics = {
  board: { connected: true, firmware: 'StandardFirmata 2.5', port: '/dev/ttyACM0' },
  cameras: [
    { id: 'left', ok: true, fps: 15, frame: frame('#2a6f97') },
    { id: 'right', ok: false, fps: null, frame: null },
  ],
  scale: { grossMg: 1_000_400, stable: true, calibratedAt: Date.parse('2026-11-20T08:00:00Z') },
  beacons: [
    { laneId: 'lane-2', rssi: -61 },
    { laneId: 'lane-3', rssi: -84 },
  ],
  battery: { percent: 83, charging: false },
};

function suggestions(): SnapshotSuggestion[] {
  const product = (sku: string, confidence: number): SnapshotSuggestion => {
    const p = catalog.bySku(sku);
    if (!p || p.soldBy !== 'weight') throw new Error(`${sku} is not weighed produce in the demo store`);
    return { sku, name: p.name, names: p.names ?? {}, plu: p.plu ?? null, price: p.price, per: p.per, confidence, picture: null };
  };
  return [product('banana', 0.81), product('mango', 0.08), product('apple-golden-delicious', 0.04)];
}

describe.skipIf(!hasChromium)('staff mode on the touch UI in Chromium', () => {
  beforeAll(async () => {
    catalog = await demoCatalog();
    // maria's PIN is 13579, configured as a salted hash; the store hands out K7QM-4TZP.
    cart = openStaffCart(catalog, { pairingCodes: () => Promise.resolve(ok('K7QM-4TZP')) });
    ({ runtime, clock } = cart);
    // The cart's scale link, as linkHardware attaches a scale that can calibrate.
    runtime.attachScaleCalibrator((knownMg) => {
      calibrations.push(knownMg);
      return Promise.resolve(ok({ calibratedAt: clock.now() }));
    });
    for (const sku of ['wine-rose', 'milk-whole-gallon']) expect(runtime.dispatch({ type: 'scan', code: gtinOf(catalog, sku), symbology: 'UPC_A' }).ok).toBe(true);
    screen = await openScreen(runtime);
    page = screen.page;
  });
  afterAll(async () => {
    await screen?.close();
    cart?.close();
  });

  const typePin = async (pin: string) => {
    const pad = page.getByTestId('staff-pin');
    for (const key of pin) await pad.getByRole('button', { name: key, exact: true }).click();
  };

  it('asks for the badge PIN on a big pad, shows it as dots, and says why a wrong PIN was not taken', async () => {
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const pad = page.getByTestId('staff-pin');
    await pad.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    expect(await pad.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await typePin('2469');
    expect(await pad.getByTestId('pin-dots').textContent()).toBe('••••');
    expect(await smallTargets(page)).toEqual([]);
    await screen.shot('10-staff-pin');
    const before = runtime.state.lastSeq;
    await pad.getByRole('button', { name: 'Sign in' }).click();
    // The runtime did not know the PIN: the pad stays, emptied, with the reason; nothing is logged.
    await pad.getByTestId('notice').getByText('That PIN is not a staff PIN of this store.').waitFor();
    expect(await pad.getByTestId('pin-dots').textContent()).toBe('—');
    expect(await page.getByTestId('staff-screen').count()).toBe(0);
    expect(runtime.state.lastSeq).toBe(before);
    await pad.getByRole('button', { name: 'Cancel' }).click();
    await pad.waitFor({ state: 'detached' });
  });

  it('signs the staff member in and shows the trip: age check, alerts, prices, lock', async () => {
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    await typePin('13579');
    await page.getByTestId('staff-pin').getByRole('button', { name: 'Sign in' }).click();
    const staff = page.getByTestId('staff-screen');
    await staff.getByText('Staff: maria').waitFor();
    expect(lastEvent()).toMatchObject({ type: 'staffModeEntered', staffId: 'maria', mode: 'assist' });
    await staff.getByText("Check the shopper's ID: 21+ for 1 item.").waitFor();
    // Loss prevention raises an alert the way the reconciler records one.
    expect(runtime.record({ type: 'alertRaised', alertId: 'alert-cam', kind: 'item-mismatch', evidence: { lineIds: [lineOf('wine-rose')], skus: ['wine-pinot-noir'] } }).ok).toBe(true);
    await staff.getByTestId('alert').getByText(`The cameras see ${catalog.bySku('wine-pinot-noir')?.name ?? '?'}, but ${catalog.bySku('wine-rose')?.name ?? '?'} was scanned.`).waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await smallTargets(page)).toEqual([]);
    await screen.shot('11-staff-trip');

    await staff.getByRole('button', { name: 'Checked: let it stand' }).click();
    await staff.getByText('No open alerts').waitFor();
    expect(lastEvent()).toMatchObject({ type: 'alertResolved', alertId: 'alert-cam', how: 'staff-verified', by: 'maria' });

    await staff.getByRole('button', { name: 'ID checked: 21+' }).click();
    await staff.getByText('ID checked by maria.').waitFor();
    expect(lastEvent()).toMatchObject({ type: 'ageChecked', by: 'maria' });

    await staff.getByRole('button', { name: /^Set price: Whole Milk/ }).click();
    const override = staff.getByTestId('override');
    for (const key of ['2', 'decimal point', '5', '0']) await override.getByRole('button', { name: key, exact: true }).click();
    await override.getByRole('radio', { name: 'Shelf price differs' }).click();
    expect(await override.getByRole('radio', { name: 'Shelf price differs' }).getAttribute('aria-checked')).toBe('true');
    expect(await smallTargets(page)).toEqual([]);
    await screen.shot('12-staff-override');
    await override.getByRole('button', { name: 'Set price', exact: true }).click();
    await override.waitFor({ state: 'detached' });
    expect(lastEvent()).toMatchObject({ type: 'overrideApplied', by: 'maria', lineId: lineOf('milk-whole-gallon'), price: 250, reason: 'shelf-price' });
    // The basket now charges the staff price for the milk.
    expect(runtime.snapshot().trip?.lines.find((l) => l.sku === 'milk-whole-gallon')).toMatchObject({ unitPrice: 250, total: 250, override: { price: 250, reason: 'shelf-price' } });

    await staff.getByRole('button', { name: 'Lock cart' }).click();
    await staff.getByTestId('lock').getByText('Held by staff').waitFor();
    expect(lastEvent()).toMatchObject({ type: 'locked', reason: 'staff-hold' });
    await staff.getByRole('button', { name: 'Unlock cart' }).click();
    await staff.getByTestId('lock').getByText('The cart is not locked.').waitFor();
    expect(lastEvent()).toMatchObject({ type: 'unlocked', reason: 'staff-hold', by: 'maria' });
  });

  it('says "not reported" for every part the hardware did not report, never a made-up zero', async () => {
    await staffTab('Diagnostics');
    for (const part of ['diag-board', 'diag-scale', 'diag-beacons', 'diag-battery', 'diag-cameras']) expect(await page.getByTestId(part).textContent(), part).toContain('not reported');
    await screen.shot('13-diagnostics-not-reported');
  });

  it('shows the board, cameras with frames, scale, beacons and battery when the cart’s parts report them', async () => {
    runtime.report({ diagnostics, suggestions: suggestions() });
    await page.getByTestId('diag-board').getByText('connected · StandardFirmata 2.5 · /dev/ttyACM0').waitFor();
    expect(await page.getByTestId('diag-battery').textContent()).toContain('83%');
    expect(await page.getByTestId('diag-beacons').textContent()).toContain('lane-2 -61 dBm · lane-3 -84 dBm');
    expect(await page.getByTestId('diag-scale').textContent()).toContain('2.21 lb · still');
    expect(await page.locator('.camera img').count()).toBe(1);
    await page.locator('.camera.down').getByText('right · not working').waitFor();
    await screen.shot('14-diagnostics');
  });

  it('calibrates the scale with a known weight through the cart’s scale link', async () => {
    await staffTab('Scale');
    const calibration = page.getByTestId('calibration');
    await calibration.getByRole('radio', { name: '2 kg' }).click();
    await calibration.getByText('Put the 2 kg test weight in the middle of the basket.').waitFor();
    await calibration.getByTestId('scale-reading').getByText('2.21 lb · still').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await screen.shot('15-calibration');
    await calibration.getByRole('button', { name: 'Calibrate with 2 kg' }).click();
    await expect.poll(() => calibrations).toEqual([2_000_000]);
    await expect.poll(() => runtime.snapshot().diagnostics?.scale?.calibratedAt).toBe(clock.now());
    expect(runtime.snapshot().faults).toEqual([]);
    expect(await page.getByTestId('notice').count()).toBe(0);
  });

  it('asks the store for a pairing code and shows it with a QR that a camera reads back as the same code', async () => {
    await staffTab('Pairing');
    const pairing = page.getByTestId('pairing');
    await pairing.getByText('Paired with store tally-market-demo as cart cart-7.').waitFor();
    await pairing.getByRole('button', { name: 'Get a pairing code' }).click();
    await pairing.getByTestId('pairing-code').getByText('K7QM-4TZP').waitFor();
    await screen.shot('16-pairing');
    const png = await pairing.getByTestId('qr').screenshot();
    const engine = await createEngine();
    const found = await engine.decode(await grayFromImageBytes(png, 'pairing QR'), { formats: ['QR_CODE'], tryHarder: false, binarizer: 'local' });
    expect(found.map((s) => s.text)).toEqual(['tally-pair:cart-7:K7QM-4TZP']);
  });

  it('goes back to the shopper when the staff member signs out, and offers recognition\'s top three as pictures', async () => {
    await page.getByRole('button', { name: 'Back to shopper' }).click();
    await page.getByTestId('staff-screen').waitFor({ state: 'detached' });
    await logged('staffModeExited');
    const suggestionCards = page.getByTestId('suggestion');
    await suggestionCards.first().waitFor();
    expect(await suggestionCards.count()).toBe(3);
    await page.getByRole('button', { name: 'Choose Bananas' }).click();
    expect(await page.getByTestId('plu-field').textContent()).toContain('4011');
    await page.getByText('Bananas · $0.69/lb').waitFor();
    await screen.shot('17-suggestions');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Elegir Plátanos' }).waitFor();
    await page.getByRole('button', { name: /Alto contraste/ }).click();
    await screen.shot('18-suggestions-es-high-contrast');
    expect(screen.offsite).toEqual([]);
    expect(screen.errors).toEqual([]);
  });
});
