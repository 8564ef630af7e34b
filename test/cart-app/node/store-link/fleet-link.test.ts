// The cart's live link against a real store on a free port: the cart shows live on the staff
// fleet board, a battery drop reaches the board at the next check, a store restart is ridden
// out by reconnecting, staff locking and unpairing reach the cart, and a store that goes quiet
// or refuses the cart is handled without an exception.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { FleetLink, type FleetLinkEvent, type FleetLinkOptions } from '../../../../cart-app/node/store-link/fleet-link.js';
import type { CartReport } from '../../../../domain/common/fleet/cart-report.js';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { generateCartKeys } from '../../../../domain/node/cart-auth/keys.js';
import { liveStore, nextEvent, type LiveStore } from './paired-cart.js';

const closers: (() => Promise<unknown>)[] = [];
const links: FleetLink[] = [];
afterEach(async () => {
  for (const link of links.splice(0)) link.stop();
  for (const close of closers.splice(0).reverse()) await close();
});

interface Health {
  report: CartReport;
}

function linkFor(cart: FleetLinkOptions | LiveStore['cart'], health: Health, options: Partial<FleetLinkOptions> = {}): { link: FleetLink; events: FleetLinkEvent[] } {
  const link = new FleetLink({ report: () => health.report, reportEveryMs: 5_000, firstRetryMs: 1_000, ...cart, ...options });
  links.push(link);
  const events: FleetLinkEvent[] = [];
  link.on((event) => events.push(event));
  return { link, events };
}

/** A link started and through its first report (acknowledged by the store). */
async function linkedUp(cart: LiveStore['cart'], health: Health, options: Partial<FleetLinkOptions> = {}): Promise<{ link: FleetLink; events: FleetLinkEvent[] }> {
  const made = linkFor(cart, health, options);
  const acked = nextEvent(made.link, 'ack');
  made.link.start();
  await acked;
  return made;
}

const healthy = (): Health => ({ report: { battery: 80, charging: false, docked: false, state: 'idle', version: '1.4.2', faults: [] } });

async function started(): Promise<LiveStore> {
  const live = await liveStore();
  closers.push(() => live.close());
  return live;
}

interface BoardCart {
  id: string;
  silent: boolean;
  needsCharge: boolean;
  lastReport: CartReport | null;
}

async function boardEntry(live: LiveStore): Promise<BoardCart | undefined> {
  const board = await live.staff('GET', '/api/carts');
  expect(board.statusCode).toBe(200);
  const body = board.json() as { carts: BoardCart[] } | BoardCart[];
  return (Array.isArray(body) ? body : body.carts).find((c) => c.id === live.cart.cartId);
}

