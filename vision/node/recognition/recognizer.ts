// Runs the recognition model in this thread: picture -> embedding -> gallery ranking. The cart
// uses it through WorkerRecognizer so the UI thread never waits on inference.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { RecognitionError } from '../../common/recognition/errors.js';
import { Gallery, type Match } from '../../common/recognition/gallery.js';
import { recognizerSpecSchema, type RecognizerSpec } from '../../common/recognition/recognizer-spec.js';
import { toModelInput, type PictureInput } from './preprocess.js';

export interface RecognizerOptions {
  /**
   * ONNX Runtime threads for one picture (default 1: on the cart's 2 cores one thread leaves the
   * other to the UI and the camera, and a single small picture gains little from a second).
   */
  readonly threads?: number;
}

export interface Ranking {
  /** Every gallery entry, best first. */
  readonly ranked: readonly Match[];
  /** Decoding, preprocessing and inference of this picture, in milliseconds. */
  readonly ms: number;
}

/** The planar picture followed by its left-right mirror image: a batch of two. */
function withMirror(pixels: Float32Array, size: number): Float32Array {
  const out = new Float32Array(pixels.length * 2);
  out.set(pixels);
  for (let row = 0; row < pixels.length / size; row++) {
    const from = row * size;
    const to = pixels.length + from;
    for (let x = 0; x < size; x++) out[to + x] = pixels[from + size - 1 - x] as number;
  }
  return out;
}

export async function loadSpec(specPath: string): Promise<RecognizerSpec> {
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch (cause) {
    throw new RecognitionError('bad-spec', `cannot read the model description ${specPath}: ${(cause as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new RecognitionError('bad-spec', `${specPath} is not JSON: ${(cause as Error).message}`);
  }
  const parsed = recognizerSpecSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new RecognitionError('bad-spec', `${specPath}: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}

export class Recognizer {
  #gallery: Gallery;

  private constructor(
    readonly spec: RecognizerSpec,
    private readonly session: ort.InferenceSession,
    private readonly inputName: string,
    private readonly outputName: string,
  ) {
    this.#gallery = Gallery.of(spec.gallery, spec.notProducts);
  }

  /** Loads the model described by a `tally-recognizer/1` JSON file (the ONNX file sits beside it). */
  static async load(specPath: string, options: RecognizerOptions = {}): Promise<Recognizer> {
    const spec = await loadSpec(specPath);
    const modelPath = path.resolve(path.dirname(specPath), spec.model);
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, {
        intraOpNumThreads: options.threads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (cause) {
      throw new RecognitionError('bad-model', `cannot load the model ${modelPath}: ${(cause as Error).message}`);
    }
    const [inputName] = session.inputNames;
    const [outputName] = session.outputNames;
    if (inputName === undefined || outputName === undefined) throw new RecognitionError('bad-model', `${modelPath} has no input or no output`);
    return new Recognizer(spec, session, inputName, outputName);
  }

  get gallery(): Gallery {
    return this.#gallery;
  }

  /** The picture's embedding (what the gallery is matched against; the gallery normalises it). */
  async embed(picture: PictureInput): Promise<Float32Array> {
    const { size, mirrorToo } = this.spec.input;
    const pixels = await toModelInput(picture, this.spec.input);
    const batch = mirrorToo ? withMirror(pixels, size) : pixels;
    const n = mirrorToo ? 2 : 1;
    const feeds = { [this.inputName]: new ort.Tensor('float32', batch, [n, 3, size, size]) };
    const out = (await this.session.run(feeds))[this.outputName];
    const dims = this.spec.embeddingSize;
    if (!out || !(out.data instanceof Float32Array) || out.data.length !== n * dims) {
      throw new RecognitionError('bad-model', `the model's output is not ${n} x ${dims} float32 numbers`);
    }
    if (n === 1) return out.data;
    // both halves are unit length, so their sum points at the average direction
    const sum = new Float32Array(dims);
    for (let i = 0; i < dims; i++) sum[i] = (out.data[i] as number) + (out.data[dims + i] as number);
    return sum;
  }

  async rank(picture: PictureInput): Promise<Ranking> {
    const t0 = performance.now();
    const embedding = await this.embed(picture);
    const ranked = this.#gallery.rank(embedding, this.spec.scoreScale);
    return { ranked, ms: performance.now() - t0 };
  }

  /**
   * Adds (or re-teaches) a product from photos of it; later rankings include it. With
   * `product: false` the photos show something that is not for sale (see Gallery.withProduct);
   * `kind` (apple, juice) lets the ranking weigh the product with its kind.
   */
  async teach(label: string, photos: readonly PictureInput[], product = true, kind?: string): Promise<void> {
    const embeddings: Float32Array[] = [];
    for (const photo of photos) embeddings.push(await this.embed(photo));
    this.#gallery = this.#gallery.withProduct(label, embeddings, product, kind);
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
