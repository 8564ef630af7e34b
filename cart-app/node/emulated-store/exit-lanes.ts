// The emulated store's exit lanes for its cart: the lanes and their secrets from the store's own
// config (store.json, which `tally store` reads too), laid out as a store front on the virtual
// BLE world, and the cart's exit-lane watch listening to them through noble and paying at the
// store exactly as a real cart does. The panel walks the cart through them.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import { laneSecretsSchema } from '../../../payments/common/lane/secrets.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import { laneBeacons, VirtualLanes } from '../emulated/virtual-lanes.js';
import type { CheckoutPort } from '../exit-lane/store-answer.js';
import type { EmulatedStoreLayout } from './data-folder.js';
import { EmulatedStoreError } from './errors.js';
import type { PanelLanes } from './emulator-panel.js';

const storeLanes = z.looseObject({
  laneSecrets: laneSecretsSchema.optional(),
  laneRotationExponent: z.coerce.number().int().min(0).max(15).optional(),
});

export interface ExitLanes extends PanelLanes {
  close(): Promise<void>;
}

/** The lanes of the store's config, or undefined when it has none or no config (the panel then says so). */
export async function openExitLanes(options: { readonly layout: EmulatedStoreLayout; readonly cart: EmulatedCart; readonly store: CheckoutPort; readonly clock: SimulatedClock; readonly log: (line: string) => void }): Promise<ExitLanes | undefined> {
  const { layout, cart, clock, log } = options;
  let config: z.output<typeof storeLanes>;
  try {
    config = existsSync(layout.storeConfig) ? storeLanes.parse(JSON.parse(readFileSync(layout.storeConfig, 'utf8'))) : {};
  } catch (error) {
    throw new EmulatedStoreError('data-folder', `the store's lanes in ${layout.storeConfig} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const secrets = config.laneSecrets ?? new Map<number, Uint8Array>();
  if (secrets.size === 0) {
    log('The store has no exit lanes configured: the cart cannot walk out through one.');
    return undefined;
  }
  return startExitLanes({ secrets, ...(config.laneRotationExponent === undefined ? {} : { rotationExponent: config.laneRotationExponent }), cart, store: options.store, clock, owedFile: layout.owedCheckouts, log });
}

export interface StartExitLanesOptions {
  /** The store's lanes and their beacon secrets (the store checks the tokens with the same). */
  readonly secrets: ReadonlyMap<number, Uint8Array>;
  readonly rotationExponent?: number;
  readonly cart: EmulatedCart;
  readonly store: CheckoutPort;
  readonly clock: SimulatedClock;
  /** Where the watch keeps the checkouts the cart owes the store. */
  readonly owedFile: string;
  readonly log: (line: string) => void;
}

/** The lanes on the virtual store front and the cart's watch on them (`tally emulate`, `tally cart --emulated`). */
export async function startExitLanes(options: StartExitLanesOptions): Promise<ExitLanes> {
  const { secrets, cart, clock, log } = options;
  // The radio's noise is seeded from the start time: each start hears its own packets.
  const opened = VirtualLanes.open({ clock, random: seededRandom(clock.now() % 2 ** 32), ...laneBeacons(secrets, clock, options.rotationExponent) });
  if (!opened.ok) throw new EmulatedStoreError('cart', `the virtual lanes would not start: ${opened.error.message}`);
  const virtual = opened.value;
  const watching = cart.watchLanes(virtual, { store: options.store, clock, owedFile: options.owedFile, warn: (m) => log(`note: ${m}`) });
  if (!watching.ok) throw new EmulatedStoreError('cart', `the cart's exit-lane watch would not start: ${watching.error.message}`);
  const { watch, stop } = watching.value;
  try {
    await virtual.start();
  } catch (error) {
    watch.close();
    stop();
    throw new EmulatedStoreError('cart', `the cart's radio would not scan for lanes: ${error instanceof Error ? error.message : String(error)}`);
  }
  log(`Exit lanes ${virtual.lanes.join(', ')} are on the virtual store front; walk the cart through one from the emulator panel.`);
  return {
    virtual,
    watch,
    async close() {
      watch.close();
      stop();
      await virtual.close();
    },
  };
}
