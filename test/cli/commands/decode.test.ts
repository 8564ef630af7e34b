// `tally decode --json` as the scoring script and a store's tooling use it: one JSON object per
// file, in order, with an error line for a file that cannot be read and the run going on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderCode } from '../../../bench/barcode-scenes.js';
import { main } from '../../../cli/main.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tally-decode-cli-'));
  writeFileSync(path.join(dir, 'juice.png'), await renderCode({ bcid: 'ean13', text: '7350099101014', scale: 3 }));
  writeFileSync(path.join(dir, 'label.png'), await renderCode({ bcid: 'gs1-128', text: '(01)09501101020917(3103)000750', scale: 3 }));
  writeFileSync(path.join(dir, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\n not really'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function decode(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return { code: await main(['decode', ...args]), lines };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('tally decode --json', () => {
  it('prints one object per file in order, with the GTIN and the GS1 meaning, and an error for a broken file', async () => {
    const files = ['juice.png', 'broken.png', 'missing.png', 'label.png'].map((f) => path.join(dir, f));
    const { code, lines } = await decode(['--json', ...files]);
    const objects = lines.map((l) => JSON.parse(l) as { file: string; results: { format: string; text: string; gtin?: string }[]; error?: string; ms?: number });
    expect(objects.map((o) => o.file)).toEqual(files);
    expect(objects[0]?.results[0]).toMatchObject({ format: 'EAN_13', text: '7350099101014', gtin: '07350099101014' });
    expect(typeof objects[0]?.ms).toBe('number');
    expect(objects[1]).toMatchObject({ results: [] });
    expect(objects[1]?.error).toMatch(/./);
    expect(objects[2]?.error).toMatch(/./);
    expect(objects[3]?.results[0]).toMatchObject({ format: 'CODE_128', gtin: '09501101020917' });
    expect(code).toBe(1); // some files could not be read
  });

  it('refuses an unknown engine with the usage', async () => {
    const { code } = await decode(['--engine', 'magic', path.join(dir, 'juice.png')]);
    expect(code).toBe(2);
  });
});
