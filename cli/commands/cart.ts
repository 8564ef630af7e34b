import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConsoleCart, consoleHelp } from '../../cart-app/node/console-cart.js';
import { EmulatedCart } from '../../cart-app/node/emulated/emulated-cart.js';
import { describeLaneOutcome, EmulatorConsole, emulatorHelp } from '../../cart-app/node/emulated/emulator-console.js';
import { defaultCartSettings } from '../../cart-app/node/emulated/virtual-cart.js';
import { connectCatalog } from '../../cart-app/node/emulated-store/catalog-connection.js';
import { EmulatedStoreError } from '../../cart-app/node/emulated-store/errors.js';
import { startExitLanes, type ExitLanes } from '../../cart-app/node/emulated-store/exit-lanes.js';
import { connectToFleet } from '../../cart-app/node/emulated-store/fleet-connection.js';
import { settleThenSignIn } from '../../cart-app/node/exit-lane/settle-then-sign-in.js';
import { liveView } from '../../cart-app/node/runtime/live-view.js';
import { StoreClient } from '../../cart-app/node/store-client/store-client.js';
import { AlertSnapshots } from '../../cart-app/node/store-link/alert-snapshots.js';
import { SimulatedClock } from '../../domain/common/clock.js';
import { exportPrivateKey, generateCartKeys, importCartKeys, type CartKeys } from '../../domain/node/cart-auth/keys.js';
import { laneSecretsSchema } from '../../payments/common/lane/secrets.js';
import { UsageError, type Command } from '../command.js';
import { cartVersion, projectRoot } from '../paths.js';

const usage = `Usage: tally cart --emulated --store URL [--name NAME] [--data DIR] [--lanes 3=HEX,...]

Starts one more emulated cart (a virtual board under the real johnny-five drivers: scale, motion
sensor, battery, pole light; a camera; loss prevention) against a running store server, e.g. the
one \`tally store\` or \`tally emulate\` prints. A new cart asks the store to pair and prints its
pairing code; approve it on the staff dashboard and the cart carries on. Like the cart of
\`tally emulate\`, it sells from the store's catalog (kept in step, with a copy on disk for when
the store is away), shows on the store's fleet board (battery, faults, a call for help; staff can
lock it from there), and hands in the basket camera's picture of every alert for the review.
Its key, id, catalog copy and session log are kept under --data (default .tally/carts/NAME), so
it pairs once.

Beside the terminal cart's words and the emulator's (show, put, out, push, button, dock, undock,
scale, board, status), it knows:
  signin CODE     the shopper's sign-in code, shown to the camera as their phone's QR
  badge TEXT      a staff badge's QR text (from the dashboard's Staff tab), shown to the camera
  lane N          walk the cart from where it is into exit lane N; its exit-lane watch hears the
                  lane's beacons on the virtual store front and pays as it enters, as a real
                  cart does (needs --lanes with the store's lane secrets, in the store's
                  TALLY_STORE_LANE_SECRETS format, to emulate the lane beacons)
  floor           walk the cart back out onto the store floor`;

/** How long the cart waits for a member of staff to approve its pairing code. */
const PAIRING_WAIT_MS = 10 * 60_000;
const POLL_MS = 2000;

function loadKeys(dir: string): { keys: CartKeys; cartId: string | undefined } {
  const keyFile = path.join(dir, 'cart-key.pem');
  const idFile = path.join(dir, 'cart-id');
  if (!existsSync(keyFile)) {
    const keys = generateCartKeys();
    writeFileSync(keyFile, exportPrivateKey(keys), { mode: 0o600 });
    return { keys, cartId: undefined };
  }
  return { keys: importCartKeys(readFileSync(keyFile, 'utf8')), cartId: existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : undefined };
}

async function pair(client: StoreClient, name: string, dir: string, print: (t: string) => void): Promise<boolean> {
  const status = await client.status();
  if (status.ok && status.value.state === 'paired') return true;
  const asked = await client.requestPairing(name);
  if (!asked.ok) {
    print(`The store refused to pair: ${asked.error.message}`);
    return false;
  }
  writeFileSync(path.join(dir, 'cart-id'), client.cartId);
  print(`Pairing code ${asked.value.code}: approve it on the staff dashboard (waiting up to ${PAIRING_WAIT_MS / 60_000} minutes).`);
  for (let waited = 0; waited < PAIRING_WAIT_MS; waited += POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await client.status();
    if (now.ok && now.value.state === 'paired') return true;
  }
  print('Nobody approved the pairing code in time.');
  return false;
}

