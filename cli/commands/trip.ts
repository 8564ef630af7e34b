import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { scenarioSchema, type Scenario } from '../../cart-app/node/trip/scenario.js';
import { runScriptedTrip, type TripReport } from '../../cart-app/node/trip/run-trip.js';
import type { TripStore } from '../../cart-app/node/trip/trip-store.js';
import { StoreClient } from '../../cart-app/node/store-client/store-client.js';
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import { SimulatedClock } from '../../domain/common/clock.js';
import { seededRandom } from '../../domain/common/random.js';
import { err, ok, type Result } from '../../domain/common/result.js';
import { generateCartKeys } from '../../domain/node/cart-auth/keys.js';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { toHex } from '../../payments/common/lane/hex.js';
import { SandboxGateway } from '../../payments/node/gateway/sandbox.js';
import { LaneBeacon } from '../../payments/node/lane/beacon.js';
import { addManager } from '../../store/node/add-manager.js';
import { openStoreDatabase } from '../../store/node/open-store.js';
import type { SecureRandom } from '../../store/node/secure-random.js';
import { buildStoreServer } from '../../store/node/server/build-server.js';
import { UsageError, type Command } from '../command.js';
import { demoCatalogPath } from '../paths.js';

const usage = `Usage: tally trip SCENARIO.json [--no-store] [--wall] [--pretty]

Runs a scripted shopping trip headless through the emulated cart (runtime, loss prevention,
virtual scale and motion sensor, barcodes rendered and decoded for real) on a simulated clock,
and pays for it at a store server started in this process (sandbox gateway, exit-lane beacons
1-8). Prints one JSON object: the receipt, the payment, every alert and how it was resolved,
each step and the timings. The format is in README.md ("Scripted trips"); examples are in
cart-app/scenarios/.

--no-store  prices the trip on the cart only (payment "not-attempted")
--wall      adds wall-clock timings (these differ from run to run; the rest never does)
--pretty    indents the JSON`;

/** The in-process store's lanes, all known to it with their own secrets. */
const LANES = [1, 2, 3, 4, 5, 6, 7, 8];

/** Seeded bytes for the throw-away store: the same scenario gives the same ids and receipt numbers. */
function seededBytes(seed: number): SecureRandom {
  const random = seededRandom(seed);
  return { bytes: (count) => Uint8Array.from({ length: count }, () => random.int(0, 255)) };
}

