// Camera snapshots in the review queue: the pictures a cart took when it raised an alert, shown
// as thumbnails beside that alert (or beside the log event they name), any tap enlarging one.
// The pictures come from the store with the staff member's own session cookie.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { reviewsSchema } from '../answers.js';
import { clockTime } from '../format.js';

const snapshotSchema = z.object({
  snapshotId: z.string(),
  alertId: z.string().nullable(),
  eventSeq: z.number().nullable(),
  camera: z.string(),
  takenAt: z.number(),
  contentType: z.string(),
  width: z.number(),
  height: z.number(),
});
export type Snapshot = z.output<typeof snapshotSchema>;

/** The review queue with each trip's snapshots (older stores send none). */
export const reviewsWithSnapshotsSchema = z.object({
  reviews: z.array(reviewsSchema.shape.reviews.element.extend({ snapshots: z.array(snapshotSchema).default([]) })),
});
export type ReviewWithSnapshots = z.output<typeof reviewsWithSnapshotsSchema>['reviews'][number];

/** Where each snapshot shows: beside an alert the trip is queued for, beside a log event, or at the end. */
export interface SnapshotPlaces {
  readonly byAlert: ReadonlyMap<string, Snapshot[]>;
  readonly bySeq: ReadonlyMap<number, Snapshot[]>;
  readonly rest: readonly Snapshot[];
}

export function placeSnapshots(snapshots: readonly Snapshot[], queuedAlerts: ReadonlySet<string>, events: readonly { seq: number; alertId?: string }[]): SnapshotPlaces {
  const byAlert = new Map<string, Snapshot[]>();
  const bySeq = new Map<number, Snapshot[]>();
  const rest: Snapshot[] = [];
  // An alert that was later cleared is not a reason; its pictures go beside its log line.
  const seqOfAlert = new Map(events.flatMap((e) => (e.alertId !== undefined ? [[e.alertId, e.seq] as const] : [])));
  const add = <K,>(map: Map<K, Snapshot[]>, key: K, s: Snapshot) => map.set(key, [...(map.get(key) ?? []), s]);
  const seqs = new Set(events.map((e) => e.seq));
  for (const s of snapshots) {
    if (s.alertId !== null && queuedAlerts.has(s.alertId)) add(byAlert, s.alertId, s);
    else if (s.eventSeq !== null && seqs.has(s.eventSeq)) add(bySeq, s.eventSeq, s);
    else if (s.alertId !== null && seqOfAlert.has(s.alertId)) add(bySeq, seqOfAlert.get(s.alertId) as number, s);
    else rest.push(s);
  }
  return { byAlert, bySeq, rest };
}

const pictureUrl = (tripId: string, s: Snapshot) => `/api/trips/${encodeURIComponent(tripId)}/snapshots/${encodeURIComponent(s.snapshotId)}`;
const caption = (s: Snapshot) => `${s.camera} camera, ${clockTime(s.takenAt)}`;

/** A full-size picture over the page; a tap anywhere, the button or Escape closes it. */
function Viewer({ tripId, snapshot, onClose }: { tripId: string; snapshot: Snapshot; onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="snapshot-viewer" role="dialog" aria-modal="true" aria-label={caption(snapshot)} data-testid="snapshot-viewer" onClick={onClose}>
      <figure>
        <img src={pictureUrl(tripId, snapshot)} alt={caption(snapshot)} width={snapshot.width} height={snapshot.height} />
        <figcaption>
          {caption(snapshot)} · {snapshot.width}×{snapshot.height}
        </figcaption>
      </figure>
      <button className="primary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

/** A row of thumbnails; empty when there are none. */
export function SnapshotStrip({ tripId, snapshots }: { tripId: string; snapshots: readonly Snapshot[] }) {
  const [open, setOpen] = useState<Snapshot | null>(null);
  if (snapshots.length === 0) return null;
  return (
    <span className="snapshots">
      {snapshots.map((s) => (
        <button key={s.snapshotId} className="snapshot" data-testid="snapshot" data-snapshot={s.snapshotId} aria-label={`Enlarge: ${caption(s)}`} onClick={() => setOpen(s)}>
          <img src={pictureUrl(tripId, s)} alt="" loading="lazy" />
        </button>
      ))}
      {open && <Viewer tripId={tripId} snapshot={open} onClose={() => setOpen(null)} />}
    </span>
  );
}
