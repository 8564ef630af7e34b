/**
 * Cuts a raw video byte stream (ffmpeg's `-f rawvideo`, stride = width × channels) into frames.
 * Pipe reads arrive in arbitrary chunks: one chunk may hold half a frame or three and a bit.
 */
export class RawFrameSplitter {
  #partial: Uint8Array;
  #filled = 0;

  constructor(readonly frameBytes: number) {
    if (!Number.isInteger(frameBytes) || frameBytes < 1) throw new RangeError(`a frame must be at least 1 byte, not ${frameBytes}`);
    this.#partial = new Uint8Array(frameBytes);
  }

  /** Feeds a chunk; returns every frame it completes, each in its own buffer. */
  push(chunk: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(this.frameBytes - this.#filled, chunk.length - at);
      this.#partial.set(chunk.subarray(at, at + take), this.#filled);
      this.#filled += take;
      at += take;
      if (this.#filled === this.frameBytes) {
        done.push(this.#partial);
        this.#partial = new Uint8Array(this.frameBytes);
        this.#filled = 0;
      }
    }
    return done;
  }

  /** Bytes of an unfinished frame still held: non-zero at end of stream means a truncated frame. */
  get pendingBytes(): number {
    return this.#filled;
  }
}
