// `npm run bench -- decode [--budget MS] [--frames N]`: both engines side by side on ZXing's DEV
// photos (every folder, every rotation ZXing tests, against ZXing's TRY_HARDER minimums), what
// each harder attempt buys, and the time for a 1280×720 camera frame holding one retail code.
// The reference is the other engine (@zxing/library) measured in the same run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { seededRandom } from '../domain/common/random.js';
import { expandUpcE } from '../domain/common/codes/upce.js';
import type { EngineName } from '../vision/common/barcode/engine.js';
import type { BarcodeFormat } from '../vision/common/barcode/formats.js';
import type { GrayImage } from '../vision/common/barcode/gray-image.js';
import { rotate } from '../vision/common/barcode/image-ops.js';
import type { BarcodeRead } from '../vision/common/barcode/judge.js';
import { BarcodeReader } from '../vision/common/barcode/reader.js';
import { createEngine, DEFAULT_ENGINE } from '../vision/node/barcode/engines.js';
import { grayFromImageFile } from '../vision/node/barcode/image-file.js';
import { projectRoot } from '../cli/paths.js';
import type { Benchmark } from './benchmark.js';
import { sceneFrame, type CodeSpec } from './barcode-scenes.js';
import { summarize } from './stats.js';

const BLACKBOX = path.resolve(projectRoot, '../shared/data/barcodes/zxing-blackbox');
const ENGINES: readonly EngineName[] = ['zxing-wasm', 'zxing-js'];
/** What a cart gives one frame before the next arrives (30 fps). */
const FRAME_BUDGET_MS = 30;

const manifestSchema = z.object({
  folders: z.array(
    z.object({
      folder: z.string(),
      zxing_thresholds: z.array(z.object({ rotation_deg: z.number(), try_harder_must_pass: z.number(), max_try_harder_misreads: z.number() })),
    }),
  ),
  images: z.array(z.object({ path: z.string(), folder: z.string(), format: z.string(), expected_text: z.string() })),
});

const RETAIL = new Set(['EAN_13', 'UPC_A', 'UPC_E', 'EAN_8']);

/** The scoring script's rule: same format and text, or the same GTIN within EAN/UPC, or DataBar with its (01). */
function matches(read: BarcodeRead, text: string, format: string): boolean {
  if (read.format === format && read.text === text) return true;
  if (!RETAIL.has(format) || !RETAIL.has(read.format) || read.code.kind !== 'gtin') return false;
  const upcA = format === 'UPC_E' ? expandUpcE(text) : undefined;
  const want = upcA ? (upcA.ok ? upcA.value : text) : text;
  return read.code.gtin14.replace(/^0+/, '') === want.replace(/^0+/, '');
}

interface Row {
  n: number;
  /** As the scoring script counts: the first two results `tally decode` prints (valid, then flagged invalid). */
  passed: number;
  misreads: number;
  /** Stricter: only symbols whose content the domain accepted. */
  valid: number;
  ms: number[];
}

