import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogFile } from '../../domain/node/catalog/load.js';
import { RecognitionError } from '../../vision/common/recognition/errors.js';
import { decide, type SkuLookup } from '../../vision/common/recognition/verdict.js';
import { WorkerRecognizer } from '../../vision/node/recognition/worker-recognizer.js';
import { UsageError, type Command } from '../command.js';
import { demoCatalogPath, projectRoot } from '../paths.js';

const defaultModel = path.join(projectRoot, 'vision', 'models', 'grocery-recognizer.json');

const usage = `Usage: tally recognize [--json] [--top K] [--catalog FILE] [--model SPEC] [--threads N] IMAGE...

Names the grocery item in each picture with the on-cart recognition model, best guesses first,
mapped to the catalog's products through their visionLabel. A picture unlike any catalog item
(a hand, a bag, an empty basket) is reported as unknown, with its nearest products still listed.

  --json         one JSON object per picture per line:
                 {"file", "top": [{"label", "sku", "score"}], "unknown", "ms"} or {"file", "error"}
  --top K        how many guesses per picture (default 3)
  --catalog FILE catalog for the label -> SKU mapping (default: the demo store)
  --model SPEC   the model's tally-recognizer/1 JSON (default: vision/models/grocery-recognizer.json)
  --threads N    ONNX Runtime threads (default 1)

"ms" is the time to decode, preprocess and run one picture. Exit code 1 if a picture could not be read.`;

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`${name} wants a whole number from 1 to 1000, got '${value}'`);
  return n;
}

/** The catalog's label -> SKU mapping; without a usable catalog every SKU is null (and we say why). */
async function skuLookup(file: string): Promise<SkuLookup> {
  const loaded = await loadCatalogFile(file);
  if (!loaded.ok) {
    console.error(`tally recognize: no SKUs (catalog not loaded): ${loaded.error.message.split('\n')[0]}`);
    return () => null;
  }
  const catalog = loaded.value;
  return (label) => catalog.byVisionLabel(label)[0]?.sku ?? null;
}

const percent = (p: number): string => `${(p * 100).toFixed(1)}%`;

export const recognizeCommand: Command = {
  name: 'recognize',
  summary: 'name the grocery item in pictures with the on-cart recognition model',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        top: { type: 'string' },
        catalog: { type: 'string' },
        model: { type: 'string' },
        threads: { type: 'string' },
      },
    });
    const topK = positiveInt(values.top, '--top', 3);
    const threads = positiveInt(values.threads, '--threads', 1);
    if (positionals.length === 0) throw new UsageError('give at least one picture');

    const skuOf = await skuLookup(values.catalog ?? demoCatalogPath);
    let recognizer: WorkerRecognizer;
    try {
      recognizer = await WorkerRecognizer.start(values.model ?? defaultModel, { threads });
    } catch (cause) {
      if (!(cause instanceof RecognitionError)) throw cause;
      console.error(`tally recognize: ${cause.message}`);
      return 1;
    }
    let failures = 0;
    try {
      for (const file of positionals) {
        try {
          const { ranked, ms } = await recognizer.rank(file);
          const verdict = decide(ranked, topK, recognizer.rule, skuOf);
          if (values.json) {
            const top = verdict.top.map((s) => ({ ...s, score: Math.round(s.score * 1e4) / 1e4 }));
            console.log(JSON.stringify({ file, top, unknown: verdict.unknown, ms: Math.round(ms * 100) / 100 }));
          } else {
            const guesses = verdict.top.map((s) => `${s.label}${s.sku ? ` (${s.sku})` : ''} ${percent(s.score)}`).join(', ');
            console.log(`${file}: ${verdict.unknown ? 'unknown; nearest ' : ''}${guesses}  [${ms.toFixed(1)} ms]`);
          }
        } catch (cause) {
          if (!(cause instanceof RecognitionError) || cause.kind !== 'unreadable-image') throw cause;
          failures++;
          if (values.json) console.log(JSON.stringify({ file, error: cause.message }));
          else console.error(`${file}: ${cause.message}`);
        }
      }
    } finally {
      await recognizer.close();
    }
    return failures > 0 ? 1 : 0;
  },
};
