import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleCart } from '../../../cart-app/node/console-cart.js';
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { gtinCheckDigit } from '../../../domain/common/codes/gtin.js';
import { priceCheckDigit } from '../../../domain/common/codes/price-check.js';
import { loadCatalogFile } from '../../../domain/node/catalog/load.js';

const demo = path.resolve(import.meta.dirname, '../../../catalogs/demo-store.json');
let catalog: Catalog;
beforeAll(async () => {
  const loaded = await loadCatalogFile(demo);
  if (!loaded.ok) throw loaded.error;
  catalog = loaded.value;
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openCart(dir: string, clock = new SimulatedClock(Date.parse('2026-11-23T10:00:00Z'))) {
  const printed: string[] = [];
  const cart = ConsoleCart.open({ catalog, sessionFile: path.join(dir, 'session.log'), clock, cartId: 'cart-7', shopperId: 'ana', member: true, print: (t) => printed.push(t) });
  return { cart, printed };
}

const juice = (): string => {
  const gtin = catalog.bySku('juice-bravo-apple')?.gtins[0];
  if (gtin === undefined) throw new Error('the demo store lost its apple juice');
  return gtin;
};

describe('the emulated cart in a terminal', () => {
  it('scans, weighs produce, reads a deli label and shows the live total', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-console-'));
    dirs.push(dir);
    const { cart, printed } = openCart(dir);
    const body = `220101${priceCheckDigit('0649')}0649`;
    for (const line of [juice(), juice(), '4011 2.5lb', body + gtinCheckDigit(body)]) cart.handle(line);
    const basket = cart.trip?.basket ?? [];
    expect(basket.map((l) => [l.sku, l.measure, l.labelPrice])).toEqual([
      ['juice-bravo-apple', { by: 'each', quantity: 2 }, undefined],
      ['banana', { by: 'weight', netMg: 1_133_981 }, undefined],
      ['deli-turkey-breast', { by: 'each', quantity: 1 }, 649],
    ]);
    expect(printed.at(-1)).toMatch(/^» 3 lines · total \$\d+\.\d\d/);
    cart.close();
  });

  it('explains what it cannot use, in plain words, and records nothing for it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-console-'));
    dirs.push(dir);
    const { cart, printed } = openCart(dir);
    cart.handle('4011');
    expect(printed.at(-1)).toMatch(/sold by weight: put it on the scale/);
    cart.handle('7350099101015'); // bad check digit
    expect(printed.at(-1)).toMatch(/could not be read .*check digit/);
    cart.handle('4011 heavy');
    expect(printed.at(-1)).toMatch(/not a weight/);
    cart.handle('remove 9');
    expect(printed.at(-1)).toMatch(/no line 9/);
    expect(cart.trip?.basket).toEqual([]);
    cart.close();
  });

  it('comes back after a restart with the same basket', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-console-'));
    dirs.push(dir);
    const first = openCart(dir);
    first.cart.handle(juice());
    first.cart.handle('budget 20');
    const before = first.cart.trip;
    first.cart.close();
    const second = openCart(dir);
    expect(second.cart.trip).toEqual(before);
    expect(second.printed).toContain('Welcome back: your basket from before is still here.');
    second.cart.close();
  });
});
