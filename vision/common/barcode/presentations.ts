// Turns what the cameras see, frame by frame, into scans: one scan per presentation of an item.
// The same code in consecutive frames, or on two cameras at once, is one presentation; once the
// code has been out of every camera's view for `goneAfterMs`, showing it again is a new one (two
// identical cans are two scans). A 1D code has only a check digit against misreads, so it counts
// only once `confirmFrames` decoded frames agree; a 2D code's error correction makes one enough.
import { isLinear } from './formats.js';
import type { BarcodeRead } from './judge.js';

export interface PresentationOptions {
  /** How long a code may go unseen and still be the same presentation (a hand passing over it). */
  readonly goneAfterMs: number;
  /** Decoded frames that must agree before a 1D code is scanned. */
  readonly confirmFrames: number;
}

export const DEFAULT_PRESENTATION: PresentationOptions = { goneAfterMs: 600, confirmFrames: 2 };

export interface ScanEvent {
  readonly read: BarcodeRead;
  /** Cameras that had seen the code when it was scanned. */
  readonly cameraIds: readonly string[];
  /** When the presentation began (first sighting), and when the frame that completed it was captured. */
  readonly firstSeenAt: number;
  readonly frameAt: number;
}

interface Presentation {
  readonly read: BarcodeRead;
  readonly firstSeenAt: number;
  lastSeenAt: number;
  sightings: number;
  scanned: boolean;
  readonly cameraIds: Set<string>;
}

const keyOf = (read: BarcodeRead): string => `${read.format}\u0000${read.text}\u0000${read.addOn ?? ''}`;

export class PresentationTracker {
  readonly #active = new Map<string, Presentation>();
  readonly #options: PresentationOptions;

  constructor(options: Partial<PresentationOptions> = {}) {
    this.#options = { ...DEFAULT_PRESENTATION, ...options };
    if (!(this.#options.goneAfterMs > 0) || !(Number.isInteger(this.#options.confirmFrames) && this.#options.confirmFrames >= 1)) {
      throw new RangeError(`presentations need goneAfterMs > 0 and confirmFrames ≥ 1 (got ${this.#options.goneAfterMs}, ${this.#options.confirmFrames})`);
    }
  }

  /**
   * What one camera saw in a frame captured at `at`. `fresh` is false when the frame was not
   * decoded because the scan zone had not changed: the codes are still there, but it is no new
   * evidence, so it keeps presentations alive without confirming any.
   */
  observe(cameraId: string, at: number, reads: readonly BarcodeRead[], fresh: boolean): ScanEvent[] {
    this.expire(at);
    const scans: ScanEvent[] = [];
    for (const read of reads) {
      const key = keyOf(read);
      let p = this.#active.get(key);
      if (!p) {
        if (!fresh) continue;
        p = { read, firstSeenAt: at, lastSeenAt: at, sightings: 0, scanned: false, cameraIds: new Set() };
        this.#active.set(key, p);
      }
      p.lastSeenAt = Math.max(p.lastSeenAt, at);
      p.cameraIds.add(cameraId);
      if (fresh) p.sightings++;
      const needed = isLinear(read.format) ? this.#options.confirmFrames : 1;
      if (!p.scanned && p.sightings >= needed) {
        p.scanned = true;
        scans.push({ read: p.read, cameraIds: [...p.cameraIds], firstSeenAt: p.firstSeenAt, frameAt: at });
      }
    }
    return scans;
  }

  /** Ends presentations not seen for goneAfterMs before `now`. */
  expire(now: number): void {
    for (const [key, p] of this.#active) if (now - p.lastSeenAt > this.#options.goneAfterMs) this.#active.delete(key);
  }

  /** Whether this code is in view but not yet scanned (a 1D code waiting for a confirming frame). */
  awaitsConfirmation(read: BarcodeRead): boolean {
    const p = this.#active.get(keyOf(read));
    return p !== undefined && !p.scanned;
  }

  /** Codes currently in view (scanned or still being confirmed). */
  get inView(): number {
    return this.#active.size;
  }
}
