// A QR code drawn as one SVG path from the qrcode package's module matrix: crisp at any size,
// no canvas and no network, readable from a phone held at arm's length.
import QRCode from 'qrcode';
import { useMemo } from 'react';

/** The dark modules as an SVG path, one 1×1 square each, inside a 4-module quiet zone. */
function modulesPath(text: string): { path: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  return { path, size: modules.size + quiet * 2 };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { path, size } = useMemo(() => modulesPath(text), [text]);
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="qr" data-text={text}>
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