/** The cart software's version for the fleet board: the project's own. */
export const cartCommand: Command = {
  name: 'cart',
  summary: 'start one more emulated cart against a running store',
  usage,
  async run(args) {
    const { values } = parseArgs({ args, options: { emulated: { type: 'boolean' }, store: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' }, lanes: { type: 'string' } } });
    if (!values.emulated) throw new UsageError('only emulated carts start from here (--emulated); a real cart runs the Electron app');
    if (values.store === undefined || !/^https?:\/\//.test(values.store)) throw new UsageError('--store wants the store server\'s URL, e.g. http://127.0.0.1:8080');
    const name = values.name ?? 'Emulated cart';
    const lanes = laneSecretsSchema.safeParse(values.lanes ?? {});
    if (!lanes.success) throw new UsageError(`--lanes: ${lanes.error.issues.map((i) => i.message).join('; ')}`);
    const dir = path.resolve(values.data ?? path.join(projectRoot, '.tally', 'carts', name.replace(/[^A-Za-z0-9._-]+/g, '-')));
    mkdirSync(dir, { recursive: true });
    const print = (text: string): void => console.log(text);
    // One clock for the hardware, the signatures and the lane beacons, kept on the wall clock.
    const clock = new SimulatedClock(Date.now());
    const { keys, cartId } = loadKeys(dir);
    const client = new StoreClient({ baseUrl: values.store, keys, clock, ...(cartId ? { cartId } : {}) });
    const pump = setInterval(() => clock.advance(Math.max(0, Date.now() - clock.now())), 200);
    try {
      if (!(await pair(client, name, dir, print))) return 1;
    } finally {
      clearInterval(pump);
    }
    const identity = { baseUrl: values.store, keys, cartId: client.cartId, clock };
    let catalogLink: Awaited<ReturnType<typeof connectCatalog>>;
    try {
      catalogLink = await connectCatalog(identity, path.join(dir, 'catalog.json'), print);
    } catch (error) {
      if (!(error instanceof EmulatedStoreError)) throw error;
      console.error(error.message);
      return 1;
    }
    const opened = await EmulatedCart.open({
      catalog: catalogLink.catalog,
      sessionFile: path.join(dir, 'session.log'),
      clock,
      cartId: client.cartId,
      settings: defaultCartSettings,
      warn: (m) => print(`note: ${m}`),
      staffBadges: (badge) => client.checkStaffBadge(badge),
    });
    if (!opened.ok) {
      catalogLink.close();
      console.error(opened.error.message);
      return 1;
    }
    const hardware = opened.value;
    catalogLink.feed(hardware);
    // The store's lanes on a virtual store front and the cart's exit-lane watch, as `tally emulate` has them.
    let exitLanes: ExitLanes | undefined;
    try {
      exitLanes = lanes.data.size === 0 ? undefined : await startExitLanes({ secrets: lanes.data, cart: hardware, store: client, clock, owedFile: path.join(dir, 'owed-checkouts.json'), log: print });
    } catch (error) {
      catalogLink.close();
      hardware.close();
      if (!(error instanceof EmulatedStoreError)) throw error;
      console.error(error.message);
      return 1;
    }
    exitLanes?.watch.on((outcome) => {
      const said = describeLaneOutcome(outcome);
      if (said !== null) print(said);
    });
    const fleet = connectToFleet(hardware, identity, cartVersion(), print, exitLanes?.watch);
    const evidence = new AlertSnapshots({ cart: hardware.runtime, cameras: [hardware.camera], upload: (tripId, snapshot) => client.uploadSnapshot(tripId, snapshot), clock, warn: (m) => print(`note: ${m}`) });
    // The terminal names products from the catalog the cart sells from now.
    const catalog = liveView(() => hardware.runtime.catalog);
    const terminal = ConsoleCart.attach(hardware.runtime, hardware.resumed ? 'resumed' : 'none', { catalog, sessionFile: path.join(dir, 'session.log'), clock, cartId: client.cartId, shopperId: 'nobody', member: false, print });
    const emulator = new EmulatorConsole(hardware, terminal, print);
    const stop = emulator.runInRealTime(clock);
    print(`Cart ${client.cartId} is paired with ${values.store}. Waiting for a shopper: type "signin CODE".`);
    const lines = createInterface({ input: process.stdin });
    try {
      for await (const line of lines) {
        const [word = '', arg = ''] = line.trim().split(/\s+/);
        if (word === 'help') print(`${consoleHelp}\n${emulatorHelp}\n${usage.slice(usage.indexOf('  signin'))}`);
        else if (word === 'signin') {
          const read = await hardware.camera.show({ text: arg, kind: 'qrcode' });
          const trip = read.ok ? await settleThenSignIn(exitLanes?.watch, () => client.startTrip(read.value.text)) : null;
          if (!trip?.ok) print(`Sign-in refused: ${trip ? trip.error.message : read.ok ? '' : read.error.message}`);
          else {
            const signed = hardware.runtime.signIn({ tripId: trip.value.tripId, shopperId: trip.value.shopper?.id ?? 'shopper', member: trip.value.shopper?.member ?? false });
            const hold = signed.ok ? await client.hold(trip.value.tripId) : null;
            print(!signed.ok ? signed.error.message : `Hello ${trip.value.shopper?.name ?? ''}! ${hold?.ok && hold.value.state === 'held' ? `(${hold.value.amount} held on your card)` : `(no hold: ${hold && !hold.ok ? hold.error.message : ''})`}`);
          }
        } else if (word === 'badge') {
          const read = await hardware.camera.show({ text: arg, kind: 'qrcode' });
          const signed = read.ok ? await hardware.runtime.signInWithBadge(read.value.text) : null;
          if (!read.ok) print(`The camera could not read the badge: ${read.error.message}`);
          else if (signed?.ok) print(hardware.runtime.state.staff ? `Staff ${hardware.runtime.state.staff.staffId} signed in.` : 'The badge was just checked; hold it up again in a few seconds.');
          else if (signed) print(signed.error.message);
        } else if (word === 'lane' || word === 'floor') {
          const laneId = word === 'lane' ? Number(arg) : null;
          if (!exitLanes) print("No lanes to walk through: give the store's lane secrets with --lanes.");
          else if (laneId !== null && !exitLanes.virtual.lanes.includes(laneId)) print(`There is no lane ${arg}; the lanes are ${exitLanes.virtual.lanes.join(', ')}.`);
          else {
            const seconds = Math.round(exitLanes.virtual.walkTo(laneId) / 1000);
            print(laneId === null ? `Walking back onto the store floor (${seconds} s).` : `Walking into lane ${laneId} (${seconds} s); the cart pays as it enters the lane.`);
          }
        } else if (!(await emulator.handle(line))) break;
      }
    } finally {
      lines.close();
      await exitLanes?.close();
      stop();
      evidence.close();
      fleet.close();
      catalogLink.close();
      emulator.close();
      hardware.close();
    }
    return 0;
  },
};
