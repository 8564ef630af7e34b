// Adds not-a-product references to the recognizer's gallery: the mean embedding of drawn scenes
// of each kind (empty basket, hand, handbag, floor). A picture nearest to one of them is answered
// "unknown". A store would do the same with photos from its own carts' cameras.
//
//   npx tsx vision/training/teach-not-products.ts [SPEC]   (default vision/models/grocery-recognizer.json)
//
// The benchmark measures with scenes from another seed of the same generator: that tells whether
// the mechanism works, not how real hands and bags fare.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../domain/common/random.js';
import { recognizerSpecSchema } from '../common/recognition/recognizer-spec.js';
import { openSetScenes, sceneKinds } from '../node/recognition/open-set-scenes.js';
import { Recognizer } from '../node/recognition/recognizer.js';

const specPath = process.argv[2] ?? fileURLToPath(new URL('../models/grocery-recognizer.json', import.meta.url));
const TEACHING_SEED = 1;
const PER_KIND = 12;

const recognizer = await Recognizer.load(specPath);
const scenes = await openSetScenes(seededRandom(TEACHING_SEED), PER_KIND);
const notProducts: { label: string; vector: number[] }[] = [];
for (const kind of sceneKinds) {
  const sum = new Float64Array(recognizer.spec.embeddingSize);
  for (const scene of scenes.filter((s) => s.kind === kind)) {
    const e = await recognizer.embed(scene.png);
    const norm = Math.hypot(...e);
    e.forEach((v, i) => (sum[i] = (sum[i] as number) + v / norm));
  }
  const norm = Math.hypot(...sum);
  notProducts.push({ label: `not-a-product:${kind}`, vector: [...sum].map((v) => Math.round((v / norm) * 1e6) / 1e6) });
}
await recognizer.close();

const spec = recognizerSpecSchema.parse(JSON.parse(readFileSync(specPath, 'utf8')));
writeFileSync(specPath, JSON.stringify({ ...spec, notProducts }));
console.log(`${path.relative(process.cwd(), specPath)}: ${notProducts.length} not-a-product references from ${scenes.length} drawn scenes`);
