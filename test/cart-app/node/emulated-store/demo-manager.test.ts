import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_MANAGER_NAME, loadDemoManager, newDemoManager, saveDemoManager } from '../../../../cart-app/node/emulated-store/demo-manager.js';
import { EmulatedStoreError } from '../../../../cart-app/node/emulated-store/errors.js';

describe('the demo manager', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-demo-manager-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gets a random password of 24 characters, never the same twice', () => {
    const a = newDemoManager();
    const b = newDemoManager();
    expect(a.name).toBe(DEMO_MANAGER_NAME);
    expect(a.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.password).not.toBe(b.password);
  });

  it('is kept in a file only its owner reads, and read back as it was', () => {
    const file = path.join(dir, 'kept.json');
    const credentials = newDemoManager((n) => new Uint8Array(n).fill(7));
    saveDemoManager(file, credentials);
    expect(loadDemoManager(file)).toEqual(credentials);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['missing', null, /it is missing/],
    ['not JSON', '{"name": "demo-manager", ', /not JSON/],
    ['a short password', JSON.stringify({ name: 'demo-manager', password: 'short' }), /password/],
    ['an extra field', JSON.stringify({ name: 'demo-manager', password: 'x'.repeat(20), role: 'owner' }), /not the demo manager/],
    ['an array', '[]', /not the demo manager/],
  ])('refuses a file that is %s, saying to start afresh', (label, text, message) => {
    const file = path.join(dir, `${label.replace(/\W+/g, '-')}.json`);
    if (text !== null) writeFileSync(file, text);
    let thrown: unknown;
    try {
      loadDemoManager(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EmulatedStoreError);
    expect((thrown as EmulatedStoreError).code).toBe('data-folder');
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toMatch(/--fresh/);
  });
});