describe('the fleet link against a real store', () => {
  it('puts the cart on the fleet board, live, and shows its battery falling', async () => {
    const live = await started();
    const health = healthy();
    const { link } = await linkedUp(live.cart, health);
    expect(link.connected).toBe(true);
    expect(await boardEntry(live)).toMatchObject({ silent: false, needsCharge: false, lastReport: health.report });

    health.report = { ...health.report, battery: 12, faults: ['scale drifting'] };
    const dropped = nextEvent(link, 'ack');
    live.store.clock.advance(1_000);
    await dropped;
    expect(await boardEntry(live)).toMatchObject({ needsCharge: true, lastReport: { battery: 12, faults: ['scale drifting'] } });
  });

  it('reports every few seconds when nothing changes, and only then', async () => {
    const live = await started();
    const { link, events } = await linkedUp(live.cart, healthy());
    for (let second = 1; second < 5; second += 1) live.store.clock.advance(1_000);
    // Four checks, nothing changed, nothing due: no report went out (no answer is awaited).
    expect(link.connected).toBe(true);
    const periodic = nextEvent(link, 'ack');
    live.store.clock.advance(1_000);
    await periodic;
    expect(events.filter((e) => e.type === 'ack')).toHaveLength(2);
  });

  it('reconnects with backoff when the store restarts, and reports again', async () => {
    const live = await started();
    const health = healthy();
    const { link, events } = await linkedUp(live.cart, health);

    const lost = nextEvent(link, 'disconnected');
    await live.stop();
    expect(await lost).toMatchObject({ retryInMs: 1_000 });
    expect(link.connected).toBe(false);
    // Still down: the next try fails and the wait doubles.
    const again = nextEvent(link, 'disconnected');
    live.store.clock.advance(1_000);
    expect(await again).toMatchObject({ retryInMs: 2_000 });

    await live.restart();
    health.report = { ...health.report, battery: 55, docked: true, charging: true };
    const back = nextEvent(link, 'ack');
    live.store.clock.advance(2_000);
    await back;
    expect(events.filter((e) => e.type === 'connected')).toHaveLength(2);
    expect(await boardEntry(live)).toMatchObject({ silent: false, lastReport: { battery: 55, docked: true, charging: true } });
  });

  it('hears staff lock and unlock the cart, and stops for good when unpaired', async () => {
    const live = await started();
    const { link, events } = await linkedUp(live.cart, healthy());
    const locked = nextEvent(link, 'locked');
    expect((await live.staff('PATCH', `/api/carts/${live.cart.cartId}`, { locked: true, lockReason: 'wheel broken' })).statusCode).toBe(200);
    expect(await locked).toEqual({ type: 'locked', reason: 'wheel broken' });
    expect(link.lock).toEqual({ reason: 'wheel broken' });
    const unlocked = nextEvent(link, 'unlocked');
    await live.staff('PATCH', `/api/carts/${live.cart.cartId}`, { locked: false });
    await unlocked;
    expect(link.lock).toBeNull();

    const unpaired = nextEvent(link, 'unpaired');
    expect((await live.staff('DELETE', `/api/carts/${live.cart.cartId}`)).statusCode).toBeLessThan(300);
    await unpaired;
    live.store.clock.advance(60_000);
    expect(link.connected).toBe(false);
    expect(events.filter((e) => e.type === 'connected')).toHaveLength(1);
    expect(events.find((e) => e.type === 'disconnected')).toMatchObject({ retryInMs: null });
  });

  it('passes on the store refusing a report that does not fit, and a report that cannot be read', async () => {
    const live = await started();
    const health = healthy();
    let broken = false;
    const { link } = linkFor(live.cart, health, {
      report: () => {
        if (broken) throw new Error('battery gauge not answering');
        return health.report;
      },
    });
    const acked = nextEvent(link, 'ack');
    link.start();
    await acked;
    health.report = { ...health.report, battery: 150 };
    const refused = nextEvent(link, 'report-refused');
    live.store.clock.advance(1_000);
    expect(await refused).toMatchObject({ error: 'invalid-report', issues: [expect.objectContaining({ path: 'battery' })] });

    broken = true;
    const problem = nextEvent(link, 'problem');
    live.store.clock.advance(1_000);
    expect((await problem).message).toContain('battery gauge not answering');
    expect(link.connected).toBe(true);
  });

  it('is refused a connection signed with the wrong key, says why, and keeps trying', async () => {
    const live = await started();
    const { link } = linkFor({ ...live.cart, keys: generateCartKeys() }, healthy());
    const refused = nextEvent(link, 'refused');
    const lost = nextEvent(link, 'disconnected');
    link.start();
    expect(await refused).toMatchObject({ refusal: { status: 401, code: 'bad-signature' } });
    expect(await lost).toMatchObject({ retryInMs: 1_000 });
  });

  it('gives up on a cart id the store has never heard of', async () => {
    const live = await started();
    const { link } = linkFor({ ...live.cart, cartId: 'cart_nobody' }, healthy());
    const unpaired = nextEvent(link, 'unpaired');
    link.start();
    await unpaired;
    expect(link.connected).toBe(false);
  });
});

describe('the fleet link against a store that goes quiet', () => {
  it('hangs up on a store that takes reports and never answers, and tries again', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const clock = new SimulatedClock(1_700_000_000_000);
    const cart = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, keys: generateCartKeys(), cartId: 'cart_q', clock };
    const { link } = linkFor(cart, healthy(), { answerTimeoutMs: 10_000 });
    const connected = nextEvent(link, 'connected');
    link.start();
    await connected;
    const lost = nextEvent(link, 'disconnected');
    for (let second = 0; second < 10; second += 1) clock.advance(1_000);
    expect(await lost).toMatchObject({ retryInMs: 1_000 });
    const back = nextEvent(link, 'connected');
    clock.advance(1_000);
    await back;
  });
});
