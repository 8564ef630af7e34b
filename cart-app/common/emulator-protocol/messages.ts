// What the emulator panel (a developer's page beside the cart UI) and the emulated store say to
// each other over the panel's local WebSocket. Both ends parse with these schemas: the panel is
// a separate program (a browser tab), and a panel from an older build must fail loudly, not
// half-work.
import { z } from 'zod';

const requestId = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
/** As the emulated basket takes them: more than 50 kg is not one thing a shopper lifts in. */
const grams = z.number().finite().gt(0).max(50_000);

/** Panel → emulated cart: each asks one thing of the cart's hardware (or of the catalog). */
export const panelRequestSchema = z.discriminatedUnion('type', [
  /** Products by name, for picking one to show to the camera. */
  z.strictObject({ type: z.literal('search'), id: requestId, query: z.string().max(80) }),
  /** Prints `code` as a label and holds it up to the cart's camera. */
  z.strictObject({ type: z.literal('show'), id: requestId, code: z.string().trim().min(1).max(512) }),
  /** Lowers something of `grams` into the basket; `what` names it in the panel's list. */
  z.strictObject({ type: z.literal('put'), id: requestId, grams, what: z.string().trim().min(1).max(80) }),
  /** Lifts a thing the panel put in (by the id its list shows) out of the basket. */
  z.strictObject({ type: z.literal('out'), id: requestId, itemId: z.int().min(0) }),
  /** The shopper declares something of their own (a handbag) and puts it in the basket. */
  z.strictObject({ type: z.literal('declare'), id: requestId, description: z.string().trim().min(1).max(80), grams: grams.optional() }),
  /** Pushes the cart at a brisk walk for `seconds`, then lets it roll to rest. */
  z.strictObject({ type: z.literal('push'), id: requestId, seconds: z.number().finite().gt(0).max(600) }),
  /** Unplugs (false) or plugs back (true) the scale's I2C cable or the board's USB cable. */
  z.strictObject({ type: z.literal('plug'), id: requestId, part: z.enum(['scale', 'board']), plugged: z.boolean() }),
  /** Rolls the cart onto its charging dock or off it. */
  z.strictObject({ type: z.literal('dock'), id: requestId, docked: z.boolean() }),
  /** Presses the cart's help button. */
  z.strictObject({ type: z.literal('help'), id: requestId }),
  /** Walks the cart into exit lane `laneId` (and stays at its pay station), or with null back onto the store floor. */
  z.strictObject({ type: z.literal('lane'), id: requestId, laneId: z.int().min(0).max(0xffff).nullable() }),
]);
export type PanelRequest = z.output<typeof panelRequestSchema>;
type WithoutId<R> = R extends { id: number } ? Omit<R, 'id'> : never;
/** What the cart's hardware is asked to do (every request but a catalog search), before the panel's link numbers it. */
export type PanelAction = WithoutId<Exclude<PanelRequest, { type: 'search' }>>;

/** A product the panel can pick: the code its label carries and what one unit weighs, when the catalog says. */
export const panelProductSchema = z.strictObject({
  sku: z.string(),
  name: z.string(),
  aisle: z.string().nullable(),
  soldBy: z.enum(['each', 'weight']),
  /** The label's text: its first GTIN, else its PLU, else null (nothing to show the camera). */
  code: z.string().nullable(),
  /** One unit's mean mass (a weighed product's typical pack), or null when the catalog has none. */
  grams: z.number().nullable(),
});
export type PanelProduct = z.output<typeof panelProductSchema>;

const faultSchema = z.strictObject({ device: z.string(), code: z.string(), message: z.string() });

/** What the cart's hardware sees now, as its drivers report it; null where a part has not reported. */
export const panelStateSchema = z.strictObject({
  /** The emulated cart's own clock (ms since the epoch). */
  at: z.number(),
  light: z.string(),
  battery: z.strictObject({ percent: z.number(), volts: z.number(), docked: z.boolean(), charging: z.boolean() }).nullable(),
  /** The basket's settled weight in grams; null while it moves, settles or is faulty. */
  scaleGrams: z.number().nullable(),
  moving: z.boolean(),
  pushing: z.boolean(),
  faults: z.array(faultSchema),
  /** The cables the panel pulled (and has not plugged back). */
  unplugged: z.strictObject({ scale: z.boolean(), board: z.boolean() }),
  /** The net weight the cart has recorded and its last few settled steps (grams). */
  weight: z.strictObject({ netGrams: z.number(), steps: z.array(z.strictObject({ stepId: z.string(), deltaGrams: z.number(), at: z.number() })) }),
  /** The last label held up to the camera, and what the decoder made of it. */
  camera: z
    .strictObject({
      code: z.string(),
      /** The label as printed (a PNG data: URL), or null when it could not be printed. */
      frame: z.string().nullable(),
      read: z.strictObject({ text: z.string(), format: z.string(), decodeMs: z.number() }).nullable(),
      outcome: z.string(),
      at: z.number(),
    })
    .nullable(),
  /** What the panel put in the basket and is still there, by the basket's own item id. */
  basket: z.array(z.strictObject({ itemId: z.int(), what: z.string(), grams: z.number() })),
  /** The cart's open alerts, in plain words. */
  alerts: z.array(z.string()),
  /**
   * The store's exit lanes on the virtual BLE world: where the cart is walking, the lane its
   * presence detection says it is in, each lane's beacon RSSI as the cart hears it, and the lane's
   * last answer. Without lanes (none configured) it says why the panel cannot walk to one.
   */
  lanes: z.discriminatedUnion('available', [
    z.strictObject({ available: z.literal(false), reason: z.string() }),
    z.strictObject({
      available: z.literal(true),
      lanes: z.array(z.int()),
      walkingTo: z.int().nullable(),
      inLane: z.int().nullable(),
      /** The cart on the floor plan, metres. */
      position: z.strictObject({ x: z.number(), y: z.number() }),
      beacons: z.array(z.strictObject({ laneId: z.int(), rssi: z.number() })),
      /** The newest thing the lane said (paid, refused, the store unreachable), in words. */
      answer: z.string().nullable(),
      /** Trips left while the store was unreachable, still to be settled. */
      unsettled: z.int().min(0),
    }),
  ]),
  /** The newest last: what the panel did and what the cart answered. */
  log: z.array(z.strictObject({ at: z.number(), tone: z.enum(['done', 'problem']), text: z.string() })),
});
export type PanelState = z.output<typeof panelStateSchema>;

/** Emulated cart → panel. */
export const panelMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('state'), state: panelStateSchema }),
  z.strictObject({ type: z.literal('reply'), id: requestId, ok: z.boolean(), text: z.string() }),
  z.strictObject({ type: z.literal('products'), id: requestId, query: z.string(), products: z.array(panelProductSchema) }),
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
export type PanelMessage = z.output<typeof panelMessageSchema>;

/** A zod failure in one line a developer can act on. */
export function describePanelIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'message'}: ${i.message}`)
    .join('; ');
}
