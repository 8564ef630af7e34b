// `npm run bench -- recognize`: accuracy of the on-cart recognizer on the Grocery Store Dataset's
// validation photos (../shared/data), its speed one picture at a time, model load time, and how
// often it names a product for a picture of something else: real photos of a product the store
// does not sell (each validation photo ranked without its own product) and drawn open-set scenes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../domain/common/random.js';
import { decide } from '../vision/common/recognition/verdict.js';
import { openSetScenes, sceneKinds } from '../vision/node/recognition/open-set-scenes.js';
import { toModelInput } from '../vision/node/recognition/preprocess.js';
import { loadSpec } from '../vision/node/recognition/recognizer.js';
import { WorkerRecognizer } from '../vision/node/recognition/worker-recognizer.js';
import type { Benchmark } from './benchmark.js';
import { line, summarize } from './stats.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const specPath = path.join(projectRoot, 'vision', 'models', 'grocery-recognizer.json');
const dataset = path.join(path.resolve(projectRoot, '../shared'), 'data', 'grocery-store');

interface Photo {
  readonly file: string;
  readonly label: string;
}

/** The photos of a split with their fine class names (classes.csv: name, id, ...). */
function split(name: string): Photo[] {
  const names = new Map<number, string>();
  for (const row of readFileSync(path.join(dataset, 'classes.csv'), 'utf8').split(/\r?\n/).slice(1)) {
    const [label, id] = row.split(',');
    if (label && id) names.set(Number(id), label.trim());
  }
  return readFileSync(path.join(dataset, `${name}.txt`), 'utf8')
    .split('\n')
    .map((l) => l.split(',').map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([file, id]) => ({ file: path.join(dataset, file as string), label: names.get(Number(id)) ?? `#${id}` }));
}

const pct = (n: number, of: number): number => (of === 0 ? Number.NaN : Math.round((1000 * n) / of) / 10);

const bench: Benchmark = {
  summary: 'grocery recognition: val top-1/top-3, ms per picture, model load, open-set false naming',
  async run({ log, args }) {
    const threads = Number(args.find((a) => a.startsWith('--threads='))?.slice(10) ?? 1);
    const t0 = performance.now();
    const recognizer = await WorkerRecognizer.start(specPath, { threads });
    const startMs = performance.now() - t0;
    const spec = await loadSpec(specPath);
    const modelBytes = statSync(path.join(path.dirname(specPath), spec.model)).size;
    log(`model ${spec.model}: ${(modelBytes / 1e6).toFixed(2)} MB, input ${spec.input.size} px, ${spec.gallery.length} gallery entries, ${threads} thread(s)`);
    log(`load: ${recognizer.loadMs.toFixed(0)} ms in the worker, ${startMs.toFixed(0)} ms with the worker's start`);
    const figures: Record<string, unknown> = { modelMB: modelBytes / 1e6, threads, loadMs: recognizer.loadMs, startMs };
    const nameOf = (): null => null;
    try {
      if (existsSync(dataset)) {
        const photos = split('val');
        let top1 = 0;
        let top3 = 0;
        let rejected = 0;
        // the photo's own product taken out of the ranking: as if the store did not sell it
        let namedWhenNotSold = 0;
        const ms: number[] = [];
        const roundTrip: number[] = [];
        const prepMs: number[] = [];
        for (const photo of photos) {
          const t = performance.now();
          const { ranked, ms: inWorker } = await recognizer.rank(photo.file);
          roundTrip.push(performance.now() - t);
          ms.push(inWorker);
          const verdict = decide(ranked, 3, recognizer.rule, nameOf);
          if (verdict.top[0]?.label === photo.label) top1++;
          if (verdict.top.some((s) => s.label === photo.label)) top3++;
          if (verdict.unknown) rejected++;
          const notSold = ranked.filter((m) => m.label !== photo.label);
          if (!decide(notSold, 1, recognizer.rule, nameOf).unknown) namedWhenNotSold++;
          // the reference: decoding and preprocessing alone, in this thread
          const p = performance.now();
          await toModelInput(photo.file, spec.input);
          prepMs.push(performance.now() - p);
        }
        const s = summarize(ms);
        const r = summarize(roundTrip);
        const prep = summarize(prepMs);
        log(`val: ${photos.length} photos, top-1 ${pct(top1, photos.length)}%, top-3 ${pct(top3, photos.length)}%, said unknown for ${pct(rejected, photos.length)}%`);
        log(`open set, real photos: ${pct(namedWhenNotSold, photos.length)}% of val photos named as another product when their own is not in the gallery`);
        log(line('picture, in the worker', s));
        log(line('picture, round trip', r));
        log(line('reference: decode+preprocess only', prep));
        log(`inference+preprocessing is ${(s.p50 / prep.p50).toFixed(1)}x decode+preprocess alone (median)`);
        Object.assign(figures, {
          valPhotos: photos.length,
          valTop1: pct(top1, photos.length),
          valTop3: pct(top3, photos.length),
          valSaidUnknown: pct(rejected, photos.length),
          openSetNotSoldNamed: pct(namedWhenNotSold, photos.length),
          msP50: s.p50,
          msP95: s.p95,
          roundTripP50: r.p50,
          referencePreprocessP50: prep.p50,
          ratioToReference: s.p50 / prep.p50,
        });
      } else {
        log(`no dataset at ${dataset}: accuracy and speed on photos skipped`);
      }
      const scenes = await openSetScenes(seededRandom(20261123), 10);
      const named = new Map<string, number>();
      for (const scene of scenes) {
        const { ranked } = await recognizer.rank(scene.png);
        if (!decide(ranked, 1, recognizer.rule, nameOf).unknown) named.set(scene.kind, (named.get(scene.kind) ?? 0) + 1);
      }
      const wrong = [...named.values()].reduce((a, b) => a + b, 0);
      log(`open set: ${scenes.length} drawn non-catalog scenes, named as a product: ${pct(wrong, scenes.length)}% (${sceneKinds.map((k) => `${k} ${named.get(k) ?? 0}/10`).join(', ')})`);
      figures.openSetScenes = scenes.length;
      figures.openSetNamed = pct(wrong, scenes.length);
    } finally {
      await recognizer.close();
    }
    return figures;
  },
};

export default bench;
