// A decoding thread: owns one engine and one reader, and answers one image at a time. Pixels
// arrive as a transferred buffer (no copy); results go back as plain objects.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { VariableMeasureLayout } from '../../../domain/common/catalog/schema.js';
import { isEngineName } from '../../common/barcode/engine.js';
import { BarcodeReader } from '../../common/barcode/reader.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';
import { createEngine } from './engines.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.js runs only as a worker thread');
const { engine: name, layouts } = workerData as { engine: string; layouts: VariableMeasureLayout[] };
if (!isEngineName(name)) throw new Error(`unknown engine ${name}`);

const reader = new BarcodeReader(await createEngine(name), { layouts, now: () => performance.now() });

port.on('message', (request: DecodeRequest) => {
  const image = { width: request.width, height: request.height, data: new Uint8Array(request.pixels) };
  reader.read(image, request.budgetMs, request.resumeAt).then(
    (outcome) => port.postMessage({ id: request.id, ok: true, reads: outcome.reads, misreads: outcome.misreads.length, ms: outcome.ms, resumeAt: outcome.resumeAt, foundBy: outcome.foundBy } satisfies DecodeReply),
    (e: unknown) => port.postMessage({ id: request.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies DecodeReply),
  );
});
port.postMessage({ ready: true });
