// A staff badge held up to the cart's camera, on the touch UI in a real Chromium: the screen says
// the badge is being checked with the store, then why the store refused a revoked one, and a good
// badge opens the staff screen. The store's side is tested in test/store/node/server/staff-badges.test.ts;
// here it is a check the test answers by hand. Screenshots go to test-output/cart-app/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeCheck } from '../../../cart-app/node/runtime/staff-session.js';
import { err, ok } from '../../../domain/common/result.js';
import { demoCatalog } from '../cart-fixture.js';
import { openStaffCart, type StaffCart } from '../node/runtime/staff-cart.js';
import { hasChromium, openScreen, overflowing, type Screen } from './screen-fixture.js';

const good = `TALLY-STAFF:${'G'.repeat(43)}`;
const revoked = `TALLY-STAFF:${'R'.repeat(43)}`;

let screen: Screen;
let page: Page;
let cart: StaffCart;
/** The store's answer the test gives when it is ready. */
let answer: (() => void) | undefined;

const check: BadgeCheck = (badge) =>
  new Promise((resolve) => {
    answer = () =>
      resolve(badge === good ? ok({ staffId: 'staff_sam' }) : err({ code: 'badge-revoked', message: 'that badge of sam was revoked; ask a manager for a new one', status: 403 }));
  });

describe.skipIf(!hasChromium)('staff sign-in by badge on the touch UI in Chromium', () => {
  beforeAll(async () => {
    cart = openStaffCart(await demoCatalog(), { staffBadges: check });
    screen = await openScreen(cart.runtime);
    page = screen.page;
  });
  afterAll(async () => {
    await screen?.close();
    cart?.close();
  });

  it('says the badge is being checked, then why the store refused it', async () => {
    expect(cart.runtime.dispatch({ type: 'scan', code: revoked, symbology: 'QR_CODE' }).ok).toBe(true);
    const banner = page.getByTestId('badge-check');
    await banner.getByText('Checking the staff badge with the store…').waitFor();
    answer?.();
    await banner.getByText('Staff badge not accepted.').waitFor();
    expect(await banner.textContent()).toContain('revoked');
    expect(await overflowing(page)).toEqual([]);
    await screen.shot('42-staff-badge-refused');
    expect(cart.runtime.state.staff).toBeNull();
  });

  it('opens the staff screen for a good badge', async () => {
    expect(cart.runtime.dispatch({ type: 'scan', code: good, symbology: 'QR_CODE' }).ok).toBe(true);
    await page.getByTestId('badge-check').getByText('Checking').waitFor();
    answer?.();
    await page.getByTestId('staff-screen').waitFor();
    expect(await page.getByTestId('badge-check').count()).toBe(0);
    expect(cart.runtime.state.staff?.staffId).toBe('staff_sam');
    expect(screen.errors).toEqual([]);
  });
});
