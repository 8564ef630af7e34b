import type { Command } from '../command.js';

/** Every `tally` subcommand, in the order `tally --help` lists them. */
export const commands: readonly Command[] = [];
