import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../domain/common/random.js';
import { RecognitionError } from '../../../vision/common/recognition/errors.js';
import { decide } from '../../../vision/common/recognition/verdict.js';
import { openSetScenes } from '../../../vision/node/recognition/open-set-scenes.js';
import { WorkerRecognizer } from '../../../vision/node/recognition/worker-recognizer.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const spec = path.join(projectRoot, 'vision', 'models', 'grocery-recognizer.json');
const dataset = path.join(path.resolve(projectRoot, '../shared'), 'data', 'grocery-store');

const kindOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof RecognitionError ? e.kind : `other: ${String(e)}`),
  );

describe('WorkerRecognizer', () => {
  let recognizer: WorkerRecognizer;
  beforeAll(async () => {
    recognizer = await WorkerRecognizer.start(spec);
  });
  afterAll(async () => {
    await recognizer.close();
  });

  it('loads the shipped model once and ranks the whole gallery for a picture', async () => {
    expect(recognizer.labels).toHaveLength(81);
    expect(recognizer.loadMs).toBeGreaterThan(0);
    const [scene] = await openSetScenes(seededRandom(1), 1);
    const { ranked, ms } = await recognizer.rank(scene!.png);
    expect(ranked.filter((m) => m.product)).toHaveLength(81);
    expect(ms).toBeGreaterThan(0);
    expect(ranked.reduce((a, m) => a + m.probability, 0)).toBeCloseTo(1, 5);
  });

  it('answers an unreadable picture with an error and keeps working', async () => {
    expect(await kindOf(recognizer.rank(Buffer.from('definitely not a jpeg')))).toBe('unreadable-image');
    expect(await kindOf(recognizer.rank('/nonexistent/photo.jpg'))).toBe('unreadable-image');
    const [scene] = await openSetScenes(seededRandom(2), 1);
    expect((await recognizer.rank(scene!.png)).ranked.filter((m) => m.product)).toHaveLength(81);
  });

  it('is taught a new product from photos and then recognises it', async () => {
    const scenes = (await openSetScenes(seededRandom(3), 4)).filter((s) => s.kind === 'handbag');
    await recognizer.teach('Store-Tote-Bag', scenes.slice(0, 3).map((s) => s.png));
    const { ranked } = await recognizer.rank(scenes[3]!.png);
    const products = ranked.filter((m) => m.product);
    expect(products).toHaveLength(82);
    expect(products.slice(0, 3).map((m) => m.label)).toContain('Store-Tote-Bag');
  });

  it.skipIf(!existsSync(dataset))('names validation photos (top-3 on a fixed sample of 40)', async () => {
    const lines = readFileSync(path.join(dataset, 'val.txt'), 'utf8').split('\n').filter(Boolean);
    const names = readFileSync(path.join(dataset, 'classes.csv'), 'utf8').split(/\r?\n/).slice(1).map((r) => r.split(',')[0]?.trim());
    let hits = 0;
    const sample = lines.filter((_, i) => i % 7 === 0).slice(0, 40);
    for (const l of sample) {
      const [file, id] = l.split(',').map((p) => p.trim());
      const { ranked } = await recognizer.rank(path.join(dataset, file!));
      if (decide(ranked, 3, recognizer.rule, () => null).top.some((s) => s.label === names[Number(id)])) hits++;
    }
    expect(hits / sample.length).toBeGreaterThanOrEqual(0.75);
  });
});

describe('WorkerRecognizer failures', () => {
  it('says why it cannot start', async () => {
    expect(await kindOf(WorkerRecognizer.start('/nonexistent/spec.json'))).toBe('bad-spec');
    expect(await kindOf(WorkerRecognizer.start(path.join(projectRoot, 'package.json')))).toBe('bad-spec');
  });

  it('refuses work once closed', async () => {
    const r = await WorkerRecognizer.start(spec);
    await r.close();
    expect(await kindOf(r.rank(Buffer.alloc(10)))).toBe('worker-gone');
  });
});
