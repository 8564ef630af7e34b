// The shopper's call for help on the touch UI in a real Chromium: the header's Help button records
// the call in the session log, a blue band says help is on the way (also for a call from the
// cart's own help button), the shopper can take it back, and a staff member signing in answers it.
// Screenshots go to test-output/cart-app/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CartRuntime } from '../../../cart-app/node/runtime/cart-runtime.js';
import { demoCatalog, gtinOf } from '../cart-fixture.js';
import { openStaffCart, type StaffCart } from '../node/runtime/staff-cart.js';
import { hasChromium, openScreen, overflowing, smallTargets, type Screen } from './screen-fixture.js';

let runtime: CartRuntime;
let screen: Screen;
let page: Page;
let cart: StaffCart;

const helpEvents = () => runtime.tripEvents().flatMap((e) => (e.type === 'helpRequested' ? [`asked from ${e.from}`] : e.type === 'helpEnded' ? [`${e.how} by ${e.by}`] : []));

describe.skipIf(!hasChromium)('the call for help on the touch UI in Chromium', () => {
  beforeAll(async () => {
    const catalog = await demoCatalog();
    cart = openStaffCart(catalog);
    runtime = cart.runtime;
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'milk-whole-gallon'), symbology: 'UPC_A' }).ok).toBe(true);
    screen = await openScreen(runtime);
    page = screen.page;
  });
  afterAll(async () => {
    await screen?.close();
    cart?.close();
  });

  it('calls for help from the header, says it is on the way, and lets the shopper take it back', async () => {
    await page.getByRole('button', { name: 'Help', exact: true }).click();
    const band = page.getByTestId('help-on-the-way');
    await band.getByText('Help is on the way.').waitFor();
    expect(helpEvents()).toEqual(['asked from screen']);
    // While the call is open there is nothing more to ask for.
    expect(await page.getByRole('button', { name: 'Help', exact: true }).count()).toBe(0);
    expect(await smallTargets(page)).toEqual([]);
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('40-help-on-the-way');
    await band.getByRole('button', { name: 'I no longer need help' }).click();
    await band.waitFor({ state: 'detached' });
    expect(helpEvents()).toEqual(['asked from screen', 'withdrawn by shopper']);
  });

  it('shows a call from the cart’s help button in Spanish too, and a staff sign-in answers it', async () => {
    expect(runtime.askForHelp('button').ok).toBe(true);
    await page.getByRole('button', { name: 'Español' }).click();
    const band = page.getByTestId('help-on-the-way');
    await band.getByText('La ayuda viene en camino.').waitFor();
    await screen.shot('41-help-on-the-way-es');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Staff', exact: true }).click();
    const pad = page.getByTestId('staff-pin');
    for (const key of '2468') await pad.getByRole('button', { name: key, exact: true }).click();
    await pad.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('staff-screen').waitFor();
    expect(await band.count()).toBe(0);
    expect(helpEvents()).toEqual(['asked from screen', 'withdrawn by shopper', 'asked from button', 'answered by staff-lee']);
    expect(screen.errors).toEqual([]);
    expect(screen.offsite).toEqual([]);
  });
});
