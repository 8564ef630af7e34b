import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../domain/common/random.js';
import { openSetScenes } from '../../../vision/node/recognition/open-set-scenes.js';
import { Recognizer } from '../../../vision/node/recognition/recognizer.js';

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));
const shipped = path.join(projectRoot, 'vision', 'models', 'grocery-recognizer.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'tally-recognizer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The shipped spec with the mirror averaging switched on or off, beside the shipped model. */
function specWith(mirrorToo: boolean): string {
  const spec = JSON.parse(readFileSync(shipped, 'utf8')) as { model: string; input: Record<string, unknown> };
  spec.model = path.join(path.dirname(shipped), spec.model);
  spec.input.mirrorToo = mirrorToo;
  const file = path.join(scratch, `spec-${mirrorToo}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('Recognizer', () => {
  it('with mirrorToo, embeds a picture as the sum of its own and its mirror image embeddings', async () => {
    const plain = await Recognizer.load(specWith(false));
    const mirrored = await Recognizer.load(specWith(true));
    try {
      const [scene] = await openSetScenes(seededRandom(11), 1);
      const picture = scene!.png;
      const flopped = await sharp(picture).flop().png().toBuffer();
      const a = await plain.embed(picture);
      const b = await plain.embed(flopped);
      const both = await mirrored.embed(picture);
      expect(both).toHaveLength(a.length);
      for (let i = 0; i < a.length; i++) expect(both[i]).toBeCloseTo((a[i] as number) + (b[i] as number), 4);
    } finally {
      await plain.close();
      await mirrored.close();
    }
  });
});
