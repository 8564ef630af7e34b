// What the cart sends and hears on its live connection (docs/store-server.md, "Live
// connections"). The report itself is domain/common/fleet/cart-report.ts, shared with the store.
import { z } from 'zod';

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
