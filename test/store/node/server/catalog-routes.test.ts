// Catalog import and sync: whole or incremental, with ETags; on every database.
import { describe, expect, it } from 'vitest';
import { bindings } from '../databases.js';
import { buildStoreServer } from '../../../../store/node/server/build-server.js';
import { cheapScrypt, demoCatalog, seededSecureRandom, testStore } from '../test-store.js';

type Doc = ReturnType<typeof demoCatalog>;

/** SKUs a promotion or coupon names: removing one of those makes the catalog invalid. */
function offeredSkus(base: Doc): Set<string> {
  const offers = [...((base.promotions as { skus?: string[] }[] | undefined) ?? []), ...((base.coupons as { skus?: string[] }[] | undefined) ?? [])];
  return new Set(offers.flatMap((o) => o.skus ?? []));
}

/** The demo catalog at a new version with one price changed, one product gone and one added. */
function nextVersion(base: Doc, version: number): { doc: Doc; changedSku: string; removedSku: string } {
  const offered = offeredSkus(base);
  const [first, ...others] = base.products;
  const gone = others.find((p) => !offered.has(String(p.sku)));
  if (!first || !gone) throw new Error('the demo catalog is too small for this test');
  // The new product borrows the removed one's fields, less the codes that must stay unique.
  const { gtins: _gtins, plu: _plu, itemReference: _ref, ...added } = gone;
  const products = [{ ...first, price: Number(first.price) + 10 }, ...others.filter((p) => p !== gone), { ...added, sku: `NEW-${version}` }];
  return { doc: { ...base, version, products }, changedSku: String(first.sku), removedSku: String(gone.sku) };
}

