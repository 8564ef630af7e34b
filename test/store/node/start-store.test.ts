// The store as `tally store` runs it: a real listener on port 0, the catalog file imported at
// first start and kept on the next, a broken catalog stopping the start with its problems.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../domain/common/clock.js';
import { demoCatalogPath } from '../../../cli/paths.js';
import { addManager } from '../../../store/node/add-manager.js';
import { storeConfigSchema } from '../../../store/node/config.js';
import { openStoreDatabase } from '../../../store/node/open-store.js';
import { startStore, StoreStartError } from '../../../store/node/start-store.js';
import { cheapScrypt, seededSecureRandom, T0 } from './test-store.js';

const deps = { clock: new SimulatedClock(T0), random: seededSecureRandom(1) };
const config = (dataDir: string, catalogFile: string) => storeConfigSchema.parse({ port: 0, host: '127.0.0.1', dataDir, catalogFile, logLevel: 'silent' });

describe('starting the store', () => {
  it('listens on a free port, imports the catalog once, and keeps it on restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-start-'));
    const first = await startStore(config(dataDir, demoCatalogPath), deps);
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(first.catalogNote).toContain('version 1, 182 products');
      const health = await fetch(`${first.url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, catalogVersion: 1 });
    } finally {
      await first.close();
    }
    const second = await startStore(config(dataDir, demoCatalogPath), deps);
    await second.close();
    expect(second.catalogNote).toContain('kept catalog version 1');
  });

  it('does not start on a broken catalog, and says what is wrong', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-start-'));
    const broken = path.join(dataDir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ format: 'tally-catalog/1', version: 1, products: [] }));
    const start = startStore(config(dataDir, broken), deps);
    await expect(start).rejects.toBeInstanceOf(StoreStartError);
    await expect(start).rejects.toThrow(/store: /);
  });

  it('creates a manager from the shell only with a real password and a clean name', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tally-start-'));
    const db = await openStoreDatabase({ dataDir }, deps.clock);
    try {
      const withDeps = { ...deps, scrypt: cheapScrypt };
      expect(await addManager(db, { name: 'ana', password: 'short' }, withDeps)).toMatchObject({ ok: false, error: expect.stringMatching(/^password/) });
      expect(await addManager(db, { name: '../root', password: 'correct horse battery' }, withDeps)).toMatchObject({ ok: false, error: expect.stringMatching(/^name/) });
      expect(await addManager(db, { name: 'Ana', password: 'correct horse battery' }, withDeps)).toMatchObject({ ok: true, value: { name: 'ana', role: 'manager' } });
      expect(await addManager(db, { name: 'ana', password: 'correct horse battery' }, withDeps)).toMatchObject({ ok: false });
    } finally {
      await db.close();
    }
  });
});
