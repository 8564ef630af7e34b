import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { ScannedCode } from '../../domain/common/codes/interpret.js';
import { ENGINE_NAMES, isEngineName } from '../../vision/common/barcode/engine.js';
import type { BarcodeRead, Misread } from '../../vision/common/barcode/judge.js';
import { BarcodeReader } from '../../vision/common/barcode/reader.js';
import { createEngine, DEFAULT_ENGINE } from '../../vision/node/barcode/engines.js';
import { grayFromImageFile } from '../../vision/node/barcode/image-file.js';
import { UsageError, type Command } from '../command.js';

/** Generous for a file on disk: a photo may need every harder attempt; a camera frame gets far less. */
const DEFAULT_BUDGET_MS = 1000;

const usage = `Usage: tally decode [--engine NAME] [--json] [--budget MS] IMAGE...

Reads the barcodes in PNG, JPEG or WebP images: EAN-13, UPC-A, UPC-E, EAN-8 (with add-ons),
GS1 DataBar and DataBar Expanded, Code 128 / GS1-128, QR Code and Data Matrix.
  --engine NAME  ${ENGINE_NAMES.join(' or ')} (default ${DEFAULT_ENGINE})
  --json         one JSON object per image, one per line:
                 {"file", "results": [{"format", "text", "gtin", "position", ...}], "ms"}
                 and "error" for an image that could not be read
  --budget MS    time for the harder attempts after a miss (default ${DEFAULT_BUDGET_MS})
A symbol whose content fails its check digit or GS1 rules is listed after the valid ones with
"invalid": the reason; a cart never scans it.
Exit code 0 when every image could be read (found codes or not), 1 when some could not.`;

/** The GTIN-14 a code stands for, where it has one. */
function gtinOf(code: ScannedCode): string | undefined {
  if (code.kind === 'gtin' || code.kind === 'variable-measure') return code.gtin14;
  if (code.kind === 'gs1') return code.gtin14;
  return undefined;
}

function resultJson(read: BarcodeRead): Record<string, unknown> {
  const gtin = gtinOf(read.code);
  return {
    format: read.format,
    text: read.text,
    ...(gtin !== undefined ? { gtin } : {}),
    ...(read.addOn !== undefined ? { addOn: read.addOn } : {}),
    position: read.position,
    meaning: read.code,
  };
}

/** A symbol ZXing read whose content the domain refused: shown, flagged, never a scan. */
const misreadJson = (m: Misread): Record<string, unknown> => ({ format: m.symbol.format, text: m.symbol.text, position: m.symbol.position, invalid: m.error.message });

function humanLine(file: string, reads: readonly BarcodeRead[], misreads: readonly Misread[], ms: number): string {
  const found = reads.length === 0 ? 'no barcode' : reads.map((r) => `${r.format} ${JSON.stringify(r.text)}${r.addOn ? ` +${r.addOn}` : ''}`).join(', ');
  const refused = misreads.map((m) => `; misread ${m.symbol.format} ${JSON.stringify(m.symbol.text)}: ${m.error.message}`).join('');
  return `${file}: ${found}${refused} (${ms.toFixed(1)} ms)`;
}

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'read the barcodes in image files',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { engine: { type: 'string' }, json: { type: 'boolean' }, budget: { type: 'string' } },
    });
    const engineName = values.engine ?? DEFAULT_ENGINE;
    if (!isEngineName(engineName)) throw new UsageError(`unknown engine '${engineName}' (use ${ENGINE_NAMES.join(' or ')})`);
    const budget = values.budget === undefined ? DEFAULT_BUDGET_MS : Number(values.budget);
    if (!(budget >= 0) || !Number.isFinite(budget)) throw new UsageError(`--budget wants milliseconds, not '${values.budget}'`);
    if (positionals.length === 0) throw new UsageError('name at least one image');
    const reader = new BarcodeReader(await createEngine(engineName), { now: () => performance.now() });
    let failed = 0;
    for (const file of positionals) {
      const t0 = performance.now();
      try {
        const image = await grayFromImageFile(file);
        const outcome = await reader.read(image, budget);
        const ms = Math.round((performance.now() - t0) * 10) / 10;
        if (values.json) {
          const results = [...outcome.reads.map(resultJson), ...outcome.misreads.map(misreadJson)];
          console.log(JSON.stringify({ file, results, ms }));
        } else {
          console.log(humanLine(file, outcome.reads, outcome.misreads, ms));
        }
      } catch (e) {
        failed++;
        const message = e instanceof Error ? e.message : String(e);
        if (values.json) console.log(JSON.stringify({ file, results: [], error: message }));
        else console.error(`${file}: ${message}`);
      }
    }
    return failed === 0 ? 0 : 1;
  },
};
