import { EventEmitter } from 'node:events';
import type { Clock } from '../../../domain/common/clock.js';
import type { CameraError } from '../../common/camera/errors.js';
import type { Frame } from '../../common/camera/frame.js';
import { FrameQueue } from '../../common/camera/frame-queue.js';
import type {
  FrameIteratorOptions,
  FrameSource,
  FrameSourceEvent,
  FrameSourceEventMap,
  FrameSourceStats,
} from '../../common/camera/frame-source.js';
import type { FrameSettings } from '../../common/camera/settings.js';

export interface FrameSourceBaseOptions {
  readonly cameraId: string;
  readonly settings: FrameSettings;
  readonly clock: Clock;
}

/**
 * What every frame source shares: numbering and timestamping frames, fanning them out to
 * listeners and iterators, counting drops, and ending iterators when the source ends.
 */
export abstract class FrameSourceBase implements FrameSource {
  readonly cameraId: string;
  readonly settings: FrameSettings;
  protected readonly clock: Clock;
  readonly #events = new EventEmitter<FrameSourceEventMap>();
  readonly #queues = new Set<FrameQueue>();
  #seq = 0;
  #delivered = 0;
  #droppedByClosedQueues = 0;

  protected constructor(options: FrameSourceBaseOptions) {
    this.cameraId = options.cameraId;
    this.settings = options.settings;
    this.clock = options.clock;
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  get stats(): FrameSourceStats {
    let dropped = this.#droppedByClosedQueues;
    for (const q of this.#queues) dropped += q.dropped;
    return { delivered: this.#delivered, dropped };
  }

  frames(options: FrameIteratorOptions = {}): AsyncIterableIterator<Frame> {
    const queue = new FrameQueue(options.buffer ?? 2, (q) => {
      this.#droppedByClosedQueues += q.dropped;
      this.#queues.delete(q);
    });
    this.#queues.add(queue);
    return queue;
  }

  on<E extends FrameSourceEvent>(event: E, listener: (...args: FrameSourceEventMap[E]) => void): this {
    // Node's typed emitter spells the listener type differently; the map above is the contract.
    (this.#events.on as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  off<E extends FrameSourceEvent>(event: E, listener: (...args: FrameSourceEventMap[E]) => void): this {
    (this.#events.off as (e: E, l: typeof listener) => void)(event, listener);
    return this;
  }

  protected emit<E extends FrameSourceEvent>(event: E, ...args: FrameSourceEventMap[E]): void {
    (this.#events.emit as (e: E, ...a: FrameSourceEventMap[E]) => boolean)(event, ...args);
  }

  /** Hands one frame's pixels to every consumer, stamped with the clock's time now. */
  protected deliver(data: Uint8Array): Frame {
    const { width, height, format } = this.settings;
    const frame: Frame = { cameraId: this.cameraId, seq: this.#seq++, capturedAt: this.clock.now(), width, height, format, data };
    this.#delivered++;
    for (const q of this.#queues) q.push(frame);
    this.emit('frame', frame);
    return frame;
  }

  /** Ends every iterator (they still drain what they hold). */
  protected closeIterators(): void {
    for (const q of [...this.#queues]) q.close();
  }

  /** The source stopped by itself: tell listeners, end iterators. */
  protected gone(error: CameraError): void {
    this.closeIterators();
    this.emit('gone', error);
  }
}
