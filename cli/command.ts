/** One `tally` subcommand. Each lives in its own file under cli/commands/. */
export interface Command {
  readonly name: string;
  /** One line for `tally --help`. */
  readonly summary: string;
  /** The full usage text for `tally NAME --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
