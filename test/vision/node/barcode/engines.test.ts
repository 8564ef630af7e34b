import { performance } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../domain/common/random.js';
import { codeImage, sceneFrame, type CodeSpec } from '../../../../bench/barcode-scenes.js';
import type { DecoderEngine, EngineName } from '../../../../vision/common/barcode/engine.js';
import type { BarcodeFormat } from '../../../../vision/common/barcode/formats.js';
import { BarcodeReader } from '../../../../vision/common/barcode/reader.js';
import { createEngine } from '../../../../vision/node/barcode/engines.js';

interface Case {
  readonly code: CodeSpec;
  readonly format: BarcodeFormat;
  readonly text: string;
  readonly meaning: Record<string, unknown>;
  /**
   * Engines seen not to read it: the TypeScript port reads no UPC-E, no add-on, no bwip-js DataBar
   * Expanded, and (on this machine) not this clean bwip-js QR code; bench/decode.ts counts it.
   */
  readonly skip?: readonly EngineName[];
}

const CASES: readonly Case[] = [
  { code: { bcid: 'ean13', text: '5901234123457' }, format: 'EAN_13', text: '5901234123457', meaning: { kind: 'gtin', gtin14: '05901234123457' } },
  { code: { bcid: 'upca', text: '036000291452' }, format: 'UPC_A', text: '036000291452', meaning: { kind: 'gtin', gtin14: '00036000291452' } },
  { code: { bcid: 'upce', text: '01234565' }, format: 'UPC_E', text: '01234565', meaning: { kind: 'gtin', gtin14: '00012345000065' }, skip: ['zxing-js'] },
  { code: { bcid: 'ean8', text: '96385074' }, format: 'EAN_8', text: '96385074', meaning: { kind: 'gtin', gtin14: '00000096385074' } },
  { code: { bcid: 'ean13', text: '9780735200449 51299' }, format: 'EAN_13', text: '9780735200449', meaning: { kind: 'gtin', addOn: '51299' }, skip: ['zxing-js'] },
  { code: { bcid: 'ean8', text: '96385074 12' }, format: 'EAN_8', text: '96385074', meaning: { kind: 'gtin', addOn: '12' }, skip: ['zxing-js'] },
  { code: { bcid: 'databaromni', text: '(01)09501101530003' }, format: 'RSS_14', text: '09501101530003', meaning: { kind: 'gtin', gtin14: '09501101530003' } },
  {
    code: { bcid: 'databarexpanded', text: '(01)98898765432106(3103)001750' },
    format: 'RSS_EXPANDED',
    text: '(01)98898765432106(3103)001750',
    meaning: { kind: 'gs1', gtin14: '98898765432106', netMg: 1_750_000 },
    skip: ['zxing-js'],
  },
  {
    code: { bcid: 'databarexpandedstacked', text: '(01)98898765432106(3103)000750(3922)00299(10)LOT7' },
    format: 'RSS_EXPANDED',
    text: '(01)98898765432106(3103)000750(3922)00299(10)LOT7',
    meaning: { kind: 'gs1', netMg: 750_000, price: { amount: 299, decimals: 2 }, batch: 'LOT7' },
    skip: ['zxing-js'],
  },
  { code: { bcid: 'gs1-128', text: '(01)09501101530003(10)AB12' }, format: 'CODE_128', text: '0109501101530003' + '10AB12', meaning: { kind: 'gs1', batch: 'AB12' } },
  { code: { bcid: 'code128', text: 'TALLY-42' }, format: 'CODE_128', text: 'TALLY-42', meaning: { kind: 'text', text: 'TALLY-42' } },
  { code: { bcid: 'qrcode', text: 'tally:signin:7Q2X', scale: 4 }, format: 'QR_CODE', text: 'tally:signin:7Q2X', meaning: { kind: 'text' }, skip: ['zxing-js'] },
  { code: { bcid: 'datamatrix', text: 'COUPON 0042', scale: 4 }, format: 'DATA_MATRIX', text: 'COUPON 0042', meaning: { kind: 'text' } },
];

describe.each(['zxing-wasm', 'zxing-js'] as const)('%s engine', (name) => {
  let engine: DecoderEngine;
  beforeAll(async () => {
    engine = await createEngine(name);
  });

  for (const c of CASES.filter((c) => !c.skip?.includes(name))) {
    it(`reads ${c.code.bcid} ${c.code.text} as ZXing does`, async () => {
      const reader = new BarcodeReader(engine, { now: () => performance.now() });
      const out = await reader.read(await codeImage(c.code), 500);
      expect(out.misreads).toEqual([]);
      expect(out.reads).toHaveLength(1);
      expect(out.reads[0]).toMatchObject({ format: c.format, text: c.text, code: c.meaning });
    });
  }

  it('finds nothing in a blank frame and in noise', async () => {
    const reader = new BarcodeReader(engine, { now: () => performance.now() });
    const blank = { width: 320, height: 240, data: new Uint8Array(320 * 240).fill(200) };
    expect((await reader.read(blank, 50)).reads).toEqual([]);
    const random = seededRandom(7);
    const noise = { width: 320, height: 240, data: Uint8Array.from({ length: 320 * 240 }, () => random.int(0, 255)) };
    expect((await reader.read(noise, 50)).reads).toEqual([]);
  });
});

describe('harder attempts on a camera frame', () => {
  it('reads a tilted, blurred, noisy EAN-13 in a 1280×720 frame and says where it is', async () => {
    const engine = await createEngine('zxing-wasm');
    const frame = await sceneFrame({ bcid: 'ean13', text: '4006381333931', scale: 3 }, { angle: 40, blur: 0.8, noise: 6, at: { x: 0.3, y: 0.6 } }, seededRandom(3));
    // A budget no machine runs out of: this is about what the attempts can read, not how fast.
    const out = await new BarcodeReader(engine, { now: () => performance.now() }).read(frame, 60_000);
    expect(out.reads.map((r) => r.text)).toEqual(['4006381333931']);
    const { topLeft, bottomRight } = out.reads[0]!.position;
    const middle = { x: (topLeft.x + bottomRight.x) / 2, y: (topLeft.y + bottomRight.y) / 2 };
    expect(Math.abs(middle.x - 0.3 * 1280)).toBeLessThan(120);
    expect(Math.abs(middle.y - 0.6 * 720)).toBeLessThan(120);
  });
});
