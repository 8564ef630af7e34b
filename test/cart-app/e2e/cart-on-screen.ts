// A demo-store cart on the touch UI in Chromium for one describe block of the end-to-end tests.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { demoCatalog, openCart, type CartFixture } from '../cart-fixture.js';
import { openScreen, type Screen } from './screen-fixture.js';

export interface CartOnScreen {
  readonly catalog: Catalog;
  readonly cart: CartFixture;
  readonly screen: Screen;
  readonly page: Page;
}

/**
 * A demo-store cart on screen for the describe block it is called in: `prepare` fills the basket
 * before the page opens. The fields are there once the block's beforeAll has run.
 */
export function cartOnScreen(prepare: (cart: CartFixture, catalog: Catalog) => void = () => undefined): CartOnScreen {
  const held: { -readonly [K in keyof CartOnScreen]?: CartOnScreen[K] } = {};
  beforeAll(async () => {
    held.catalog = await demoCatalog();
    held.cart = openCart(held.catalog);
    prepare(held.cart, held.catalog);
    held.screen = await openScreen(held.cart.runtime);
    held.page = held.screen.page;
  });
  afterAll(async () => {
    await held.screen?.close();
    held.cart?.runtime.close();
    held.cart?.cleanup();
  });
  return held as CartOnScreen;
}
