// The end of a trip on the touch UI in a real Chromium: alerts in plain words naming the item,
// "Done shopping" (leave through any cart lane, and what must be fixed first), the charge at the
// lane, a failed payment, and the itemised receipt the moment the store has charged, in English,
// Spanish and high contrast. Lane and store events reach the runtime the way the lane and store
// clients deliver them (runtime.record). Screenshots go to test-output/cart-app/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { formatMoney } from '../../../payments/common/money/format.js';
import { gtinOf, type CartFixture } from '../cart-fixture.js';
import { cartOnScreen } from './cart-on-screen.js';
import { hasChromium, overflowing, smallTargets, type Screen } from './screen-fixture.js';

let catalog: Catalog;
let cart: CartFixture;
let screen: Screen;
let page: Page;

const money = (minor: number): string => formatMoney(minor, 'USD', 2, 'en-US');
const trip = () => {
  const t = cart.runtime.snapshot().trip;
  if (!t) throw new Error('the cart lost its trip');
  return t;
};
const lineOf = (sku: string): string => trip().lines.find((l) => l.sku === sku)?.lineId ?? 'missing';
const record = (event: Parameters<CartFixture['runtime']['record']>[0]): void => {
  const recorded = cart.runtime.record(event);
  if (!recorded.ok) throw new Error(recorded.error.message);
};
const scan = (sku: string): void => {
  const done = cart.runtime.dispatch({ type: 'scan', code: gtinOf(catalog, sku), symbology: 'UPC_A' });
  if (!done.ok) throw new Error(done.error.message);
};

