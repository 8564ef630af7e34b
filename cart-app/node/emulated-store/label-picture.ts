// The picture of a label the panel shows beside "what the camera saw". The emulated cart's camera
// prints and reads its own copy inside the cart (barcode-camera.ts keeps that frame to itself);
// this prints the same text with the same symbology choice (labelKindFor), with its digits
// underneath, so a developer sees which label was held up.
import bwipjs from 'bwip-js';
import { labelKindFor } from '../emulated/barcode-camera.js';

const MATRIX = new Set(['qrcode', 'datamatrix']);

/** The label as a PNG data: URL, or null when no label of its kind can carry `text`. */
export async function printLabelPicture(text: string): Promise<string | null> {
  const bcid = labelKindFor(text);
  try {
    const png = await bwipjs.toBuffer({ bcid, text, scale: 2, ...(MATRIX.has(bcid) ? {} : { height: 14, includetext: true }), paddingwidth: 10, paddingheight: 6, backgroundcolor: 'FFFFFF' });
    return `data:image/png;base64,${png.toString('base64')}`;
  } catch {
    return null;
  }
}
