// The emulated cart's catalog link, where the store cannot help: with no copy on disk and no store
// answering, the launcher stops with the reason instead of opening a cart with nothing to sell.
// (The store's catalog, and a price changed in it reaching the basket, are in launch-cart.test.ts.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCatalog } from '../../../../cart-app/node/emulated-store/catalog-connection.js';
import { EmulatedStoreError } from '../../../../cart-app/node/emulated-store/errors.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';

describe("the emulated cart's catalog link", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-catalog-connection-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to go on with no copy on disk and no store answering, saying why', async () => {
    const lines: string[] = [];
    const identity = { baseUrl: 'http://127.0.0.1:9', keys: generateCartKeys(), cartId: 'cart_none', clock: new SimulatedClock(0) };
    const connecting = connectCatalog(identity, path.join(dir, 'catalog.json'), (line) => lines.push(line));
    await expect(connecting).rejects.toBeInstanceOf(EmulatedStoreError);
    await expect(connecting).rejects.toThrow(/the cart has no catalog: the store stopped answering/);
    expect(lines).toEqual([expect.stringMatching(/^note: the store stopped answering/)]);
  });
});
