// Entry point of the inference thread: loads the model once, then answers WorkerRecognizer.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { RecognitionError } from '../../common/recognition/errors.js';
import { Recognizer } from './recognizer.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('recognition-worker runs inside a worker thread only');
const setup = workerData as WorkerSetup;

function failure(id: number | null, cause: unknown): FromWorker {
  return cause instanceof RecognitionError
    ? { type: 'failed', id, kind: cause.kind, message: cause.message }
    : { type: 'failed', id, kind: 'bad-model', message: String((cause as Error)?.message ?? cause) };
}

const t0 = performance.now();
try {
  const recognizer = await Recognizer.load(setup.specPath, { threads: setup.threads });
  // One request at a time: ONNX Runtime already uses the threads it was given.
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      try {
        if (message.type === 'rank') {
          const { ranked, ms } = await recognizer.rank(message.picture);
          port.postMessage({ type: 'ranked', id: message.id, ranked, ms } satisfies FromWorker);
        } else {
          await recognizer.teach(message.label, message.photos, message.product, message.kind);
          port.postMessage({ type: 'taught', id: message.id } satisfies FromWorker);
        }
      } catch (cause) {
        port.postMessage(failure(message.id, cause));
      }
    });
  });
  port.postMessage({
    type: 'ready',
    labels: recognizer.gallery.labels,
    rule: { unknownBelow: recognizer.spec.unknownBelow, notProductMargin: recognizer.spec.notProductMargin },
    loadMs: performance.now() - t0,
  } satisfies FromWorker);
} catch (cause) {
  port.postMessage(failure(null, cause));
}
