import type { VariableMeasureLayout } from '../../../domain/common/catalog/schema.js';
import { DEFAULT_PLAN, type Attempt } from './attempts.js';
import type { DecoderEngine } from './engine.js';
import { BARCODE_FORMATS, type BarcodeFormat } from './formats.js';
import type { GrayImage } from './gray-image.js';
import { judgeSymbols, type BarcodeRead, type Misread } from './judge.js';
import { mapQuad, type DecodedSymbol } from './symbol.js';

export interface AttemptReport {
  readonly name: string;
  readonly ms: number;
  /** Valid reads this attempt produced. */
  readonly reads: number;
  readonly misreads: number;
}

export interface ReadOutcome {
  /** Valid codes, from the first attempt that found any. */
  readonly reads: BarcodeRead[];
  /** Symbols refused on content (check digit, GS1 syntax) along the way; never scanned. */
  readonly misreads: Misread[];
  /** Every attempt made, in order. */
  readonly attempts: AttemptReport[];
  readonly ms: number;
  /**
   * Where in the plan a later read of the same picture should go on: the first attempt not yet
   * made, or undefined when nothing is left to try (the plan ran out, or this read found codes).
   */
  readonly resumeAt: number | undefined;
  /** The plan's attempt that found the codes; undefined when none did. */
  readonly foundBy: number | undefined;
}

export interface BarcodeReaderOptions {
  readonly formats?: readonly BarcodeFormat[];
  /** The store's variable-measure layouts, so price and weight labels are read as such. */
  readonly layouts?: readonly VariableMeasureLayout[];
  readonly plan?: readonly Attempt[];
  /** Milliseconds from a monotonic clock (performance.now in Node); injected so tests can drive budgets. */
  readonly now: () => number;
}

/**
 * Reads one image the way a scan engine does: the cheap call first and, only on a miss, harder
 * attempts while the time budget lasts. An attempt is not started when the last one's duration
 * would carry it past the budget, so a frame overshoots by at most the first attempt.
 */
export class BarcodeReader {
  readonly formats: readonly BarcodeFormat[];
  readonly #layouts: readonly VariableMeasureLayout[];
  readonly #plan: readonly Attempt[];
  readonly #now: () => number;

  constructor(
    readonly engine: DecoderEngine,
    options: BarcodeReaderOptions,
  ) {
    this.formats = options.formats ?? BARCODE_FORMATS;
    this.#layouts = options.layouts ?? [];
    this.#plan = options.plan ?? DEFAULT_PLAN;
    this.#now = options.now;
    if (this.#plan.length === 0) throw new RangeError('a reader needs at least one attempt in its plan');
  }

  /** Attempts in the plan; `resumeAt` runs from 0 to this. */
  get planLength(): number {
    return this.#plan.length;
  }

  /**
   * `resumeAt` skips the attempts a previous read of the very same picture already made: a camera
   * held still on a hard code spreads the plan over several frames instead of repeating its start.
   */
  async read(image: GrayImage, budgetMs: number, resumeAt = 0): Promise<ReadOutcome> {
    if (!(Number.isInteger(resumeAt) && resumeAt >= 0 && resumeAt < this.#plan.length)) {
      throw new RangeError(`resumeAt must be an attempt index from 0 to ${this.#plan.length - 1}, not ${resumeAt}`);
    }
    const start = this.#now();
    const attempts: AttemptReport[] = [];
    const misreads: Misread[] = [];
    let lastMs = 0;
    for (let i = resumeAt; i < this.#plan.length; i++) {
      const attempt = this.#plan[i] as Attempt;
      const elapsed = this.#now() - start;
      if (attempts.length > 0 && elapsed + lastMs > budgetMs) return { reads: [], misreads, attempts, ms: elapsed, resumeAt: i, foundBy: undefined };
      if (attempt.applies && !attempt.applies(image)) continue;
      const t0 = this.#now();
      const symbols = await this.#run(attempt, image);
      const judged = judgeSymbols(symbols, this.#layouts);
      lastMs = this.#now() - t0;
      attempts.push({ name: attempt.name, ms: lastMs, reads: judged.reads.length, misreads: judged.misreads.length });
      for (const m of judged.misreads) if (!misreads.some((seen) => seen.symbol.text === m.symbol.text)) misreads.push(m);
      if (judged.reads.length > 0) return { reads: judged.reads, misreads, attempts, ms: this.#now() - start, resumeAt: undefined, foundBy: i };
    }
    return { reads: [], misreads, attempts, ms: this.#now() - start, resumeAt: undefined, foundBy: undefined };
  }

  async #run(attempt: Attempt, image: GrayImage): Promise<DecodedSymbol[]> {
    const call = { ...attempt.call, formats: this.formats };
    if (!attempt.transform) return this.engine.decode(image, call);
    const { image: transformed, toInput } = attempt.transform(image);
    const symbols = await this.engine.decode(transformed, call);
    return symbols.map((s) => ({ ...s, position: mapQuad(s.position, toInput) }));
  }
}
