// A demo-store cart runtime with staff badges configured (as a cart's configuration carries them:
// salted PIN hashes), a fresh session log in a temp folder and a simulated clock, for the staff
// tests of the runtime and of the touch UI.
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CartRuntime, type CartRuntimeOptions } from '../../../../cart-app/node/runtime/cart-runtime.js';
import { staffBadge } from '../../../../cart-app/node/runtime/staff-pin.js';
import type { Catalog } from '../../../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { demoCatalog } from '../../cart-fixture.js';

// Fixed salts keep the tests deterministic; a real cart's configuration has random ones.
export const lee = staffBadge('staff-lee', '2468', '00112233445566778899aabbccddeeff');
export const maria = staffBadge('maria', '13579', 'ffeeddccbbaa99887766554433221100');

export interface StaffCart {
  readonly runtime: CartRuntime;
  readonly clock: SimulatedClock;
  readonly warnings: string[];
  close(): void;
}

/** Cart cart-7 with shopper ana (a member) signed in; lee (PIN 2468) and maria (PIN 13579) may sign in as staff. */
export function openStaffCart(catalog: Catalog, extra: Partial<CartRuntimeOptions> = {}): StaffCart {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-staff-'));
  const clock = new SimulatedClock(Date.parse('2026-11-23T10:00:00Z'));
  const warnings: string[] = [];
  const opened = CartRuntime.open({
    catalog,
    sessionFile: path.join(dir, 'session.log'),
    clock,
    cartId: 'cart-7',
    shopperId: 'ana',
    member: true,
    warn: (m) => warnings.push(m),
    staff: { badges: [lee, maria], idleMs: 120_000 },
    ...extra,
  });
  if (!opened.ok) throw opened.error;
  const { runtime } = opened.value;
  return {
    runtime,
    clock,
    warnings,
    close: () => {
      runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Loads the demo store for a test file; every staff cart its tests open is closed after the test. */
export function staffCarts(): { open(extra?: Partial<CartRuntimeOptions>): StaffCart } {
  let catalog: Catalog | undefined;
  const carts: StaffCart[] = [];
  beforeAll(async () => {
    catalog = await demoCatalog();
  });
  afterEach(() => {
    for (const cart of carts.splice(0)) cart.close();
  });
  return {
    open(extra = {}) {
      if (!catalog) throw new Error('the demo catalog loads in beforeAll');
      const cart = openStaffCart(catalog, extra);
      carts.push(cart);
      return cart;
    },
  };
}
