import type { Frame } from './frame.js';

/**
 * The buffer between a source and one slow consumer. When full, the oldest frame goes: a cart
 * reads the shelf as it is now, and a growing backlog would only add latency and memory.
 */
export class FrameQueue implements AsyncIterableIterator<Frame> {
  readonly #frames: Frame[] = [];
  readonly #waiting: ((r: IteratorResult<Frame, undefined>) => void)[] = [];
  #closed = false;
  #dropped = 0;

  constructor(
    readonly capacity: number,
    /** Called once when the consumer stops iterating, so the source can forget this queue. */
    private readonly onClose: (queue: FrameQueue) => void = () => {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`frame buffer must hold at least 1 frame, not ${capacity}`);
  }

  /** Frames this queue has thrown away for want of a faster consumer. */
  get dropped(): number {
    return this.#dropped;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Offers a frame; returns true when an older frame had to be dropped for it. */
  push(frame: Frame): boolean {
    if (this.#closed) return false;
    const waiter = this.#waiting.shift();
    if (waiter) {
      waiter({ value: frame, done: false });
      return false;
    }
    this.#frames.push(frame);
    if (this.#frames.length <= this.capacity) return false;
    this.#frames.shift();
    this.#dropped++;
    return true;
  }

  /** No more frames will come; frames already queued are still handed out. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter({ value: undefined, done: true });
    this.onClose(this);
  }

  next(): Promise<IteratorResult<Frame, undefined>> {
    const frame = this.#frames.shift();
    if (frame) return Promise.resolve({ value: frame, done: false });
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The consumer left the loop (break, throw): stop buffering for it. */
  return(): Promise<IteratorResult<Frame, undefined>> {
    this.#frames.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
