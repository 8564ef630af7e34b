// What the emulated store keeps in its data folder (.tally/emulated-store by default), so a
// restart finds the same store, the same paired cart and the same basket:
//   store.db, sandbox-gateway.json  the store's own (its database and the sandbox's ledger)
//   store.json                      the store's config: this store's own exit-lane secrets
//   demo-manager.json               the demo manager's name and password (mode 0600)
//   demo-staff.json                 the demo staff badge's PIN for the cart's Staff button (mode 0600)
//   cart/                           the emulated cart's key, its id from the store, its session log,
//                                   its copy of the store's catalog, the checkouts it owes the store
// store.json is the file `tally store --data DIR` reads too, so the same folder also runs as a
// plain store server.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toHex } from '../../../payments/common/lane/hex.js';

export interface EmulatedStoreLayout {
  readonly dir: string;
  readonly storeConfig: string;
  readonly manager: string;
  readonly staff: string;
  readonly cartDir: string;
  readonly cartKey: string;
  readonly cartId: string;
  readonly sessionLog: string;
  readonly catalogCopy: string;
  /** Checkouts under way at a lane or left unsettled while the store was unreachable (cart-app/node/exit-lane). */
  readonly owedCheckouts: string;
}

export function emulatedStoreLayout(dir: string): EmulatedStoreLayout {
  const root = path.resolve(dir);
  const cartDir = path.join(root, 'cart');
  return {
    dir: root,
    storeConfig: path.join(root, 'store.json'),
    manager: path.join(root, 'demo-manager.json'),
    staff: path.join(root, 'demo-staff.json'),
    cartDir,
    cartKey: path.join(cartDir, 'cart-key.pem'),
    cartId: path.join(cartDir, 'cart-id'),
    sessionLog: path.join(cartDir, 'session.log'),
    catalogCopy: path.join(cartDir, 'catalog.json'),
    owedCheckouts: path.join(cartDir, 'owed-checkouts.json'),
  };
}

/** The emulated store's exit lanes; the demo store's floor plan has four. */
export const EMULATED_LANES = [1, 2, 3, 4] as const;
/** 32 random bytes per lane, well inside the 16-64 the lane MAC accepts. */
const SECRET_BYTES = 32;

export type RandomBytes = (count: number) => Uint8Array;

/**
 * Writes store.json with a fresh secret for every lane when the folder has none yet; an existing
 * one is left as it is (the store checks it when it loads it). True when it was written now.
 * Each folder gets its own secrets: a shared default would let anyone's beacon open any store.
 */
export function createStoreConfigOnce(layout: EmulatedStoreLayout, random: RandomBytes = (n) => randomBytes(n)): boolean {
  mkdirSync(layout.dir, { recursive: true, mode: 0o700 });
  if (existsSync(layout.storeConfig)) return false;
  const laneSecrets = Object.fromEntries(EMULATED_LANES.map((lane) => [String(lane), toHex(random(SECRET_BYTES))]));
  // 'wx': two launchers racing on one folder never overwrite each other's secrets.
  writeFileSync(layout.storeConfig, `${JSON.stringify({ laneSecrets }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return true;
}
