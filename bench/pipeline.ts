// `npm run bench -- pipeline [--seconds S]`: two cameras at 30 fps of 1280×720 synthetic video
// (bwip-js codes that slide in with motion smear, tilt, blur and sensor noise, rest, and leave),
// through the scan pipeline with decoding in worker threads. Reports frame-arrival-to-scan
// latency, scans against presentations, backlog, event-loop delay and CPU use. The reference is
// the naive design measured in the same run: every whole frame decoded on the main thread.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { systemClock } from '../domain/common/clock.js';
import { seededRandom, type Random } from '../domain/common/random.js';
import type { Frame } from '../hardware/common/camera/frame.js';
import type { GrayImage } from '../vision/common/barcode/gray-image.js';
import { BarcodeReader } from '../vision/common/barcode/reader.js';
import { createEngine } from '../vision/node/barcode/engines.js';
import { ScanPipeline } from '../vision/node/barcode/scan-pipeline.js';
import { DecodePool } from '../vision/node/barcode/worker-pool.js';
import type { Benchmark } from './benchmark.js';
import { renderCode, sceneFrame, type CodeSpec } from './barcode-scenes.js';
import { summarize } from './stats.js';

const FPS = 30;
const CODES: readonly CodeSpec[] = [
  { bcid: 'ean13', text: '4006381333931', scale: 3 },
  { bcid: 'upca', text: '036000291452', scale: 3 },
  { bcid: 'databarexpanded', text: '(01)98898765432106(3103)001750', scale: 2 },
  { bcid: 'qrcode', text: 'tally:coupon:2026', scale: 4 },
];

/**
 * One presentation as a camera sees it, frame by frame: 6 frames sliding in (smeared), 24 held
 * still (sensor noise only), 15 empty. Frames are rendered once and replayed.
 */
async function presentation(code: CodeSpec, random: Random): Promise<GrayImage[]> {
  const png = await renderCode(code);
  const angle = random.int(-25, 25);
  const empty = await sceneFrame(png, { angle, noise: 3, at: { x: 5, y: 5 } }, random);
  const frames: GrayImage[] = [];
  for (let i = 0; i < 6; i++) frames.push(await sceneFrame(png, { angle, motion: 15 - 2 * i, blur: 0.6, noise: 3, at: { x: 0.1 + 0.07 * i, y: 0.5 } }, random));
  const still = await sceneFrame(png, { angle, blur: 0.5, noise: 3, at: { x: 0.52, y: 0.5 } }, random);
  for (let i = 0; i < 24; i++) frames.push(still);
  for (let i = 0; i < 15; i++) frames.push(empty);
  return frames;
}

function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!(value > 0)) throw new RangeError(`${name} wants a positive number`);
  return value;
}

const bench: Benchmark = {
  summary: '2 cameras × 30 fps of 1280×720 synthetic video through the scan pipeline',
  async run({ log, args }) {
    const seconds = arg(args, '--seconds', 20);
    const random = seededRandom(42);
    const cameras = ['scan-left', 'scan-right'];
    // Each camera shows the codes in its own order, offset in time, so their work interleaves.
    const videos = new Map<string, GrayImage[]>();
    for (const [c, cameraId] of cameras.entries()) {
      const frames: GrayImage[] = [];
      for (let k = 0; k < CODES.length; k++) frames.push(...(await presentation(CODES[(k + c) % CODES.length]!, random)));
      videos.set(cameraId, frames);
    }
    const perCycle = videos.get(cameras[0]!)!.length;
    log(`${cameras.length} cameras × ${FPS} fps, 1280×720, ${seconds} s; each camera shows ${CODES.length} codes per ${(perCycle / FPS).toFixed(1)} s cycle`);

    const pool = new DecodePool({ threads: 2 });
    const pipeline = new ScanPipeline({ pool, clock: systemClock, budgetMs: 30 });
    const latencies: number[] = [];
    const scansOf = new Map<string, number>();
    pipeline.on('scan', (s) => {
      latencies.push(s.latencyMs);
      const who = `${s.cameraIds.join('+')} ${s.read.format}`;
      scansOf.set(who, (scansOf.get(who) ?? 0) + 1);
    });
    pipeline.on('problem', (p) => log(`problem: ${p.message}`));
    // Let the threads load their WebAssembly before the clock starts.
    await pool.decode('warm-up', videos.get(cameras[0]!)![10]!, 30);

    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const total = Math.round(seconds * FPS);
    let maxBacklog = 0;
    await new Promise<void>((done) => {
      let n = 0;
      const tick = (): void => {
        for (const [c, cameraId] of cameras.entries()) {
          const video = videos.get(cameraId)!;
          const frame: Frame = { cameraId, seq: n, capturedAt: Date.now(), width: 1280, height: 720, format: 'gray', data: video[(n + c * 11) % video.length]!.data };
          pipeline.push(frame);
        }
        maxBacklog = Math.max(maxBacklog, pool.backlog);
        n++;
        if (n >= total) return done();
        // Scheduled from the start, so timer lateness does not pile up (as the camera Ticker does).
        setTimeout(tick, Math.max(0, t0 + (n * 1000) / FPS - performance.now()));
      };
      tick();
    });
    await pipeline.idle();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    loop.disable();
    await pool.close();

    const presentations = cameras.reduce((sum, _, c) => {
      // Presentations that reached their still frames within the run, per camera.
      let count = 0;
      for (let n = 0; n < total; n++) if ((n + c * 11) % perCycle % 45 === 10) count++;
      return sum + count;
    }, 0);
    const s = summarize(latencies);
    const st = pipeline.stats;
    const cpuPct = ((cpu.user + cpu.system) / 1000 / wall) * 100;
    log(`scans ${st.scans} for ${presentations} camera-presentations (two cameras may see one code at once only when their codes match; here they differ)`);
    log(`scans by camera and code: ${[...scansOf].map(([who, n]) => `${who} ${n}`).join(', ')}`);
    log(`frame arrival → scan: median ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (target p95 ≤ 100)`);
    log(`frames ${st.frames}: decoded ${st.decoded}, unchanged (not decoded) ${st.unchanged}, still but decoded on with the rest of the plan ${st.resumed}, superseded ${st.superseded}; largest backlog ${maxBacklog} (at most one per camera by design); misreads dropped ${st.misreads}`);
    log(`event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; CPU ${cpuPct.toFixed(0)}% of one core (all threads) over ${(wall / 1000).toFixed(1)} s`);

    // Reference: the naive design, every whole frame decoded inline on the main thread.
    const reader = new BarcodeReader(await createEngine(), { now: () => performance.now() });
    const inline: number[] = [];
    const sample = videos.get(cameras[0]!)!;
    for (let i = 0; i < 45; i++) inline.push((await reader.read(sample[i % sample.length]!, 30)).ms);
    const r = summarize(inline);
    log(`reference, whole frame decoded on the main thread: median ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms blocked per frame; 60 frames/s would need ${((r.p50 * 60) / 10).toFixed(0)}% of a core and block the loop that long each time`);
    return {
      scans: st.scans,
      presentations,
      latency_p50_ms: s.p50,
      latency_p95_ms: s.p95,
      frames: st.frames,
      decoded: st.decoded,
      unchanged: st.unchanged,
      resumed: st.resumed,
      superseded: st.superseded,
      max_backlog: maxBacklog,
      misreads: st.misreads,
      event_loop_p99_ms: loop.percentile(99) / 1e6,
      cpu_percent_of_core: cpuPct,
      reference_inline_p50_ms: r.p50,
      reference_inline_p95_ms: r.p95,
    };
  },
};

export default bench;
