import { Duplex } from 'node:stream';

/**
 * The USB serial link between the cart computer and the virtual board, shaped like a
 * node-serialport port: a duplex byte stream that emits 'open' once after creation. Bytes the
 * host writes go to `onHostBytes`; bytes the board sends are delivered on the next tick, as a
 * real port delivers them after the fact, never inside the host's own write call.
 */
export class VirtualSerialPort extends Duplex {
  readonly path: string;
  isOpen = false;
  readonly #onHostBytes: (bytes: Uint8Array) => void;
  #outgoing: number[] = [];
  #flushQueued = false;

  constructor(path: string, onHostBytes: (bytes: Uint8Array) => void) {
    super();
    this.path = path;
    this.#onHostBytes = onHostBytes;
    process.nextTick(() => {
      this.isOpen = true;
      this.emit('open');
    });
  }

  /** Queues bytes from the board to the host. */
  send(bytes: readonly number[]): void {
    for (const b of bytes) this.#outgoing.push(b);
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    process.nextTick(() => {
      this.#flushQueued = false;
      const chunk = Buffer.from(this.#outgoing);
      this.#outgoing = [];
      if (chunk.length > 0) this.push(chunk);
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#onHostBytes(chunk);
    callback();
  }

  override _read(): void {
    // The board pushes whenever it has something to say; nothing to pull.
  }
}
