// What the cart sends and hears on its live connection (docs/store-server.md, "Live
// connections"). The report's shape is the store's (store/node/server/cart-report.ts, which the
// cart may not import across the layers); the store checks it and answers `error` when it
// does not fit, so a drift between the two shows as an event, never as silence.
import { z } from 'zod';

/** The cart's health as the fleet board shows it. */
export interface CartHealthReport {
  /** Percent, 0-100, whole. */
  readonly battery: number;
  readonly charging: boolean;
  readonly docked: boolean;
  readonly state: 'idle' | 'shopping' | 'checkout' | 'locked' | 'fault' | 'updating';
  /** The cart software's version (`1.4.2`). */
  readonly version: string;
  /** Open faults, in words staff can act on (at most 20). */
  readonly faults: readonly string[];
}

const issue = z.object({ path: z.string().max(200), message: z.string().max(1000) });

/** Everything the store says on the cart's live connection. */
export const liveMessageSchema = z.discriminatedUnion('type', [
  /** The report was recorded, at the store's time. */
  z.object({ type: z.literal('ack'), at: z.number() }),
  /** The report was not recorded: `invalid-report` (with the problems), `too-frequent`, `internal`. */
  z.object({ type: z.literal('error'), error: z.string().max(100), issues: z.array(issue).max(100).optional() }),
  /** Staff locked the cart: no new trips until unlocked. */
  z.object({ type: z.literal('locked'), reason: z.string().max(500) }),
  z.object({ type: z.literal('unlocked') }),
]);

export type LiveMessage = z.output<typeof liveMessageSchema>;
