/**
 * Median of the last `size` values (odd size). A median of five removes one or two consecutive
 * spikes entirely, where a mean would smear them over the window; it delays a clean step by
 * (size − 1) / 2 samples.
 */
export class RunningMedian {
  readonly #size: number;
  readonly #ring: number[] = [];
  readonly #sorted: number[] = [];
  #next = 0;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1 || size % 2 === 0) throw new RangeError(`median window must be a positive odd integer, not ${size}`);
    this.#size = size;
  }

  /** Adds a value and returns the median of the values held (fewer than `size` at the start). */
  push(value: number): number {
    if (this.#ring.length < this.#size) {
      this.#ring.push(value);
    } else {
      const old = this.#ring[this.#next] as number;
      this.#ring[this.#next] = value;
      this.#next = (this.#next + 1) % this.#size;
      this.#sorted.splice(this.#indexOf(old), 1);
    }
    this.#sorted.splice(this.#insertionPoint(value), 0, value);
    const n = this.#sorted.length;
    return n % 2 === 1 ? (this.#sorted[(n - 1) / 2] as number) : ((this.#sorted[n / 2 - 1] as number) + (this.#sorted[n / 2] as number)) / 2;
  }

  clear(): void {
    this.#ring.length = 0;
    this.#sorted.length = 0;
    this.#next = 0;
  }

  #insertionPoint(value: number): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #indexOf(value: number): number {
    const i = this.#insertionPoint(value);
    return this.#sorted[i] === value ? i : this.#sorted.indexOf(value);
  }
}
