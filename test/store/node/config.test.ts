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

describe('store configuration', () => {
  it('takes defaults, then the file, then the environment, then flags', async () => {
    const config = await loadStoreConfig({
      file: file(JSON.stringify({ port: 9000, host: '0.0.0.0', dataDir: '/srv/a', logLevel: 'warn' })),
      env: { TALLY_STORE_PORT: '9100', TALLY_STORE_DATA: '/srv/b', TALLY_STORE_BEHIND_PROXY: 'true' },
      flags: { port: '0', dataDir: undefined },
    });
    expect(config).toEqual({ ok: true, value: { port: 0, host: '0.0.0.0', dataDir: '/srv/b', logLevel: 'warn', behindProxy: true } });
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
});
