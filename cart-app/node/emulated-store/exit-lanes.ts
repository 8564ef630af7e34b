// The emulated store's exit lanes for its cart: the lanes and their secrets from the store's own
// config (store.json, which `tally store` reads too), laid out as a store front on the virtual
// BLE world, and the cart's exit-lane watch listening to them through noble and paying at the
// store exactly as a real cart does. The panel walks the cart through them.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { seededRandom } from '../../../domain/common/random.js';
import { LANE_STRIP_PRESENCE_RULE } from '../../../payments/common/lane/presence.js';
import { laneSecretsSchema } from '../../../payments/common/lane/secrets.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import { laneBeacons, VirtualLanes } from '../emulated/virtual-lanes.js';
import { ExitLaneWatch } from '../exit-lane/exit-lane-watch.js';
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
  const feeling = cart.feelStrips(virtual.strip);
  const watch = ExitLaneWatch.open({
    runtime: cart.runtime,
    store: options.store,
    radio: virtual.radio,
    // The store front has a strip across each mouth, and the cart's switch reports crossing it.
    strip: feeling.strip,
    rule: LANE_STRIP_PRESENCE_RULE,
    clock,
    owedFile: options.owedFile,
    light: cart.hardware.light,
    basketSettling: () => !cart.lossPrevention.settled,
    warn: (m) => log(`note: ${m}`),
  });
  if (!watch.ok) {
    feeling.stop();
    throw new EmulatedStoreError('cart', `the cart's exit-lane watch would not start: ${watch.error.message}`);
  }
  try {
    await virtual.start();
  } catch (error) {
    watch.value.close();
    feeling.stop();
    throw new EmulatedStoreError('cart', `the cart's radio would not scan for lanes: ${error instanceof Error ? error.message : String(error)}`);
  }
  log(`Exit lanes ${virtual.lanes.join(', ')} are on the virtual store front; walk the cart through one from the emulator panel.`);
  return {
    virtual,
    watch: watch.value,
    async close() {
      watch.value.close();
      feeling.stop();
      await virtual.close();
    },
  };
}