function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} wants a number, not '${args[i + 1]}'`);
  return value;
}

/** Retail codes on cart-like frames: tilt within what a shopper does, some blur, sensor noise. */
const RETAIL_CODES: readonly CodeSpec[] = [
  { bcid: 'ean13', text: '4006381333931', scale: 3 },
  { bcid: 'upca', text: '036000291452', scale: 3 },
  { bcid: 'ean8', text: '96385074', scale: 3 },
  { bcid: 'upce', text: '01234565', scale: 3 },
  { bcid: 'ean13', text: '5901234123457', scale: 2 },
];

const bench: Benchmark = {
  summary: 'both barcode engines on ZXing DEV photos and on a 1280×720 frame with one retail code',
  async run({ log, args }) {
    const budget = arg(args, '--budget', 1000);
    const frames = arg(args, '--frames', 60);
    const figures: Record<string, unknown> = {};
    const engines = new Map(await Promise.all(ENGINES.map(async (name) => [name, await createEngine(name)] as const)));
    const readerFor = (name: EngineName): BarcodeReader => new BarcodeReader(engines.get(name)!, { now: () => performance.now() });

    if (!existsSync(path.join(BLACKBOX, 'manifest.json'))) {
      log(`(no ${BLACKBOX}: the DEV photo figures are skipped)`);
    } else {
      const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(BLACKBOX, 'manifest.json'), 'utf8')));
      const images = new Map<string, GrayImage>();
      for (const im of manifest.images) images.set(im.path, await grayFromImageFile(path.join(BLACKBOX, im.path)));
      log(`DEV photos, budget ${budget} ms per image after the cheap pass; decoded/images (ZXing TRY_HARDER min), misreads (max), reads whose content the domain accepts, median/p95 ms`);
      for (const name of ENGINES) {
        const reader = readerFor(name);
        const wins = new Map<string, number>();
        let total = 0;
        let passed = 0;
        let misreads = 0;
        let valid = 0;
        const allMs: number[] = [];
        const short: string[] = [];
        for (const folder of manifest.folders) {
          for (const th of folder.zxing_thresholds) {
            const row: Row = { n: 0, passed: 0, misreads: 0, valid: 0, ms: [] };
            for (const im of manifest.images.filter((i) => i.folder === folder.folder)) {
              const base = images.get(im.path)!;
              const image = th.rotation_deg === 0 ? base : rotate(base, th.rotation_deg).image;
              const out = await reader.read(image, budget);
              row.n++;
              row.ms.push(out.ms);
              const validHit = out.reads.slice(0, 2).some((r) => matches(r, im.expected_text, im.format));
              const shown = out.misreads.map((m) => m.symbol).slice(0, Math.max(0, 2 - out.reads.length));
              if (validHit) {
                row.valid++;
                const winner = out.attempts[out.attempts.length - 1]?.name ?? '?';
                wins.set(winner, (wins.get(winner) ?? 0) + 1);
              }
              if (validHit || shown.some((s) => s.format === im.format && s.text === im.expected_text)) row.passed++;
              else if (out.reads.length + out.misreads.length > 0) row.misreads++;
            }
            const s = summarize(row.ms);
            const ok = row.passed >= th.try_harder_must_pass && row.misreads <= th.max_try_harder_misreads;
            if (!ok) short.push(`${folder.folder}@${th.rotation_deg}`);
            log(
              `${name.padEnd(10)} ${ok ? 'ok   ' : 'SHORT'} ${folder.folder.padEnd(21)} ${String(th.rotation_deg).padStart(3)}°  ${String(row.passed).padStart(3)}/${String(row.n).padEnd(3)} (min ${th.try_harder_must_pass})  misreads ${row.misreads} (max ${th.max_try_harder_misreads})  valid ${row.valid}  ${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`,
            );
            total += row.n;
            passed += row.passed;
            misreads += row.misreads;
            valid += row.valid;
            allMs.push(...row.ms);
          }
        }
        const s = summarize(allMs);
        log(`${name}: decoded ${passed}/${total} (${((100 * passed) / total).toFixed(1)}%), misreads ${misreads} (valid content: ${valid}), median ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms; short: ${short.join(', ') || 'none'}`);
        log(`${name}: reads by the attempt that found them: ${[...wins].map(([a, n]) => `${a} ${n}`).join(', ')}`);
        Object.assign(figures, {
          [`${name}_decoded`]: passed,
          [`${name}_images`]: total,
          [`${name}_misreads`]: misreads,
          [`${name}_valid`]: valid,
          [`${name}_p50_ms`]: s.p50,
          [`${name}_p95_ms`]: s.p95,
          [`${name}_short`]: short,
          [`${name}_wins`]: Object.fromEntries(wins),
        });
      }
    }

    // The camera-frame case: one retail code per 1280×720 frame, read with the frame budget.
    const random = seededRandom(20261123);
    const scenes: { image: GrayImage; text: string; format: BarcodeFormat }[] = [];
    for (let i = 0; i < frames; i++) {
      const code = RETAIL_CODES[i % RETAIL_CODES.length]!;
      const image = await sceneFrame(code, { angle: random.int(-20, 20), blur: random.next() * 0.8, noise: 2 + random.next() * 4, at: { x: 0.25 + random.next() * 0.5, y: 0.3 + random.next() * 0.4 } }, random);
      scenes.push({ image, text: code.text, format: (['EAN_13', 'UPC_A', 'EAN_8', 'UPC_E', 'EAN_13'] as const)[i % RETAIL_CODES.length]! });
    }
    for (const name of ENGINES) {
      const reader = readerFor(name);
      await reader.read(scenes[0]!.image, FRAME_BUDGET_MS); // warm-up: JIT and first-use allocations
      const ms: number[] = [];
      let found = 0;
      for (const scene of scenes) {
        const out = await reader.read(scene.image, FRAME_BUDGET_MS);
        ms.push(out.ms);
        if (out.reads.some((r) => r.format === scene.format && r.text === scene.text)) found++;
      }
      const s = summarize(ms);
      log(`${name.padEnd(10)} 1280×720 frame, one retail code: read ${found}/${frames}, median ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms${name === DEFAULT_ENGINE ? ' (default engine; target median ≤ 10, p95 ≤ 40)' : ''}`);
      Object.assign(figures, { [`${name}_frame_read`]: found, [`${name}_frame_p50_ms`]: s.p50, [`${name}_frame_p95_ms`]: s.p95 });
    }
    const ours = figures[`${DEFAULT_ENGINE}_frame_p50_ms`];
    const ref = figures['zxing-js_frame_p50_ms'];
    if (typeof ours === 'number' && typeof ref === 'number') log(`frame median: ${DEFAULT_ENGINE} takes ${(ours / ref).toFixed(2)}× the time of the reference (zxing-js)`);
    return { default_engine: DEFAULT_ENGINE, frame_budget_ms: FRAME_BUDGET_MS, ...figures };
  },
};

export default bench;
