// A cart runtime on the demo store with a fresh session log in a temp folder and a simulated
// clock, for the runtime, UI server and end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { CartRuntime } from '../../cart-app/node/runtime/cart-runtime.js';
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../domain/common/clock.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';

export const demoCatalogFile = path.resolve(import.meta.dirname, '../../catalogs/demo-store.json');

export async function demoCatalog(): Promise<Catalog> {
  const loaded = await loadCatalogFile(demoCatalogFile);
  if (!loaded.ok) throw loaded.error;
  return loaded.value;
}

export interface CartFixture {
  readonly runtime: CartRuntime;
  readonly clock: SimulatedClock;
  readonly dir: string;
  readonly warnings: string[];
  /** Opens the same session log again (a restart). */
  reopen(): CartRuntime;
  cleanup(): void;
}

export function openCart(catalog: Catalog, member = true): CartFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-cart-'));
  const clock = new SimulatedClock(Date.parse('2026-11-23T10:00:00Z'));
  const warnings: string[] = [];
  const open = (): CartRuntime => {
    const opened = CartRuntime.open({ catalog, sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-7', shopperId: 'ana', member, warn: (m) => warnings.push(m) });
    if (!opened.ok) throw opened.error;
    return opened.value.runtime;
  };
  const runtime = open();
  return { runtime, clock, dir, warnings, reopen: open, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first barcode of a demo product. */
export function gtinOf(catalog: Catalog, sku: string): string {
  const gtin = catalog.bySku(sku)?.gtins[0];
  if (gtin === undefined) throw new Error(`the demo store lost ${sku}`);
  return gtin;
}

export interface DemoCarts {
  /** The demo store, loaded once before the file's tests. */
  readonly catalog: Catalog;
  /** A cart on the demo store (or on `catalog`), closed and removed after the test. */
  open(member?: boolean, catalog?: Catalog): CartFixture;
  /** Closes and removes this cart after the test too (one reopened by hand). */
  keep(cart: CartFixture): void;
}

/** Loads the demo store for a test file and cleans up every cart its tests open. */
export function demoCarts(): DemoCarts {
  let loaded: Catalog | undefined;
  const carts: CartFixture[] = [];
  beforeAll(async () => {
    loaded = await demoCatalog();
  });
  afterEach(() => {
    for (const cart of carts.splice(0)) {
      cart.runtime.close();
      cart.cleanup();
    }
  });
  const demo: DemoCarts = {
    get catalog() {
      if (!loaded) throw new Error('the demo catalog loads in beforeAll');
      return loaded;
    },
    open(member = true, catalog = demo.catalog) {
      const cart = openCart(catalog, member);
      carts.push(cart);
      return cart;
    },
    keep: (cart) => void carts.push(cart),
  };
  return demo;
}
