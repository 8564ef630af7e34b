// Notices that something new went into the basket: a weight step ("placed") tells that and when,
// the basket camera tells where. The frame from before the step is compared with the first frame
// after it, and the changed region is cropped for the recognizer.
import type { Frame } from '../../../hardware/common/camera/frame.js';
import type { WeightEvent, WeightStep } from '../../../hardware/common/weight/types.js';
import { changedRegion, cropRgb, type ChangeOptions, type Region, type RgbPicture } from './basket-change.js';

export interface SpottedItem {
  readonly step: WeightStep;
  readonly region: Region;
  readonly picture: RgbPicture;
  /** The frame the crop came from. */
  readonly frameSeq: number;
}

export interface SpotterOptions extends ChangeOptions {
  /** Frames kept to find the one from before a step (default 64: seconds at camera rates). */
  readonly history?: number;
}

export class NewItemSpotter {
  readonly #frames: Frame[] = [];
  #pending: WeightStep | null = null;

  constructor(private readonly options: SpotterOptions = {}) {}

  /** A weight event from the scale; only a "placed" step starts looking. */
  weight(event: WeightEvent): void {
    if (event.type === 'step' && event.step.kind === 'placed') this.#pending = event.step;
  }

  /**
   * A basket camera frame. Returns the new item once a placed step is pending and this frame was
   * captured after the step settled; null otherwise (also when nothing visibly changed: the item
   * is hidden, or the camera missed it; the weight alone then speaks for it).
   */
  frame(frame: Frame): SpottedItem | null {
    const step = this.#pending;
    if (step && frame.capturedAt >= step.at) {
      this.#pending = null;
      const before = this.#lastAtOrBefore(step.leftAt);
      this.#remember(frame);
      if (!before) return null;
      const region = changedRegion(before, frame, this.options);
      return region ? { step, region, picture: cropRgb(frame, region), frameSeq: frame.seq } : null;
    }
    this.#remember(frame);
    return null;
  }

  #remember(frame: Frame): void {
    this.#frames.push(frame);
    if (this.#frames.length > (this.options.history ?? 64)) this.#frames.shift();
  }

  #lastAtOrBefore(at: number): Frame | undefined {
    for (let i = this.#frames.length - 1; i >= 0; i--) {
      const f = this.#frames[i] as Frame;
      if (f.capturedAt <= at) return f;
    }
    return undefined;
  }
}
