// A staff member's badge on the Staff tab (managers): issue one, whose QR is shown once to be
// printed on the badge (the store keeps only a hash of it), issue a new one when a badge is lost
// (the old stops working), or revoke it. A cart's camera reads the QR to sign its owner in.
import QRCode from 'qrcode';
import { useState } from 'react';
import { z } from 'zod';
import { call } from '../../../shared/api.js';
import { nothing } from '../answers.js';
import { act } from '../actions.js';
import { clockTime } from '../format.js';

export const badgesSchema = z.object({ badges: z.array(z.object({ staffId: z.string(), issuedAt: z.number() })) });
const issuedSchema = z.object({ staffId: z.string(), badge: z.string(), issuedAt: z.number() });

export function StaffBadge({ staffId, name, issuedAt, onDone }: { staffId: string; name: string; issuedAt: number | null; onDone: () => void }) {
  const [printable, setPrintable] = useState<{ image: string; text: string } | null>(null);
  const issue = () =>
    act(async () => {
      const issued = await call('POST', `/api/staff/${staffId}/badge`, issuedSchema);
      setPrintable({ image: await QRCode.toDataURL(issued.badge, { errorCorrectionLevel: 'M', margin: 2, width: 240 }), text: issued.badge });
      onDone();
    }, issuedAt === null ? `Issued a badge for ${name}` : `Issued a new badge for ${name}; the old one no longer works`);
  const revoke = () =>
    act(() => call('DELETE', `/api/staff/${staffId}/badge`, nothing), `Revoked ${name}'s badge`).then((ok) => {
      if (!ok) return;
      setPrintable(null);
      onDone();
    });
  return (
    <div className="stack" data-testid="staff-badge">
      <div className="row">
        <span className="muted">{issuedAt === null ? 'No badge' : `Badge issued ${clockTime(issuedAt)}`}</span>
        <button onClick={() => void issue()}>{issuedAt === null ? 'Issue badge' : 'Issue new badge'}</button>
        {issuedAt !== null && (
          <button className="danger" onClick={() => void revoke()}>
            Revoke badge
          </button>
        )}
      </div>
      {printable && (
        <div className="row link-qr">
          <img src={printable.image} alt={`Badge QR for ${name}`} width={240} height={240} data-testid="badge-qr" />
          <p>Print this on {name}'s badge now: it is shown only once. A cart signs {name} in when its camera sees it.</p>
        </div>
      )}
    </div>
  );
}
