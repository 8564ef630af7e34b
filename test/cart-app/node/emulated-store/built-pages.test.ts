import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type BuiltPage } from '../../../../cart-app/node/emulated-store/built-pages.js';
import { EmulatedStoreError } from '../../../../cart-app/node/emulated-store/errors.js';

describe('pages built on demand', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-built-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const page = (name: string): BuiltPage => ({ what: 'the test page', indexFile: path.join(dir, name, 'index.html'), viteConfig: path.join(dir, 'vite.config.ts'), command: 'npm run build:test' });

  it('leaves a built page alone and never runs Vite for it', async () => {
    const built = page('built');
    mkdirSync(path.dirname(built.indexFile));
    writeFileSync(built.indexFile, '<!doctype html>');
    const builds: string[] = [];
    expect(await ensureBuilt(built, () => undefined, async (config) => void builds.push(config))).toBe(false);
    expect(builds).toEqual([]);
  });

  it('builds a missing page with its own config, and says so', async () => {
    const missing = page('missing');
    const lines: string[] = [];
    const built = await ensureBuilt(missing, (line) => lines.push(line), async (config) => {
      expect(config).toBe(missing.viteConfig);
      mkdirSync(path.dirname(missing.indexFile));
      writeFileSync(missing.indexFile, '<!doctype html>');
    });
    expect(built).toBe(true);
    expect(lines.join('\n')).toMatch(/Building the test page with Vite.*npm run build:test/);
  });

  it('names the one command when Vite fails or writes nothing', async () => {
    const failing = ensureBuilt(page('failing'), () => undefined, async () => {
      throw new Error('Cannot find module @vitejs/plugin-react');
    });
    await expect(failing).rejects.toBeInstanceOf(EmulatedStoreError);
    await expect(failing).rejects.toThrow(/plugin-react.*npm run build:test/);
    await expect(ensureBuilt(page('silent'), () => undefined, async () => undefined)).rejects.toThrow(/still missing.*npm run build:test/);
  });
});