describe.skipIf(!hasChromium)('checkout and the receipt on the touch UI in Chromium', () => {
  const on = cartOnScreen((c, store) => {
    cart = c;
    catalog = store;
    for (const sku of ['beer-hazy-ipa-6', 'milk-whole-gallon', 'juice-bravo-apple', 'juice-bravo-apple', 'sparkling-water-lime-12']) scan(sku);
    expect(cart.runtime.dispatch({ type: 'weigh', code: '4011', grossMg: 567_000 }).ok).toBe(true);
  });
  beforeAll(() => ({ screen, page } = on));

  it('names the item when something came out of the cart but is still on the list', async () => {
    await page.getByTestId('total').getByText(money(trip().total), { exact: true }).waitFor();
    const milk = catalog.bySku('milk-whole-gallon')?.name ?? '?';
    record({ type: 'weighed', stepId: 'step-out', deltaMg: -3_900_000, uncertaintyMg: 20_000 });
    record({ type: 'alertRaised', alertId: 'alert-out', kind: 'unscanned-item', evidence: { stepIds: ['step-out'], lineIds: [lineOf('milk-whole-gallon')] } });
    record({ type: 'alertRaised', alertId: 'alert-juice', kind: 'not-placed', evidence: { lineIds: [lineOf('juice-bravo-apple')] } });
    const out = page.locator('[data-testid=alert][data-kind=unscanned-item]');
    await out.getByText(`${milk} came out of the cart but is still on your list.`).waitFor();
    expect(await out.textContent()).toContain('Put it back in the cart, or tap Remove on its line.');
    await page.locator('[data-testid=alert][data-kind=not-placed]').getByText(/was scanned but is not in the cart/).waitFor();
    await screen.shot('20-alerts');
    // An item marked for the staff ID check on its line and in the banner.
    expect(await page.locator('[data-sku=beer-hazy-ipa-6]').textContent()).toContain('Staff will check ID (21+)');
  });

  it('"Done shopping" says to leave through any lane, and what must be fixed first', async () => {
    await page.getByRole('button', { name: 'Done shopping' }).click();
    const leave = page.getByTestId('leave-through-lane');
    await leave.getByRole('heading', { name: 'Leave through any cart lane' }).waitFor();
    await leave.getByText(`You will be charged ${money(trip().total)} as you pass.`, { exact: false }).waitFor();
    await leave.getByText('Fix these first:').waitFor();
    expect(await leave.getByTestId('alert').count()).toBe(2);
    await leave.getByText('A staff member will check your ID (21+) before you go.').waitFor();
    await screen.shot('21-leave-blocked');
    record({ type: 'alertResolved', alertId: 'alert-out', how: 'cleared-by-sensors', by: 'system' });
    record({ type: 'alertResolved', alertId: 'alert-juice', how: 'cleared-by-sensors', by: 'system' });
    await leave.getByText('Nothing to fix: you are ready to go.').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('22-leave-ready');
    // The shopper can change their mind.
    await page.getByRole('button', { name: 'Keep shopping' }).click();
    await page.getByTestId('basket-line').first().waitFor();
    await page.getByRole('button', { name: 'Done shopping' }).click();
    await leave.waitFor();
  });

  it('says so when the cart rolled into a lane but could not tell which, on the lane screen and while shopping', async () => {
    // As the exit-lane watch reports a strip crossing that named no lane (cart-app/node/exit-lane).
    const unknown = { laneId: null, state: 'unknown-lane', code: null, message: 'The cart could not tell which lane it is in, so nothing has been charged.', fix: [] } as const;
    cart.runtime.showLane(unknown, 0);
    const notice = page.getByTestId('leave-through-lane').locator('[data-testid=lane-notice][data-state=unknown-lane]');
    await notice.getByText('The cart could not tell which lane it is in, so nothing has been charged. Please go on into the lane, or wait here: a member of staff has been told.').waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    await screen.shot('22b-lane-unknown');
    await page.getByRole('button', { name: 'Español' }).click();
    await notice.getByText(/El carrito no sabe en qué carril está/).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('22c-lane-unknown-es');
    await page.getByRole('button', { name: 'English' }).click();
    // Back to shopping, the notice stays on the shopping screen's alerts.
    await page.getByRole('button', { name: 'Keep shopping' }).click();
    await page.locator('[data-testid=lane-notice][data-state=unknown-lane]').getByText(/could not tell which lane/).waitFor();
    // Found in a lane after all, or walked away: the lane has nothing more to say.
    cart.runtime.showLane(null, 0);
    await page.locator('[data-testid=lane-notice]').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Done shopping' }).click();
    await page.getByTestId('leave-through-lane').waitFor();
  });

  it('shows the charge while the lane charges, and says plainly when it failed', async () => {
    record({ type: 'checkoutStarted', laneId: '3' });
    const charging = page.getByTestId('checking-out');
    await charging.getByText(`Charging ${money(trip().total)}…`).waitFor();
    await charging.getByText('Keep going through the lane.').waitFor();
    await charging.getByText('Lane 3', { exact: true }).waitFor();
    await screen.shot('23-charging');
    record({ type: 'paymentFailed', reason: 'card declined' });
    await page.getByTestId('payment-problem').getByText(/The payment did not go through \(card declined\)/).waitFor();
    await screen.shot('24-payment-failed');
  });

  it('shows what the exit lane says: the store’s refusal, and waiting for staff with the store unreachable', async () => {
    // As the exit-lane watch reports it (cart-app/node/exit-lane) beside the session's own events.
    cart.runtime.showLane({ laneId: 3, state: 'refused', code: 'payment-failed', message: 'card declined. Your payment did not go through. Please see a member of staff at the desk.', fix: [] }, 0);
    const notice = page.locator('[data-testid=lane-notice][data-state=refused]');
    await notice.getByText('The lane could not take payment').waitFor();
    await notice.getByText(/Please see a member of staff at the desk/).waitFor();
    await screen.shot('24b-lane-refused');
    record({ type: 'checkoutStarted', laneId: '3' });
    cart.runtime.showLane({ laneId: 3, state: 'offline-wait', code: 'offline-cap-exceeded', message: 'The store cannot be reached and this cart already has trips waiting to be settled.', fix: [] }, 2);
    const waiting = page.getByTestId('checking-out').locator('[data-testid=lane-notice][data-state=offline-wait]');
    await waiting.getByText('The store cannot be reached. Please wait here: a member of staff is on the way.').waitFor();
    await waiting.getByTestId('lane-detail').getByText(/already has trips waiting to be settled/).waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await waiting.getByText(/No hay conexión con la tienda. Espera aquí/).waitFor();
    // The detail line too, for the watch's code, not the English words under it.
    expect(await waiting.getByTestId('lane-detail').textContent()).toBe('Este carrito ya tiene compras pendientes de cobro, así que no puede dejarte salir hasta que vuelva la conexión con la tienda.');
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('24c-lane-offline-wait-es');
    await page.getByRole('button', { name: 'English' }).click();
    // The store came back and refused; the lane has nothing more to say.
    record({ type: 'paymentFailed', reason: 'card declined' });
    cart.runtime.showLane(null, 0);
    await page.locator('[data-testid=lane-notice]').waitFor({ state: 'detached' });
  });

  it('shows the itemised receipt the moment the store has charged', async () => {
    const priced = trip();
    record({ type: 'checkoutStarted', laneId: 'lane-1' });
    record({ type: 'paid', receiptId: 'R-1042', total: priced.total });
    const receipt = page.getByTestId('receipt');
    await receipt.getByText('Receipt R-1042', { exact: false }).waitFor();
    expect(await receipt.getByTestId('receipt-line').count()).toBe(priced.lines.length);
    const detail = priced.receipt;
    expect(detail?.deposits.length).toBeGreaterThan(0);
    expect(priced.tax).toBeGreaterThan(0);
    const summary = receipt.getByTestId('receipt-summary');
    await summary.getByText('Alcoholic beverages (10.375%)').waitFor();
    expect(await summary.getByTestId('receipt-tax').filter({ hasText: 'Alcoholic' }).textContent()).toContain(money(detail?.taxes.find((x) => x.name === 'Alcoholic beverages')?.tax ?? -1));
    for (const d of detail?.deposits ?? []) await summary.getByText(d.quantity > 1 ? `Deposit (${d.quantity}): ${d.name}` : `Deposit: ${d.name}`).waitFor();
    expect(await summary.getByTestId('receipt-total').textContent()).toBe(`Total charged${money(priced.total)}`);
    expect(await summary.getByText('Subtotal').locator('..').textContent()).toBe(`Subtotal${money(priced.subtotal)}`);
    // The weighed line prints its weight and price per lb.
    expect(await receipt.getByTestId('receipt-line').filter({ hasText: 'Bananas' }).textContent()).toContain('1.25 lb @ $0.69/lb');
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('25-receipt');
    await page.getByRole('button', { name: 'Español' }).click();
    await summary.getByText('Total cobrado').waitFor();
    await receipt.getByText('Plátanos').waitFor();
    await screen.shot('26-receipt-es');
    await page.getByRole('button', { name: /Alto contraste/ }).click();
    await screen.shot('27-receipt-high-contrast');
    expect(screen.offsite).toEqual([]);
    expect(screen.errors).toEqual([]);
  });
});
