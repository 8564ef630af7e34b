import type { Command } from '../command.js';

/**
 * Every `tally` subcommand by name, in the order `tally --help` lists them. Each is loaded only
 * when run, so `tally decode` never pays for ONNX Runtime and `tally start` never for ZXing.
 */
export const commands: Readonly<Record<string, () => Promise<Command>>> = {
  start: async () => (await import('./start.js')).startCommand,
  emulate: async () => (await import('./emulate.js')).emulateCommand,
  catalog: async () => (await import('./catalog.js')).catalogCommand,
  store: async () => (await import('./store.js')).storeCommand,
  lane: async () => (await import('./lane.js')).laneCommand,
  decode: async () => (await import('./decode.js')).decodeCommand,
  recognize: async () => (await import('./recognize.js')).recognizeCommand,
  simulate: async () => (await import('./simulate.js')).simulateCommand,
  trip: async () => (await import('./trip.js')).tripCommand,
  cart: async () => (await import('./cart.js')).cartCommand,
};