export function parseScenario(text: string, file: string): Result<Scenario, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return err(`${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) return err(`${file} is not a scenario:\n${parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n')}`);
  return ok(parsed.data);
}

interface InProcessStore extends TripStore {
  readonly url: string;
}

/**
 * A real store server on 127.0.0.1, port 0, in a temporary folder: a manager, the scenario's
 * catalog, its shopper, and this cart paired the way staff pair one. It shares the trip's
 * simulated clock, so signatures, holds and lane tokens all agree with the cart's time.
 */
async function startStore(scenario: Scenario, catalogFile: string, clock: SimulatedClock): Promise<InProcessStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-trip-store-'));
  const random = seededBytes(scenario.hardware.seed);
  const db = await openStoreDatabase({ dataDir: dir }, clock);
  const secrets = new Map(LANES.map((lane) => [lane, random.bytes(32)]));
  const beacons = new Map(LANES.map((laneId) => [laneId, new LaneBeacon({ laneId, secret: secrets.get(laneId) as Uint8Array, clock, measuredPower: -59 })]));
  // Cheap scrypt: this store lives for one trip and its only password never leaves the process.
  const scrypt = { N: 1024, r: 8, p: 1 };
  const app = await buildStoreServer({ db, clock, random, scrypt, checkout: { gateway: new SandboxGateway({ clock }), laneSecrets: secrets } });
  const cleanup = async (): Promise<void> => {
    await app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const password = Buffer.from(random.bytes(18)).toString('base64url');
    const added = await addManager(db, { name: 'trip-manager', password }, { clock, random, scrypt });
    if (!added.ok) throw new Error(added.error);
    const staffCall = async (method: string, route: string, body?: unknown, token?: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`the in-process store refused ${method} ${route}: ${String(json.message ?? response.status)}`);
      return json;
    };
    const token = String((await staffCall('POST', '/api/staff/login', { name: 'trip-manager', password })).token);
    await staffCall('POST', '/api/catalog', JSON.parse(readFileSync(catalogFile, 'utf8')), token);
    const { shopper } = scenario;
    const shopperId = String((await staffCall('POST', '/api/shoppers', { name: shopper.name, email: 'scripted.shopper@example.com', membership: shopper.member ? 'member' : 'none', paymentMethod: shopper.paymentMethod }, token)).id);
    const client = new StoreClient({ baseUrl: url, keys: generateCartKeys(), clock });
    const pairing = await client.requestPairing('Scripted cart');
    if (!pairing.ok) throw new Error(pairing.error.message);
    await staffCall('POST', '/api/pairings/approve', { code: pairing.value.code, name: 'Scripted cart' }, token);
    return {
      url,
      signInCode: async () => String((await staffCall('POST', `/api/shoppers/${shopperId}/sign-in`, undefined, token)).token),
      async startTrip(code) {
        const trip = await client.startTrip(code);
        if (!trip.ok) return err(trip.error.message);
        return ok({ tripId: trip.value.tripId, shopperId: trip.value.shopper?.id ?? shopperId, member: trip.value.shopper?.member ?? shopper.member });
      },
      async hold(tripId) {
        const held = await client.hold(tripId);
        if (!held.ok) return { status: 'refused', reason: `${held.error.code}: ${held.error.message}` };
        return held.value.state === 'held' ? { status: 'held', amount: held.value.amount } : { status: 'refused', reason: 'the trip is already checked out' };
      },
      laneFrame(laneId) {
        const beacon = beacons.get(laneId);
        // A lane the store does not know: the cart hears some other beacon's frame, which the store refuses.
        return toHex((beacon ?? (beacons.get(1) as LaneBeacon)).manufacturerData());
      },
      async checkout(tripId, request) {
        const paid = await client.checkout(tripId, request);
        if (!paid.ok) return { status: 'refused', code: paid.error.code, reason: paid.error.message };
        return { status: 'paid', receiptId: paid.value.receiptId, total: paid.value.total, currency: paid.value.currency, receipt: paid.value.receipt };
      },
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Runs one scenario file; the CLI prints what this returns. */
export async function runScenarioFile(file: string, options: { readonly store: boolean; readonly wall: boolean }): Promise<Result<TripReport, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const scenario = parseScenario(text, file);
  if (!scenario.ok) return scenario;
  const catalogFile = scenario.value.catalog !== undefined ? path.resolve(path.dirname(file), scenario.value.catalog) : demoCatalogPath;
  const loaded = await loadCatalogFile(catalogFile);
  if (!loaded.ok) return err(loaded.error.message);
  const catalog: Catalog = loaded.value;
  const clock = new SimulatedClock(scenario.value.startAt);
  const store = options.store ? await startStore(scenario.value, catalogFile, clock) : undefined;
  try {
    const report = await runScriptedTrip({
      scenario: scenario.value,
      catalog,
      clock,
      measureWall: options.wall,
      ...(store ? { store } : { noStoreReason: 'run with --no-store: priced by the cart only' }),
    });
    return ok(report);
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  } finally {
    await store?.close();
  }
}

export const tripCommand: Command = {
  name: 'trip',
  summary: 'run a scripted shopping trip headless and print its receipt, payment and alerts as JSON',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'no-store': { type: 'boolean' }, wall: { type: 'boolean' }, pretty: { type: 'boolean' } } });
    if (positionals.length !== 1) throw new UsageError('name one scenario file');
    const report = await runScenarioFile(positionals[0] as string, { store: values['no-store'] !== true, wall: values.wall === true });
    if (!report.ok) {
      console.error(report.error);
      return 1;
    }
    console.log(JSON.stringify(report.value, null, values.pretty ? 2 : undefined));
    return 0;
  },
};