describe.each(bindings)('catalog routes on $name', (binding) => {
  it('imports a newer version and serves the changes since any older one', async () => {
    const store = await testStore(binding);
    const v1 = demoCatalog();
    const { doc: v2, changedSku, removedSku } = nextVersion(v1, 2);
    const imported = await store.staff(store.manager, 'POST', '/api/catalog', v2);
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toEqual({ version: 2, products: v1.products.length, changed: 2, removed: 1 });

    const delta = await store.staff(store.manager, 'GET', '/api/catalog?since=1');
    expect(delta.statusCode).toBe(200);
    const body = delta.json() as { version: number; since: number; changed: { sku: string }[]; removed: string[]; store: unknown; products?: unknown };
    expect(body).toMatchObject({ version: 2, since: 1, store: v1.store });
    expect(body.changed.map((p) => p.sku).sort()).toEqual([changedSku, 'NEW-2'].sort());
    expect(body.removed).toEqual([removedSku]);
    expect(body.products).toBeUndefined();

    // Up to date: nothing changed.
    expect((await store.staff(store.manager, 'GET', '/api/catalog?since=2')).json()).toMatchObject({ changed: [], removed: [] });
    // A product that comes back after being removed is a change, not a removal.
    const v3 = { ...v2, version: 3, products: [...v2.products, v1.products.find((p) => p.sku === removedSku)] };
    await store.staff(store.manager, 'POST', '/api/catalog', v3);
    const since1 = (await store.staff(store.manager, 'GET', '/api/catalog?since=1')).json() as { removed: string[]; changed: { sku: string }[] };
    expect(since1.removed).toEqual([]);
    expect(since1.changed.map((p) => p.sku)).toContain(removedSku);
  });

  it('does not count a reordering of fields as a change', async () => {
    const store = await testStore(binding);
    const v1 = demoCatalog();
    const reordered = { ...v1, version: 2, products: v1.products.map((p) => Object.fromEntries(Object.entries(p).reverse())) };
    expect((await store.staff(store.manager, 'POST', '/api/catalog', reordered)).json()).toMatchObject({ changed: 0, removed: 0 });
  });

  it('answers 304 to a cart that already holds the version', async () => {
    const store = await testStore(binding);
    const full = await store.staff(store.manager, 'GET', '/api/catalog');
    const etag = String(full.headers.etag);
    expect(etag).toBe('"catalog-1"');
    const again = await store.app.inject({ method: 'GET', url: '/api/catalog', headers: { authorization: `Bearer ${store.manager}`, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await store.staff(store.manager, 'POST', '/api/catalog', nextVersion(demoCatalog(), 2).doc);
    const changed = await store.app.inject({ method: 'GET', url: '/api/catalog', headers: { authorization: `Bearer ${store.manager}`, 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"catalog-2"');
  });

  it('reports every problem of a bad catalog and imports none of it', async () => {
    const store = await testStore(binding);
    const bad = demoCatalog();
    bad.version = 2;
    bad.products = bad.products.map((p, i) => (i === 3 ? { ...p, price: -1 } : i === 5 ? { ...p, gtins: ['0123456789013'], colour: 'red' } : p));
    const refused = await store.staff(store.manager, 'POST', '/api/catalog', bad);
    expect(refused.statusCode).toBe(400);
    const body = refused.json() as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('catalog-invalid');
    const paths = body.issues.map((i) => i.path);
    expect(paths).toContain('products[3].price');
    expect(paths).toContain('products[5].colour');
    expect((await store.staff(store.manager, 'GET', '/api/catalog')).json()).toMatchObject({ version: 1 });
  });

  it('refuses a version that is not newer, and versions it cannot serve a delta for', async () => {
    const store = await testStore(binding);
    const same = await store.staff(store.manager, 'POST', '/api/catalog', demoCatalog());
    expect(same.statusCode).toBe(409);
    expect(same.json()).toMatchObject({ error: 'catalog-not-newer' });
    expect((await store.staff(store.manager, 'GET', '/api/catalog?since=9')).statusCode).toBe(409);
    expect((await store.staff(store.manager, 'GET', '/api/catalog?since=0')).statusCode).toBe(410);
    const junk = await store.staff(store.manager, 'GET', '/api/catalog?since=abc');
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ issues: [{ path: 'query.since' }] });
  });

  it('serves a version another store server imported into the same database', async () => {
    const store = await testStore(binding);
    const other = await buildStoreServer({ db: store.db, clock: store.clock, random: seededSecureRandom(9), scrypt: cheapScrypt });
    await store.staff(store.manager, 'POST', '/api/catalog', nextVersion(demoCatalog(), 2).doc);
    const seen = await other.inject({ method: 'GET', url: '/api/catalog?since=1', headers: { authorization: `Bearer ${store.manager}` } });
    expect(seen.json()).toMatchObject({ version: 2, since: 1 });
    const stale = await other.inject({ method: 'POST', url: '/api/catalog', headers: { authorization: `Bearer ${store.manager}` }, payload: nextVersion(demoCatalog(), 2).doc });
    expect(stale.json()).toMatchObject({ error: 'catalog-not-newer' });
    await other.close();
  });

  it('lets only managers import, and only staff or carts read', async () => {
    const store = await testStore(binding, { catalog: false });
    expect((await store.app.inject({ method: 'GET', url: '/api/catalog' })).statusCode).toBe(401);
    expect((await store.staff(store.manager, 'GET', '/api/catalog')).json()).toMatchObject({ error: 'no-catalog' });
    await store.staff(store.manager, 'POST', '/api/staff', { name: 'ben', role: 'associate', password: 'a long enough password' });
    const ben = ((await store.login('ben', 'a long enough password')).json() as { token: string }).token;
    const refused = await store.staff(ben, 'POST', '/api/catalog', demoCatalog());
    expect(refused.statusCode).toBe(403);
    expect((await store.staff(store.manager, 'POST', '/api/catalog', demoCatalog())).statusCode).toBe(201);
    expect((await store.staff(ben, 'GET', '/api/catalog')).statusCode).toBe(200);
  });
});
