/** What a benchmark gets: where to print its human-readable figures, and its extra arguments. */
export interface BenchContext {
  log(line: string): void;
  readonly args: readonly string[];
}

/**
 * One named benchmark (`npm run bench -- NAME`). It prints its figures as it goes and resolves
 * to the figures as one flat object, which `--json` prints as the last line. Every benchmark
 * measures a named reference in the same run and reports the ratio against it.
 */
export interface Benchmark {
  readonly summary: string;
  run(ctx: BenchContext): Promise<Record<string, unknown>>;
}
