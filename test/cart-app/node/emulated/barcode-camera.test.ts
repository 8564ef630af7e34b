// Labels printed with bwip-js and read by the cart's real decoder, as the emulator shows them.
import { beforeAll, describe, expect, it } from 'vitest';
import { BarcodeCamera, labelKindFor } from '../../../../cart-app/node/emulated/barcode-camera.js';
import { demoCatalog } from '../../cart-fixture.js';

let camera: BarcodeCamera;
beforeAll(async () => {
  camera = await BarcodeCamera.create((await demoCatalog()).store.variableMeasure);
});

describe('the emulated barcode camera', () => {
  it.each([
    ['7350099101014', 'EAN_13', '7350099101014'],
    ['894512600014', 'UPC_A', '894512600014'],
    ['96385074', 'EAN_8', '96385074'],
    ['(01)09501101530003(3103)000450', 'CODE_128', ']C101095011015300033103000450'],
    ['WELCOME10', 'QR_CODE', 'WELCOME10'],
  ])('prints and reads %s as %s', async (text, format, read) => {
    expect(await camera.show({ text })).toMatchObject({ ok: true, value: { text: read, format } });
  });

  it('prints a 14-digit GTIN as a DataBar when asked, keeping its GS1 identifier', async () => {
    const shown = await camera.show({ text: '10894512500014', kind: 'databaromni' });
    expect(shown).toMatchObject({ ok: true, value: { format: 'RSS_14' } });
  });

  it('cannot print a GTIN with a wrong check digit, and says so', async () => {
    expect(await camera.show({ text: '7350099101015' })).toMatchObject({ ok: false, error: { code: 'cannot-print' } });
    expect(await camera.show({ text: 'not digits', kind: 'ean13' })).toMatchObject({ ok: false, error: { code: 'cannot-print' } });
  });

  it('keeps the last label held up as its basket frame, stamped on the cart’s clock', async () => {
    const own = await BarcodeCamera.create([], () => 1_700_000_000_000);
    expect(own.latest()).toBeUndefined();
    await own.show({ text: '96385074' });
    await own.show({ text: 'WELCOME10' });
    const frame = own.latest();
    expect(frame).toMatchObject({ cameraId: 'basket', seq: 2, capturedAt: 1_700_000_000_000, format: 'gray' });
    expect(frame?.data.length).toBe((frame?.width ?? 0) * (frame?.height ?? 0));
  });

  it('chooses a label from the text', () => {
    expect(['1234567890128', '036000291452', '96385074', '(01)09501101530003', 'tally:sign-in'].map(labelKindFor)).toEqual(['ean13', 'upca', 'ean8', 'gs1-128', 'qrcode']);
  });
});
