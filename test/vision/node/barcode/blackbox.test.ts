// ZXing's own test photos (../shared, not in the repository): a sample of each DEV folder must
// read as ZXing expects. Skipped where ../shared is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../../cli/paths.js';
import { BarcodeReader } from '../../../../vision/common/barcode/reader.js';
import { createEngine } from '../../../../vision/node/barcode/engines.js';
import { grayFromImageFile } from '../../../../vision/node/barcode/image-file.js';

const base = path.resolve(projectRoot, '../shared/data/barcodes/zxing-blackbox');
const present = existsSync(path.join(base, 'manifest.json'));

/** One or two images per DEV family that the default engine reads. */
const SAMPLE = [
  'ean13-1/1.png',
  'upca-1/2.png',
  'upce-1/1.png',
  'ean8-1/1.png',
  'rss14-2/20.png',
  'rssexpanded-1/1.png',
  'rssexpandedstacked-1/1.png',
  'qrcode-3/01.png',
  'datamatrix-1/0123456789.png',
  'code128-3/1.png',
];

describe.skipIf(!present)('ZXing blackbox photos (../shared)', () => {
  it('reads a sample of every DEV family as ZXing expects, and nothing in the false positives', async () => {
    const reader = new BarcodeReader(await createEngine(), { now: () => performance.now() });
    for (const file of SAMPLE) {
      const expected = readFileSync(path.join(base, file.replace(/\.png$/, '.txt')), 'utf8');
      const out = await reader.read(await grayFromImageFile(path.join(base, file)), 1000);
      expect(out.reads.map((r) => r.text), file).toContain(expected);
    }
    for (const name of ['01.png', '02.png', '03.png']) {
      const out = await reader.read(await grayFromImageFile(path.join(base, 'falsepositives', name)), 1000);
      expect(out.reads, name).toEqual([]);
    }
  });
});
