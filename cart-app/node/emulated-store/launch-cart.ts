// The cart half of the emulated store, against a store server that is already listening: the
// launcher signs in as the demo manager, pairs a fresh emulated cart (or finds it paired from an
// earlier start), takes the store's catalog (kept in step from then on), connects the cart to the
// store's fleet board, puts the store's exit lanes on a virtual store front the cart listens to,
// signs the demo shopper in through the QR path, serves the touch UI and opens it, and serves the
// emulator panel beside it. It talks to the store over HTTP and the
// cart's live WebSocket only, as a real cart and a real member of staff would.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { EmulatedCart } from '../emulated/emulated-cart.js';
import type { StaffConfig } from '../runtime/staff-session.js';
import { AlertSnapshots } from '../store-link/alert-snapshots.js';
import type { CatalogSync } from '../store-link/catalog-sync.js';
import type { FleetLink } from '../store-link/fleet-link.js';
import { defaultCartSettings } from '../emulated/virtual-cart.js';
import { startUiServer, type UiServer } from '../ui-server/ui-server.js';
import { openCartWindow, type CartWindow } from './cart-window.js';
import { pairEmulatedCart } from './cart-pairing.js';
import { connectCatalog } from './catalog-connection.js';
import type { EmulatedStoreLayout } from './data-folder.js';
import type { ManagerCredentials } from './demo-manager.js';
import { EmulatorPanel } from './emulator-panel.js';
import { openExitLanes } from './exit-lanes.js';
import { connectToFleet } from './fleet-connection.js';
import { EmulatedStoreError } from './errors.js';
import { startPanelServer, type PanelServer } from './panel-server.js';
import { WallClockPump } from './real-time.js';
import { signInThroughQr } from './shopper-sign-in.js';
import { StaffDesk } from './staff-desk.js';

export interface LaunchCartOptions {
  readonly layout: EmulatedStoreLayout;
  readonly storeUrl: string;
  readonly manager: ManagerCredentials;
  /** Who may sign in on the cart's Staff button. */
  readonly staff?: StaffConfig;
  /** The cart software's version, as the fleet board shows it. */
  readonly version: string;
  /** The built touch UI. */
  readonly uiDist: string;
  /** 0 picks a free port. */
  readonly uiPort: number;
  /** The emulator panel's port (served from the same build); 0 picks a free one. */
  readonly panelPort: number;
  readonly log: (line: string) => void;
  readonly cartName?: string;
  /** Shows the UI (Electron when present); tests pass one that opens nothing. */
  readonly openWindow?: (url: string) => CartWindow;
}

export interface LaunchedCart {
  readonly cartId: string;
  readonly uiUrl: string;
  /** The emulator panel: the cart's hardware, driven by hand. */
  readonly panelUrl: string;
  /** The demo shopper's page on the store, through a one-time link. */
  readonly shopperPageUrl: string;
  readonly window: CartWindow;
  readonly cart: EmulatedCart;
  /** The cart's live connection to the store's fleet board. */
  readonly fleet: FleetLink;
  /** Keeps the cart's catalog in step with the store's. */
  readonly catalogSync: CatalogSync;
  /** Everything it opened, closed in reverse. */
  close(): Promise<void>;
}

/** For the log only: the store's currency in its own locale. */
const money = (minor: number, catalog: Catalog): string => {
  const { currency, minorUnits, locale } = catalog.store;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: minorUnits }).format(minor / 10 ** minorUnits);
};

