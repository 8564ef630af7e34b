import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreConfigOnce, EMULATED_LANES, emulatedStoreLayout } from '../../../../cart-app/node/emulated-store/data-folder.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { laneSecretsSchema } from '../../../../payments/common/lane/secrets.js';

const seeded = (seed: number) => {
  const random = seededRandom(seed);
  return (count: number): Uint8Array => Uint8Array.from({ length: count }, () => random.int(0, 255));
};

describe('the emulated store data folder', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-emulated-folder-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('lays every file out under the one folder, the cart in its own', () => {
    const layout = emulatedStoreLayout('relative/folder');
    expect(path.isAbsolute(layout.dir)).toBe(true);
    for (const file of [layout.storeConfig, layout.manager, layout.cartKey, layout.cartId, layout.sessionLog]) expect(file.startsWith(layout.dir + path.sep)).toBe(true);
    expect(path.dirname(layout.sessionLog)).toBe(layout.cartDir);
  });

  it('writes store.json once, with a secret per lane that the store config accepts, readable by its owner only', () => {
    const layout = emulatedStoreLayout(path.join(fresh(), 'not-yet-made'));
    expect(createStoreConfigOnce(layout, seeded(1))).toBe(true);
    const json = JSON.parse(readFileSync(layout.storeConfig, 'utf8')) as { laneSecrets: Record<string, string> };
    const secrets = laneSecretsSchema.parse(json.laneSecrets);
    expect([...secrets.keys()]).toEqual([...EMULATED_LANES]);
    for (const secret of secrets.values()) expect(secret.length).toBe(32);
    expect(new Set(Object.values(json.laneSecrets)).size).toBe(EMULATED_LANES.length);
    expect(statSync(layout.storeConfig).mode & 0o777).toBe(0o600);
  });

  it('never replaces the secrets a folder already has, even a broken file (the store reports that one)', () => {
    const layout = emulatedStoreLayout(fresh());
    createStoreConfigOnce(layout, seeded(1));
    const first = readFileSync(layout.storeConfig, 'utf8');
    expect(createStoreConfigOnce(layout, seeded(2))).toBe(false);
    expect(readFileSync(layout.storeConfig, 'utf8')).toBe(first);
    writeFileSync(layout.storeConfig, '{ not json');
    expect(createStoreConfigOnce(layout, seeded(3))).toBe(false);
    expect(readFileSync(layout.storeConfig, 'utf8')).toBe('{ not json');
  });

  it('gives two folders different secrets', () => {
    const a = emulatedStoreLayout(fresh());
    const b = emulatedStoreLayout(fresh());
    createStoreConfigOnce(a);
    createStoreConfigOnce(b);
    expect(readFileSync(a.storeConfig, 'utf8')).not.toBe(readFileSync(b.storeConfig, 'utf8'));
  });
});
