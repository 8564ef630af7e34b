// `tally cart --emulated --lanes …`, whole, as a developer runs it: a child process against a real
// store on a free port, already paired. The shopper signs in with their code, a juice is scanned
// and put in, and `lane 3` walks the cart into lane 3 of the virtual store front, where its
// exit-lane watch hears the lane and pays at the store: one capture, of the store's total.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../cli/paths.js';
import { exportPrivateKey } from '../../../domain/node/cart-auth/keys.js';
import { toHex } from '../../../payments/common/lane/hex.js';
import { SANDBOX_METHODS } from '../../../payments/node/gateway/sandbox.js';
import { LANE_SECRET, laneStore } from '../../store/node/checkout/lane-store.js';
import { MANAGER } from '../../store/node/test-store.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tally(args: readonly string[]): ChildProcess {
  const main = pathToFileURL(path.join(projectRoot, 'cli', 'main.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves once the child has printed something matching `pattern`. */
function printed(child: ChildProcess, output: { text: string }, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!pattern.test(output.text)) return;
      child.stdout?.off('data', check);
      resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`tally cart exited (${code}) before printing ${pattern}:\n${output.text}`)));
    check();
  });
}

describe('tally cart --emulated with lanes', () => {
  it('walks into lane 3 and pays there through the exit-lane watch', async () => {
    const store = await laneStore();
    // The child signs with the wall clock and hears lane tokens on it: the store keeps to it too.
    const pump = setInterval(() => store.clock.advance(Math.max(0, Date.now() - store.clock.now())), 50);
    store.clock.advance(Math.max(0, Date.now() - store.clock.now()));
    cleanups.push(() => clearInterval(pump));
    const url = await store.app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => store.app.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-cart-lanes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // The test store's own paired cart, handed to the child: it needs no pairing code.
    writeFileSync(path.join(dir, 'cart-key.pem'), exportPrivateKey(store.cart.keys), { mode: 0o600 });
    writeFileSync(path.join(dir, 'cart-id'), store.cart.cartId);

    const output = { text: '' };
    const child = tally(['cart', '--emulated', '--store', url, '--data', dir, '--lanes', `3=${toHex(LANE_SECRET)}`]);
    child.stdout?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    cleanups.push(() => child.kill('SIGTERM'));
    await printed(child, output, /Waiting for a shopper/);

    const shopperId = await store.shopper(SANDBOX_METHODS.approve);
    // The store's clock now reads the wall clock, hours past the test store's start, where the
    // manager's first session may have ended (10 h): sign in again on today's clock.
    const manager = ((await store.login(MANAGER.name, MANAGER.password)).json() as { token: string }).token;
    const { token } = (await store.staff(manager, 'POST', `/api/shoppers/${shopperId}/sign-in`)).json() as { token: string };
    child.stdin?.write(`signin ${token}\n`);
    await printed(child, output, /Hello /);
    child.stdin?.write('show 7350099101014\n');
    child.stdin?.write('put\n');
    child.stdin?.write('lane 9\n');
    await printed(child, output, /There is no lane 9; the lanes are 3\./);
    child.stdin?.write('lane 3\n');
    await printed(child, output, /In lane 3\./);
    await printed(child, output, /Paid \d+ at lane 3 \(receipt receipt_/);
    const captured = Object.values(store.ledger().payments).filter((p) => p.status === 'captured');
    expect(captured).toHaveLength(1);
    expect(output.text).not.toMatch(/Not paid/);
  }, 90_000);
});
