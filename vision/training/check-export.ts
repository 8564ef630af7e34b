// Checks that ONNX Runtime computes what PyTorch computed: runs the exported model on the probe
// that ensemble.py writes (a validation photo and its mirror image, with PyTorch's embeddings) and
// prints the largest difference. An export whose padding was off once cost a point of accuracy
// without failing anything else.
//
//   npx tsx vision/training/check-export.ts [PROBE] [MODEL]
//     (default /tmp/tally-recognition-cache/export-probe.json, vision/models/grocery-recognizer.onnx)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { RecognitionError } from '../common/recognition/errors.js';

// float32 arithmetic in another order than PyTorch's differs by about 1e-7 here
const TOLERANCE = 1e-4;

const probeSchema = z
  .object({
    shape: z.tuple([z.number().int().positive(), z.literal(3), z.number().int().positive(), z.number().int().positive()]),
    pixels: z.array(z.number()),
    embedding: z.array(z.number()),
  })
  .refine((p) => p.pixels.length === p.shape.reduce((a, b) => a * b, 1), { message: 'pixels do not fill shape' });

const probePath = process.argv[2] ?? '/tmp/tally-recognition-cache/export-probe.json';
const modelPath = process.argv[3] ?? fileURLToPath(new URL('../models/grocery-recognizer.onnx', import.meta.url));
const probe = probeSchema.parse(JSON.parse(readFileSync(probePath, 'utf8')));

const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
const [inputName] = session.inputNames;
const [outputName] = session.outputNames;
if (inputName === undefined || outputName === undefined) throw new RecognitionError('bad-model', `${modelPath} has no input or no output`);
const out = (await session.run({ [inputName]: new ort.Tensor('float32', Float32Array.from(probe.pixels), probe.shape) }))[outputName];
await session.release();
if (!out || out.data.length !== probe.embedding.length) {
  console.error(`${modelPath}: ${out?.data.length ?? 0} output numbers, the probe has ${probe.embedding.length}`);
  process.exit(1);
}
let worst = 0;
probe.embedding.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (out.data[i] as number)))));
console.log(`${modelPath}: largest difference from PyTorch ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
process.exitCode = worst <= TOLERANCE ? 0 : 1;
