// The reconciler on the runtime: its alerts land in the session log and so in the snapshot, a
// new trip gets a fresh reconciler, and nothing from an ended trip can write into the next.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LossPreventionLink } from '../../../../cart-app/node/runtime/loss-prevention-link.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { readFile } from 'node:fs/promises';
import { importCatalog } from '../../../../domain/common/catalog/import.js';
import { demoCatalog, demoCatalogFile, gtinOf, openCart, type CartFixture } from '../../cart-fixture.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await demoCatalog();
});
const opened: { cart: CartFixture; link: LossPreventionLink }[] = [];
afterEach(() => {
  for (const { cart, link } of opened.splice(0)) {
    link.close();
    cart.runtime.close();
    cart.cleanup();
  }
});
function linked(): { cart: CartFixture; link: LossPreventionLink; warnings: string[] } {
  const cart = openCart(catalog);
  const warnings: string[] = [];
  const link = new LossPreventionLink(cart.runtime, { clock: cart.clock, tuning: { graceMs: 5000 }, warn: (m) => warnings.push(m) });
  opened.push({ cart, link });
  return { cart, link, warnings };
}

/** The demo catalog as a new version from the store: apple juice weighs 2 kg now, and a pumpkin (GTIN 7350099990007) is for sale. */
async function nextVersion(): Promise<Catalog> {
  const data = JSON.parse(await readFile(demoCatalogFile, 'utf8')) as { version: number; products: Record<string, unknown>[] };
  data.version += 1;
  data.products = data.products.map((p) => (p['sku'] === 'juice-bravo-apple' ? { ...p, weight: { meanGrams: 2000, sdGrams: 10 } } : p));
  data.products.push({ sku: 'pumpkin-carving', name: 'Carving Pumpkin', soldBy: 'each', price: 599, gtins: ['7350099990007'], weight: { meanGrams: 4500, sdGrams: 150 }, taxClass: 'grocery' });
  const imported = importCatalog(data);
  if (!imported.ok) throw new Error(imported.error.map((i) => i.message).join('; '));
  return imported.value;
}

describe('loss prevention on the cart runtime', () => {
  it('raises an unscanned-item alert into the snapshot after the grace period, and resolves it when the item is scanned', () => {
    const { cart, link } = linked();
    const { runtime, clock } = cart;
    expect(runtime.record({ type: 'weighed', stepId: 's1', deltaMg: 1_060_000, uncertaintyMg: 1500 }).ok).toBe(true);
    clock.advance(4000);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([]);
    clock.advance(1500);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'unscanned-item' })]);
    expect(link.openAlerts).toHaveLength(1);
    expect(runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'juice-bravo-apple') }).ok).toBe(true);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(runtime.trip?.alerts).toEqual([expect.objectContaining({ kind: 'unscanned-item', resolution: expect.objectContaining({ how: 'scanned' }) })]);
    expect(link.settled).toBe(true);
  });

  it('raises nothing while the cart moves, and judges once it has been still a while', () => {
    const { cart, link } = linked();
    const { runtime, clock } = cart;
    link.motion(true);
    runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'juice-bravo-apple') });
    clock.advance(60_000);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([]);
    link.motion(false);
    clock.advance(10_000);
    expect(runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'not-placed' })]);
  });

  it('starts a fresh reconciler for the next trip: the old trip\'s pending scan never alerts on the new one', () => {
    const { cart } = linked();
    const { runtime, clock } = cart;
    runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'juice-bravo-apple') });
    expect(runtime.startTrip().ok).toBe(true);
    clock.advance(60_000);
    expect(runtime.trip?.alerts).toEqual([]);
    // The new trip's reconciler works: a step with no scan is flagged.
    runtime.record({ type: 'weighed', stepId: 's9', deltaMg: 500_000, uncertaintyMg: 1500 });
    clock.advance(10_000);
    expect(runtime.trip?.alerts.map((a) => a.kind)).toEqual(['unscanned-item']);
  });

  it('matches the trip under way against a new catalog at once: its weights and its new products', async () => {
    const placeJuiceAt2kg = (cart: CartFixture): void => {
      expect(cart.runtime.dispatch({ type: 'scan', code: gtinOf(catalog, 'juice-bravo-apple') }).ok).toBe(true);
      expect(cart.runtime.record({ type: 'weighed', stepId: 's-juice', deltaMg: 2_000_000, uncertaintyMg: 1500 }).ok).toBe(true);
      cart.clock.advance(20_000);
    };
    // By the old catalog a 2 kg litre of juice is a mismatch.
    const before = linked();
    placeJuiceAt2kg(before.cart);
    expect(before.cart.runtime.snapshot().trip?.openAlerts).toEqual([expect.objectContaining({ kind: 'weight-mismatch' })]);

    const { cart, link, warnings } = linked();
    const next = await nextVersion();
    cart.runtime.replaceCatalog(next);
    link.catalogReplaced();
    placeJuiceAt2kg(cart);
    expect(cart.runtime.dispatch({ type: 'scan', code: '7350099990007' }).ok).toBe(true);
    expect(cart.runtime.record({ type: 'weighed', stepId: 's-pumpkin', deltaMg: 4_480_000, uncertaintyMg: 1500 }).ok).toBe(true);
    cart.clock.advance(20_000);
    expect(cart.runtime.snapshot().trip?.openAlerts).toEqual([]);
    expect(link.settled).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('reports a malformed recognition hint instead of throwing', () => {
    const { link, warnings } = linked();
    link.recognised({ at: -1, labels: 'apple' });
    expect(warnings).toEqual([expect.stringContaining('recognition hint was dropped')]);
  });

  it('hears every recorded event through onEvent, in log order, and stops when told', () => {
    const { cart } = linked();
    const seen: string[] = [];
    const stop = cart.runtime.onEvent((e) => seen.push(`${e.seq}:${e.type}`));
    cart.runtime.dispatch({ type: 'setBudget', limit: 1000 });
    stop();
    cart.runtime.dispatch({ type: 'setBudget', limit: 2000 });
    expect(seen).toEqual([`${cart.runtime.state.lastSeq - 1}:budgetSet`]);
    expect(cart.runtime.tripEvents()[0]?.type).toBe('signedIn');
  });
});
