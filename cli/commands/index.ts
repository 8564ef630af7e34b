import type { Command } from '../command.js';
import { catalogCommand } from './catalog.js';

/** Every `tally` subcommand, in the order `tally --help` lists them. */
export const commands: readonly Command[] = [
  catalogCommand,
];