export async function launchEmulatedCart(options: LaunchCartOptions): Promise<LaunchedCart> {
  const { layout, storeUrl, log } = options;
  const cartName = options.cartName ?? 'Emulated cart 1';
  const closers: (() => unknown)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const desk = await StaffDesk.signIn(storeUrl, options.manager);
    const clock = new SimulatedClock(Date.now());
    const pump = new WallClockPump(clock);
    closers.push(() => pump.stop());

    const paired = await pairEmulatedCart({ layout, storeUrl, clock, desk, cartName });
    log(paired.approvedCode === null ? `Cart ${paired.cartId} is paired with the store (from an earlier start).` : `Cart ${paired.cartId} asked to pair with code ${paired.approvedCode}; approved by ${options.manager.name}.`);

    const identity = { baseUrl: storeUrl, keys: paired.keys, cartId: paired.cartId, clock };
    const catalogLink = await connectCatalog(identity, layout.catalogCopy, log);
    closers.push(() => catalogLink.close());
    const { catalog } = catalogLink;

    const opened = await EmulatedCart.open({ catalog, sessionFile: layout.sessionLog, clock, cartId: paired.cartId, settings: defaultCartSettings, warn: (m) => log(`note: ${m}`), staffBadges: (badge) => paired.client.checkStaffBadge(badge), ...(options.staff ? { staff: options.staff } : {}) });
    if (!opened.ok) throw new EmulatedStoreError('cart', `the emulated cart would not open: ${opened.error.message}`);
    const cart = opened.value;
    closers.push(() => cart.close());
    pump.driveWith((ms) => cart.body.advance(ms));
    catalogLink.feed(cart);
    // What the basket camera saw when loss prevention raised an alert, for the staff's review.
    const evidence = new AlertSnapshots({ cart: cart.runtime, cameras: [cart.camera], upload: (tripId, snapshot) => paired.client.uploadSnapshot(tripId, snapshot), clock, warn: (m) => log(`note: ${m}`) });
    closers.push(() => evidence.close());
    // The store's exit lanes on the virtual store front, and the cart paying as it rolls through one.
    const lanes = await openExitLanes({ layout, cart, store: paired.client, clock, log });
    if (lanes) closers.push(() => lanes.close());
    const fleet = connectToFleet(cart, identity, options.version, log, lanes?.watch);
    closers.push(() => fleet.close());

    const shopperId = await desk.demoShopper();
    const resumedTrip = cart.resumed ? cart.runtime.trip?.tripId : undefined;
    if (resumedTrip !== undefined) log(`The cart carries on with trip ${resumedTrip} from its session log.`);
    else {
      const signedIn = await signInThroughQr(cart, paired.client, await desk.signInCode(shopperId), lanes?.watch);
      log(`${signedIn.shopperName} signed in by showing their QR to the cart camera: trip ${signedIn.tripId}, ${signedIn.hold.held ? `${money(signedIn.hold.amount, catalog)} held on their card` : `no hold (${signedIn.hold.reason})`}.`);
    }

    let screen: UiServer;
    try {
      screen = await startUiServer({ runtime: cart.runtime, distDir: options.uiDist, port: options.uiPort });
    } catch (error) {
      throw new EmulatedStoreError('cart', `the touch UI could not listen on port ${options.uiPort}: ${error instanceof Error ? error.message : String(error)}`);
    }
    closers.push(() => screen.close());
    let panel: PanelServer;
    try {
      const emulator = new EmulatorPanel(cart, lanes);
      closers.push(() => emulator.close());
      panel = await startPanelServer({ panel: emulator, distDir: options.uiDist, port: options.panelPort });
    } catch (error) {
      throw new EmulatedStoreError('cart', `the emulator panel could not listen on port ${options.panelPort}: ${error instanceof Error ? error.message : String(error)}`);
    }
    closers.push(() => panel.close());
    const shopperPageUrl = await desk.shopperPageLink(shopperId);
    const window = (options.openWindow ?? ((url: string) => openCartWindow(url, { log })))(screen.url);
    closers.push(() => window.close());
    return { cartId: paired.cartId, uiUrl: screen.url, panelUrl: panel.url, shopperPageUrl, window, cart, fleet: fleet.link, catalogSync: catalogLink.sync, close };
  } catch (error) {
    await close();
    throw error;
  }
}
