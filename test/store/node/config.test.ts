import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStoreConfig } from '../../../store/node/config.js';

const file = (content: string): string => {
  const name = path.join(mkdtempSync(path.join(tmpdir(), 'tally-config-')), 'store.json');
  writeFileSync(name, content);
  return name;
};

/** Without payment settings: the sandbox gateway, no lanes (every lane token refused). */
const PAYMENT_DEFAULTS = { gateway: 'sandbox', laneSecrets: new Map(), laneRotationExponent: 2, maxTripsPerToken: 8, holdAmount: 15_000, receiptFrom: 'Tally receipts <receipts@localhost>', offlineCapTrips: 2, offlineCapAmount: 10_000 };
const SECRET = '0f'.repeat(16);

describe('store configuration', () => {
  it('takes defaults, then the file, then the environment, then flags', async () => {
    const config = await loadStoreConfig({
      file: file(JSON.stringify({ port: 9000, host: '0.0.0.0', dataDir: '/srv/a', logLevel: 'warn' })),
      env: { TALLY_STORE_PORT: '9100', TALLY_STORE_DATA: '/srv/b', TALLY_STORE_BEHIND_PROXY: 'true' },
      flags: { port: '0', dataDir: undefined },
    });
    expect(config).toEqual({ ok: true, value: { ...PAYMENT_DEFAULTS, port: 0, host: '0.0.0.0', dataDir: '/srv/b', logLevel: 'warn', behindProxy: true } });
  });

  it('names every bad setting', async () => {
    const config = await loadStoreConfig({ env: { TALLY_STORE_PORT: '70000', TALLY_STORE_DATABASE_URL: 'mysql://x', TALLY_STORE_BEHIND_PROXY: 'yes' }, flags: {} });
    expect(config.ok).toBe(false);
    const problems = config.ok ? [] : config.error;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['behindProxy', 'dataDir', 'databaseUrl', 'port']);
  });

  it('refuses an empty port instead of reading it as 0, and unknown keys in the file', async () => {
    expect((await loadStoreConfig({ env: { TALLY_STORE_PORT: '' }, flags: { dataDir: 'd' } })).ok).toBe(false);
    const typo = await loadStoreConfig({ file: file('{"dataDir": "d", "prot": 1}') });
    expect(typo.ok ? [] : typo.error).toEqual([expect.stringContaining('prot')]);
    const broken = await loadStoreConfig({ file: file('{"dataDir": ') });
    expect(broken.ok).toBe(false);
  });

  it('reads lane secrets from the file as an object and from the environment as LANE=HEX pairs', async () => {
    const fromFile = await loadStoreConfig({ file: file(JSON.stringify({ dataDir: 'd', laneSecrets: { '1': SECRET, '2': SECRET.toUpperCase() } })) });
    expect(fromFile.ok && [...fromFile.value.laneSecrets.keys()]).toEqual([1, 2]);
    const fromEnv = await loadStoreConfig({ file: file(JSON.stringify({ dataDir: 'd', laneSecrets: { '1': SECRET } })), env: { TALLY_STORE_LANE_SECRETS: ` 7=${SECRET} , 8=${SECRET}` } });
    expect(fromEnv.ok && [...fromEnv.value.laneSecrets.entries()]).toEqual([
      [7, Uint8Array.from({ length: 16 }, () => 15)],
      [8, Uint8Array.from({ length: 16 }, () => 15)],
    ]);
  });

  it('refuses bad lane secrets without repeating them', async () => {
    for (const bad of [`1=${SECRET.slice(2)}`, `1=${SECRET}zz`, `70000=${SECRET}`, `1=${SECRET},1=${SECRET}`, SECRET, `=${SECRET}`]) {
      const config = await loadStoreConfig({ env: { TALLY_STORE_LANE_SECRETS: bad }, flags: { dataDir: 'd' } });
      expect(config.ok, bad).toBe(false);
      const problems = config.ok ? [] : config.error;
      expect(problems[0]).toMatch(/^laneSecrets: /);
      expect(problems.join(' ')).not.toContain(SECRET.slice(0, 20));
    }
  });

  it('takes Stripe only with a key, from the environment, and never prints the key', async () => {
    const missing = await loadStoreConfig({ env: { TALLY_STORE_GATEWAY: 'stripe' }, flags: { dataDir: 'd' } });
    expect(missing.ok ? [] : missing.error).toEqual([expect.stringMatching(/^stripeSecretKey: .*TALLY_STORE_STRIPE_KEY/)]);
    const bad = await loadStoreConfig({ env: { TALLY_STORE_GATEWAY: 'stripe', TALLY_STORE_STRIPE_KEY: 'pk_test_publishable123' }, flags: { dataDir: 'd' } });
    expect(bad.ok ? '' : bad.error.join(' ')).not.toContain('publishable123');
    const good = await loadStoreConfig({ env: { TALLY_STORE_GATEWAY: 'stripe', TALLY_STORE_STRIPE_KEY: 'sk_test_abcdef123456', TALLY_STORE_STRIPE_API_URL: 'http://127.0.0.1:12111' }, flags: { dataDir: 'd' } });
    expect(good).toMatchObject({ ok: true, value: { gateway: 'stripe', stripeSecretKey: 'sk_test_abcdef123456', stripeApiUrl: 'http://127.0.0.1:12111' } });
    expect((await loadStoreConfig({ env: { TALLY_STORE_GATEWAY: 'paypal' }, flags: { dataDir: 'd' } })).ok).toBe(false);
    expect((await loadStoreConfig({ env: { TALLY_STORE_STRIPE_API_URL: 'ftp://x' }, flags: { dataDir: 'd' } })).ok).toBe(false);
  });

  it('bounds the lane rotation, trips per token and the hold', async () => {
    for (const env of [{ TALLY_STORE_LANE_ROTATION: '16' }, { TALLY_STORE_MAX_TRIPS_PER_TOKEN: '0' }, { TALLY_STORE_HOLD_AMOUNT: '-5' }, { TALLY_STORE_HOLD_AMOUNT: '1.5' }]) {
      expect((await loadStoreConfig({ env, flags: { dataDir: 'd' } })).ok, JSON.stringify(env)).toBe(false);
    }
    expect(await loadStoreConfig({ env: { TALLY_STORE_LANE_ROTATION: '0', TALLY_STORE_HOLD_AMOUNT: '20000' }, flags: { dataDir: 'd' } })).toMatchObject({ ok: true, value: { laneRotationExponent: 0, holdAmount: 20_000 } });
  });
});
