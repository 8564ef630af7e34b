import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../cli/command.js';
import { recognizeCommand } from '../../../cli/commands/recognize.js';
import { seededRandom } from '../../../domain/common/random.js';
import { openSetScenes } from '../../../vision/node/recognition/open-set-scenes.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dataset = path.join(path.resolve(projectRoot, '../shared'), 'data', 'grocery-store');
const scratch = mkdtempSync(path.join(tmpdir(), 'tally-recognize-'));

async function run(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const code = await recognizeCommand.run(args);
  return { code, lines };
}

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tally recognize', () => {
  it('prints one JSON line per picture; an unreadable one gets an error and the run goes on', async () => {
    const [scene] = await openSetScenes(seededRandom(5), 1);
    const good = path.join(scratch, 'basket.png');
    const bad = path.join(scratch, 'broken.jpg');
    writeFileSync(good, scene!.png);
    writeFileSync(bad, 'not a jpeg');
    const { code, lines } = await run(['--json', '--top', '2', bad, good, path.join(scratch, 'missing.jpg')]);
    expect(code).toBe(1);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.file)).toEqual([bad, good, path.join(scratch, 'missing.jpg')]);
    expect(out[0]).toHaveProperty('error');
    expect(out[2]).toHaveProperty('error');
    const top = out[1]?.top as { label: string; sku: string | null; score: number }[];
    expect(top).toHaveLength(2);
    expect(typeof out[1]?.ms).toBe('number');
    expect(typeof out[1]?.unknown).toBe('boolean');
    expect(top[0]!.score).toBeGreaterThanOrEqual(top[1]!.score);
  });

  it.skipIf(!existsSync(dataset))('names a validation photo and maps it to the demo store SKU', async () => {
    const line = readFileSync(path.join(dataset, 'val.txt'), 'utf8').split('\n').find((l) => l.includes('Banana'));
    const file = path.join(dataset, line!.split(',')[0]!.trim());
    const { code, lines } = await run(['--json', file]);
    expect(code).toBe(0);
    const o = JSON.parse(lines[0]!) as { top: { label: string; sku: string | null }[] };
    expect(o.top).toHaveLength(3);
    const banana = o.top.find((t) => t.label === 'Banana');
    expect(banana).toBeDefined();
    expect(banana?.sku).not.toBeNull();
  });

  it('rejects bad options before loading anything', async () => {
    await expect(run(['--top', '0', 'x.jpg'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--top', 'three', 'x.jpg'])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--json'])).rejects.toBeInstanceOf(UsageError);
  });
});
