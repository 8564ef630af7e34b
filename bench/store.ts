// `npm run bench -- store [--seconds N] [--carts N] [--trips N]`: the store server under a
// store's daily load. The real `tally store` runs in a child process (port 0, SQLite in a temp
// folder, the demo catalog), so its CPU and memory are its own; this process drives it over
// loopback. Carts are paired through the real pairing flow (signed request, staff approval) and
// sign every request with their own key. Two phases of --seconds each, in the same run:
//   reference  trips only: --trips per second, each a staff-issued sign-in code, a trip start
//              and a checkout-sized trip log upload (signed, 26 events, ~5 KB)
//   loaded     the same trips, plus --carts carts holding a live connection and reporting every
//              5 s, and one dashboard watching the live fleet board
// Latency is wall time per request, p50/p99 per route; CPU is the server process's user+system
// time over the phase (100 % = one core); RSS is read from /proc. Linux only (for /proc).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { systemClock } from '../domain/common/clock.js';
import { cartAuthHeaders, generateCartKeys, type CartKeys } from '../domain/node/cart-auth/keys.js';
import { addManager } from '../store/node/add-manager.js';
import { openStoreDatabase } from '../store/node/open-store.js';
import { cryptoRandom } from '../store/node/secure-random.js';
import type { Benchmark } from './benchmark.js';
import { summarize, type Summary } from './stats.js';

const MANAGER = { name: 'bench', password: 'benchmark manager password' };
const REPORT_EVERY_MS = 5_000;
const SHOPPERS = 20;
const BASKET = ['cilantro', 'lettuce-romaine', 'corn-yellow', 'avocado-hass-large'];
const CLI_MAIN = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

/** The running `tally store` child and its URL. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = `const { main } = await import(${JSON.stringify(`file://${CLI_MAIN}`)}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'store', '--port', '0', '--host', '127.0.0.1', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TALLY_STORE_LOG_LEVEL: 'warn' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const url = /store listening on (http:\/\/[\d.:]+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`tally store exited with ${code} before listening:\n${out}`)));
  });
}

/** CPU time and resident memory of a process, from /proc. */
class ProcessMeter {
  readonly #ticksPerSecond: number;
  peakRss = 0;

  constructor(private readonly pid: number) {
    this.#ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  }

  /** User + system CPU milliseconds so far. */
  cpuMs(): number {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / this.#ticksPerSecond;
  }

  rssBytes(): number {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
    this.peakRss = Math.max(this.peakRss, kb * 1024);
    return kb * 1024;
  }
}

/** Request latencies by route, and the answers that were not the expected status. */
class Recorder {
  readonly samples = new Map<string, number[]>();
  readonly failures = new Map<string, number>();

  add(route: string, ms: number): void {
    const list = this.samples.get(route) ?? [];
    list.push(ms);
    this.samples.set(route, list);
  }

  fail(route: string): void {
    this.failures.set(route, (this.failures.get(route) ?? 0) + 1);
  }
}

class BenchError extends Error {
  override readonly name = 'BenchError';
}

/** Staff and cart requests against the server, timed into a recorder. */
class StoreClient {
  recorder = new Recorder();
  staffToken = '';

  constructor(readonly base: string) {}

  async #send(route: string, url: string, init: RequestInit, status: number): Promise<Record<string, unknown> | undefined> {
    const t0 = performance.now();
    const response = await fetch(`${this.base}${url}`, init);
    const text = await response.text();
    this.recorder.add(route, performance.now() - t0);
    if (response.status !== status) {
      this.recorder.fail(route);
      return undefined;
    }
    return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  }

  staff(route: string, method: string, url: string, body: unknown, status: number): Promise<Record<string, unknown> | undefined> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.staffToken}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.#send(route, url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, status);
  }

  cart(route: string, cart: BenchCart, url: string, body: unknown, status: number): Promise<Record<string, unknown> | undefined> {
    const payload = JSON.stringify(body);
    const headers = cartAuthHeaders(cart.keys, { cartId: cart.id, method: 'POST', path: url, body: payload, timestamp: Date.now() });
    return this.#send(route, url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: payload }, status);
  }
}

interface BenchCart {
  readonly keys: CartKeys;
  id: string;
}

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new BenchError(`${what} failed while setting up`);
  return value;
};

/** A checkout-sized trip log: sign-in, 12 scans each with its weight step, and the lane. */
function tripLog(tripId: string, shopperId: string): unknown[] {
  const at = Date.now() - 20 * 60_000;
  const events: Record<string, unknown>[] = [{ type: 'signedIn', tripId, shopperId, member: false }];
  for (let n = 0; n < 12; n++) {
    events.push({ type: 'scanned', lineId: `l${n}`, code: '0123456789012', symbology: 'ean-13', sku: BASKET[n % BASKET.length], measure: { by: 'each', quantity: 1 + (n % 3) } });
    events.push({ type: 'weighed', stepId: `s${n}`, deltaMg: 150_000 + n * 1_000, uncertaintyMg: 5_000 });
  }
  events.push({ type: 'checkoutStarted', laneId: 'lane-1' });
  return events.map((e, i) => ({ ...e, seq: i + 1, at: at + i * 30_000 }));
}

