// `tally emulate`, whole, as a developer runs it: a child process with the store and the cart on
// free ports and a temporary data folder. The cart UI, the emulator panel and the dashboard answer, the store lists
// the cart as paired, a scan sent over the UI's WebSocket shows in the next snapshot, the printed
// staff PIN (and no other) signs in on the cart's Staff button, and a stop signal ends the process by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { emulateCommand } from '../../../cli/commands/emulate.js';
import { UsageError } from '../../../cli/command.js';
import { projectRoot } from '../../../cli/paths.js';
import { StaffDesk } from '../../../cart-app/node/emulated-store/staff-desk.js';

interface Started {
  readonly uiUrl: string;
  readonly panelUrl: string;
  readonly storeUrl: string;
  readonly cartId: string;
  readonly password: string;
  readonly pin: string;
}

/** Runs `tally emulate ARGS` from source, as `npm start` would from the build. */
function tally(args: readonly string[]): ChildProcess {
  const main = pathToFileURL(path.join(projectRoot, 'cli', 'main.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves once the launcher says the cart is usable, with what it printed. */
function whenUsable(child: ChildProcess, output: { text: string }): Promise<Started> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output.text += chunk.toString();
      if (!output.text.includes('Cart usable in')) return;
      const pick = (pattern: RegExp): string => pattern.exec(output.text)?.[1] ?? '';
      resolve({
        uiUrl: pick(/Cart UI: +(\S+)/),
        panelUrl: pick(/Emulator: +(\S+)/),
        storeUrl: pick(/Store API: +(\S+)\/api\/health/),
        cartId: pick(/Cart (\S+) asked to pair/),
        password: pick(/password (\S+) \(shown this once/),
        pin: pick(/PIN (\d+) \(shown this once/),
      });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`tally emulate exited (${code}) before the cart was usable:\n${output.text}`)));
  });
}

interface Snapshot {
  readonly trip: { readonly lines: readonly { readonly sku: string }[] } | null;
}

/** Sends one scan over the touch UI's WebSocket; resolves with its reply and the first snapshot that carries a line. */
function scanOverUi(uiUrl: string, code: string): Promise<{ reply: unknown; snapshot: Snapshot }> {
  const socket = new WebSocket(`${uiUrl.replace(/^http/, 'ws')}ws`);
  return new Promise((resolve, reject) => {
    let reply: unknown;
    let snapshot: Snapshot | undefined;
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'intent', id: 1, intent: { type: 'scan', code } })));
    // The runtime pushes the new snapshot while it handles the intent, so it may come before the reply.
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; snapshot?: Snapshot };
      if (message.type === 'reply') reply = message;
      if (message.type === 'snapshot' && (message.snapshot?.trip?.lines.length ?? 0) > 0) snapshot = message.snapshot;
      if (reply !== undefined && snapshot !== undefined) {
        socket.close();
        resolve({ reply, snapshot });
      }
    });
  });
}

/** Sends one intent over the touch UI's WebSocket and resolves with the cart's reply to it. */
function intentOverUi(uiUrl: string, intent: unknown): Promise<unknown> {
  const socket = new WebSocket(`${uiUrl.replace(/^http/, 'ws')}ws`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'intent', id: 7, intent })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string };
      if (message.type !== 'reply') return;
      socket.close();
      resolve(message);
    });
  });
}

describe('tally emulate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulate-'));
  const output = { text: '' };
  let child: ChildProcess;
  let started: Started;

  beforeAll(async () => {
    child = tally(['emulate', '--port', '0', '--panel-port', '0', '--store-port', '0', '--data', path.join(dir, 'data')]);
    started = await whenUsable(child, output);
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints every address, and the first manager password once', () => {
    expect(started.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(started.panelUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(started.panelUrl).not.toBe(started.uiUrl);
    expect(started.storeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output.text).toContain(`Dashboard:     ${started.storeUrl}/dashboard/`);
    expect(output.text).toMatch(new RegExp(`Shopper page: +${started.storeUrl}/shopper/#link=`));
    expect(started.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(output.text).toMatch(/Cart usable in \d+\.\d s/);
  });

  it('serves the cart UI, the emulator panel and the staff dashboard', async () => {
    const ui = await fetch(started.uiUrl);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toMatch(/text\/html/);
    const panel = await fetch(started.panelUrl);
    expect(panel.status).toBe(200);
    expect(await panel.text()).toContain('<title>Tally emulator</title>');
    const dashboard = await fetch(`${started.storeUrl}/dashboard/`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toMatch(/<html/i);
  });

  it('shows the cart paired on the store, for the manager with the printed password', async () => {
    const desk = await StaffDesk.signIn(started.storeUrl, { name: 'demo-manager', password: started.password });
    expect(await desk.carts()).toContainEqual(expect.objectContaining({ id: started.cartId, state: 'paired' }));
  });

  it('puts a scan sent over the UI WebSocket into the snapshot', async () => {
    const { reply, snapshot } = await scanOverUi(started.uiUrl, '7350099101014');
    expect(reply).toEqual({ type: 'reply', id: 1, ok: true });
    expect(snapshot.trip?.lines.map((l) => l.sku)).toEqual(['juice-bravo-apple']);
  });

  it('prints a demo staff PIN once, which the cart\'s Staff button takes, and refuses any other', async () => {
    expect(started.pin).toMatch(/^\d{6}$/);
    expect(output.text.split(started.pin)).toHaveLength(2);
    const wrong = String((Number(started.pin) + 1) % 1_000_000).padStart(6, '0');
    expect(await intentOverUi(started.uiUrl, { type: 'staffSignIn', pin: wrong })).toMatchObject({ type: 'reply', id: 7, ok: false, error: { code: 'wrong-pin' } });
    expect(await intentOverUi(started.uiUrl, { type: 'staffSignIn', pin: started.pin })).toEqual({ type: 'reply', id: 7, ok: true });
    expect(await intentOverUi(started.uiUrl, { type: 'staffSignOut' })).toEqual({ type: 'reply', id: 7, ok: true });
  });

  it('closes everything and exits by itself on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output.text).toContain('Stopped.');
    await expect(fetch(started.uiUrl)).rejects.toThrow();
    await expect(fetch(started.panelUrl)).rejects.toThrow();
  });
});

describe('tally emulate, called wrongly', () => {
  it.each([
    [['--port', 'abc'], /--port wants a port number/],
    [['--store-port', '70000'], /--store-port wants a port number/],
    [['--panel-port', '5x'], /--panel-port wants a port number/],
    [['--port', '-1'], /--port wants a port number|option/],
    [['somewhere'], /unexpected somewhere/],
  ])('refuses %j before starting anything', async (args, message) => {
    await expect(emulateCommand.run(args)).rejects.toThrow(message);
  });

  it('will not --fresh a folder that is not an emulated store', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulate-not-ours-'));
    try {
      writeFileSync(path.join(dir, 'thesis.tex'), 'precious');
      const run = emulateCommand.run(['--data', dir, '--fresh']);
      await expect(run).rejects.toBeInstanceOf(UsageError);
      await expect(run).rejects.toThrow(/does not look like an emulated store/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