/** Runs `fire` `perSecond` times a second for `seconds`, on schedule whether or not earlier calls finished (open loop). */
async function openLoop(seconds: number, perSecond: number, fire: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  const total = Math.round(seconds * perSecond);
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    running.push(fire(i));
  }
  await Promise.all(running);
}

/** A cart's live connection, reporting every 5 s; the time from each report to its ack is recorded. */
function liveCart(base: string, cart: BenchCart, recorder: Recorder, firstAfterMs: number): Promise<{ stop(): void }> {
  const url = '/api/cart/live';
  const headers = cartAuthHeaders(cart.keys, { cartId: cart.id, method: 'GET', path: url, body: '', timestamp: Date.now() });
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${url}`, { headers });
  const sent: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const report = (): void => {
    sent.push(performance.now());
    ws.send(JSON.stringify({ battery: 80, charging: false, docked: false, state: 'shopping', version: '0.1.0', faults: [] }));
  };
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string };
    if (message.type !== 'ack' && message.type !== 'error') return;
    const t0 = sent.shift();
    if (t0 === undefined) return;
    if (message.type === 'ack') recorder.add('live report → ack', performance.now() - t0);
    else recorder.fail('live report → ack');
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      timer = setTimeout(() => {
        report();
        timer = setInterval(report, REPORT_EVERY_MS);
      }, firstAfterMs);
      resolve({
        stop() {
          clearTimeout(timer);
          clearInterval(timer);
          ws.close();
        },
      });
    });
    ws.once('unexpected-response', (_request, response) => reject(new BenchError(`cart ${cart.id}: live connection refused with ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

interface Phase {
  readonly recorder: Recorder;
  readonly cpuPercent: number;
  readonly rssMiB: number;
}

const mib = (bytes: number): number => bytes / (1024 * 1024);
const ms = (v: number): string => `${v.toFixed(1)} ms`.padStart(9);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

const bench: Benchmark = {
  summary: 'store server in a child process: carts reporting live plus trip uploads, p50/p99 per route, CPU and RSS, against the same trips with no carts live',
  async run(ctx) {
    const { values } = parseArgs({
      args: [...ctx.args],
      options: { seconds: { type: 'string', default: '20' }, carts: { type: 'string', default: '200' }, trips: { type: 'string', default: '20' } },
    });
    const seconds = Number(values.seconds);
    const cartCount = Number(values.carts);
    const tripsPerSecond = Number(values.trips);
    for (const [name, v] of [['seconds', seconds], ['carts', cartCount], ['trips', tripsPerSecond]] as const) {
      if (!(v > 0)) throw new RangeError(`--${name} must be a positive number`);
    }

    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-bench-store-'));
    let server: { child: ChildProcess; url: string } | undefined;
    const sockets: { stop(): void }[] = [];
    try {
      // The first manager, the documented way (scrypt at the production parameters).
      const setup = await openStoreDatabase({ dataDir }, systemClock);
      const added = await addManager(setup, MANAGER, { clock: systemClock, random: cryptoRandom });
      await setup.close();
      if (!added.ok) throw new BenchError(`add-manager: ${added.error}`);

      server = await startServer(dataDir);
      const meter = new ProcessMeter(must(server.child.pid, 'the server process'));
      const client = new StoreClient(server.url);
      const login = must(await client.staff('login', 'POST', '/api/staff/login', MANAGER, 200), 'staff login');
      client.staffToken = String(login.token);

      const t0 = performance.now();
      const carts: BenchCart[] = [];
      for (let i = 0; i < cartCount; i++) {
        const cart: BenchCart = { keys: generateCartKeys(), id: 'pairing' };
        const asked = must(await client.cart('pairing', cart, '/api/pairing', { publicKey: cart.keys.publicKey }, 201), `pairing cart ${i}`);
        must(await client.staff('approve', 'POST', '/api/pairings/approve', { code: asked.code, name: `Cart ${i + 1}` }, 200), `approving cart ${i}`);
        cart.id = String(asked.cartId);
        carts.push(cart);
      }
      const shoppers: string[] = [];
      for (let i = 0; i < SHOPPERS; i++) {
        const created = must(await client.staff('shopper', 'POST', '/api/shoppers', { name: `Shopper ${i}`, email: `shopper${i}@example.com`, paymentMethod: 'pm_sandbox_approve' }, 201), 'shopper');
        shoppers.push(String(created.id));
      }
      ctx.log(`setup: ${cartCount} carts paired through the pairing flow, ${SHOPPERS} shoppers, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      let nextCart = 0;
      const trip = async (i: number): Promise<void> => {
        // Round robin: with 200 carts at 20 trips/s each cart starts a trip every 10 s, long after its last one ended.
        const cart = carts[nextCart++ % carts.length] as BenchCart;
        const shopperId = shoppers[i % shoppers.length] as string;
        const code = await client.staff('POST /api/shoppers/:id/sign-in', 'POST', `/api/shoppers/${shopperId}/sign-in`, undefined, 201);
        if (!code) return;
        const started = await client.cart('POST /api/cart/trips', cart, '/api/cart/trips', { signInToken: code.token }, 201);
        if (!started) return;
        const tripId = String(started.tripId);
        await client.cart('POST /api/cart/trips/:id/events', cart, `/api/cart/trips/${tripId}/events`, { events: tripLog(tripId, shopperId) }, 200);
      };
      const phase = async (): Promise<Phase> => {
        client.recorder = new Recorder();
        const cpu0 = meter.cpuMs();
        const wall0 = performance.now();
        const sampler = setInterval(() => meter.rssBytes(), 500);
        await openLoop(seconds, tripsPerSecond, trip);
        clearInterval(sampler);
        const cpuPercent = ((meter.cpuMs() - cpu0) / (performance.now() - wall0)) * 100;
        return { recorder: client.recorder, cpuPercent, rssMiB: mib(meter.rssBytes()) };
      };

      await openLoop(5, tripsPerSecond, trip); // JIT, caches and connection pool warm up; not counted
      const reference = await phase();

      const connecting = performance.now();
      const live = new Recorder();
      for (const [i, cart] of carts.entries()) sockets.push(await liveCart(server.url, cart, live, (i * REPORT_EVERY_MS) / cartCount));
      const board = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/fleet/live`, { headers: { authorization: `Bearer ${client.staffToken}` } });
      let boardEvents = 0;
      board.on('message', () => boardEvents++);
      sockets.push({ stop: () => board.close() });
      ctx.log(`${cartCount} live connections opened in ${((performance.now() - connecting) / 1000).toFixed(1)} s`);
      await sleep(REPORT_EVERY_MS); // every cart has reported once: the steady state
      live.samples.clear();
      boardEvents = 0;
      const loaded = await phase();
      for (const [route, list] of live.samples) loaded.recorder.samples.set(route, list);
      for (const [route, n] of live.failures) loaded.recorder.failures.set(route, n);

      ctx.log(`load: ${tripsPerSecond} trips/s (sign-in code, trip start, 26-event log upload) for ${seconds} s per phase; loaded adds ${cartCount} carts reporting every 5 s and 1 live fleet board`);
      ctx.log(`${'route'.padEnd(34)} ${'reference p50/p99'.padStart(20)} ${'loaded p50/p99'.padStart(20)}   loaded/reference p50 p99`);
      const figures: Record<string, unknown> = { seconds, carts: cartCount, tripsPerSecond };
      const routes = [...loaded.recorder.samples.keys()];
      for (const route of routes) {
        const l = summarize(loaded.recorder.samples.get(route) ?? []);
        const refSamples = reference.recorder.samples.get(route);
        const r: Summary | undefined = refSamples ? summarize(refSamples) : undefined;
        const fails = (loaded.recorder.failures.get(route) ?? 0) + (reference.recorder.failures.get(route) ?? 0);
        ctx.log(
          `${route.padEnd(34)} ${r ? `${ms(r.p50)} ${ms(r.p99)}` : '-'.padStart(19)}  ${ms(l.p50)} ${ms(l.p99)}   ${r ? `${ratio(l.p50, r.p50)} ${ratio(l.p99, r.p99)}` : ''}  (n=${l.n}${fails ? `, ${fails} failed` : ''})`,
        );
        const key = route.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
        Object.assign(figures, { [`${key}_p50Ms`]: l.p50, [`${key}_p99Ms`]: l.p99, [`${key}_failed`]: fails });
        if (r) Object.assign(figures, { [`${key}_refP50Ms`]: r.p50, [`${key}_refP99Ms`]: r.p99 });
      }
      const reportsPerSecond = (live.samples.get('live report → ack')?.length ?? 0) / seconds;
      ctx.log(`live reports acknowledged: ${reportsPerSecond.toFixed(1)}/s; fleet board events received: ${(boardEvents / seconds).toFixed(1)}/s`);
      ctx.log(`server CPU (100 % = one core)    reference ${reference.cpuPercent.toFixed(1)} %   loaded ${loaded.cpuPercent.toFixed(1)} %   ${ratio(loaded.cpuPercent, reference.cpuPercent)}`);
      ctx.log(`server RSS                        reference ${reference.rssMiB.toFixed(0)} MiB   loaded ${loaded.rssMiB.toFixed(0)} MiB   peak ${mib(meter.peakRss).toFixed(0)} MiB`);
      const failed = [...reference.recorder.failures.values(), ...loaded.recorder.failures.values()].reduce((a, b) => a + b, 0);
      if (failed > 0) ctx.log(`WARNING: ${failed} requests did not get the expected answer`);
      return {
        ...figures,
        reportsPerSecond,
        boardEventsPerSecond: boardEvents / seconds,
        cpuPercentReference: reference.cpuPercent,
        cpuPercentLoaded: loaded.cpuPercent,
        rssMiBReference: reference.rssMiB,
        rssMiBLoaded: loaded.rssMiB,
        rssMiBPeak: mib(meter.peakRss),
        failed,
      };
    } finally {
      for (const socket of sockets) socket.stop();
      if (server) {
        const exited = new Promise((resolve) => server?.child.once('exit', resolve));
        server.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
