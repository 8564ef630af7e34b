// The emulator panel's end in the cart process: what a developer asks of the emulated cart's
// hardware from the panel page, carried out through the emulated cart's own public API (its
// camera reads printed labels with the real decoder; things go into the basket through the
// virtual scale's physics; pushes move its motion sensor), and what the drivers see, gathered
// for the page. Nothing here decides anything the cart decides: the runtime and loss prevention
// hear of every change the way a real cart's do.
import type { Product } from '../../../domain/common/catalog/schema.js';
import { formatMoney } from '../../../payments/common/money/format.js';
import type { PanelAction, PanelProduct, PanelState } from '../../common/emulator-protocol/messages.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
import type { VirtualLanes } from '../emulated/virtual-lanes.js';
import type { ExitLaneWatch, LaneOutcome } from '../exit-lane/exit-lane-watch.js';
import { printLabelPicture } from './label-picture.js';

/** What a request did, in words for the panel's log. */
export interface PanelReply {
  readonly ok: boolean;
  readonly text: string;
}

type LogLine = PanelState['log'][number];

/** Enough history for the panel's log without growing for ever. */
const LOG_LINES = 30;
const SEARCH_LIMIT = 12;
/** A brisk walk, as the terminal's `push` does it. */
const PUSH_INTENSITY = 1;
/** Without exit lanes (a store with no lane secrets) there is nowhere to walk to, and no faking a checkout. */
export const LANES_NOT_AVAILABLE = 'This store has no exit lanes configured (no lane secrets), so the cart has no lane to walk through.';

/** The store front the cart walks about, and the cart's watch on its lanes. */
export interface PanelLanes {
  readonly virtual: VirtualLanes;
  readonly watch: ExitLaneWatch;
}

/** One catalog product as the panel lists it. */
export function panelProduct(product: Product): PanelProduct {
  const grams = product.soldBy === 'each' ? product.weight.meanGrams : (product.typicalGrams ?? null);
  return { sku: product.sku, name: product.name, aisle: product.aisle ?? null, soldBy: product.soldBy, code: product.gtins[0] ?? product.plu ?? null, grams };
}

export class EmulatorPanel {
  readonly #cart: EmulatedCart;
  /** What the panel put in the basket, by the basket's item id. */
  readonly #placed = new Map<number, string>();
  #camera: PanelState['camera'] = null;
  #pushUntil = Number.NEGATIVE_INFINITY;
  readonly #unplugged = { scale: false, board: false };
  #log: LogLine[] = [];
  readonly #lanes: PanelLanes | undefined;
  #laneAnswer: string | null = null;
  readonly #stopListening: () => void;

  constructor(cart: EmulatedCart, lanes?: PanelLanes) {
    this.#cart = cart;
    this.#lanes = lanes;
    this.#stopListening = lanes?.watch.on((outcome) => this.#laneSaid(outcome)) ?? (() => undefined);
  }

  /** Stops hearing the lanes. */
  close(): void {
    this.#stopListening();
  }

  /** Products whose name matches `query`; with none, the first few of the catalog to start from. */
  products(query: string): PanelProduct[] {
    const { catalog } = this.#cart.runtime;
    const found = query.trim() === '' ? catalog.products.slice(0, SEARCH_LIMIT) : catalog.search(query, { limit: SEARCH_LIMIT });
    return found.map(panelProduct);
  }

  /** Carries out one request; the reply is also kept in the panel's log. */
  async handle(request: PanelAction): Promise<PanelReply> {
    const reply = await this.#carryOut(request);
    this.#note(reply.ok ? 'done' : 'problem', reply.text);
    return reply;
  }

  /** What the drivers and the runtime see now. */
  state(): PanelState {
    const cart = this.#cart;
    const readout = cart.readout();
    const snapshot = cart.runtime.snapshot();
    const basket = [...cart.body.items()].map(([itemId, grams]) => ({ itemId, grams, what: this.#placed.get(itemId) ?? 'something put in elsewhere' }));
    return {
      at: cart.clock.now(),
      light: readout.light,
      battery: readout.battery ? { percent: readout.battery.soc, volts: readout.battery.packVolts, docked: readout.battery.docked, charging: readout.battery.charging } : null,
      scaleGrams: readout.scale ? readout.scale.milligrams / 1000 : null,
      moving: cart.hardware.motion.moving,
      pushing: cart.clock.now() < this.#pushUntil,
      faults: readout.faults.map((f) => ({ device: f.device, code: f.code, message: f.message })),
      unplugged: { ...this.#unplugged },
      weight: { netGrams: (snapshot.weight?.netMg ?? 0) / 1000, steps: (snapshot.weight?.steps ?? []).map((s) => ({ stepId: s.stepId, deltaGrams: s.deltaMg / 1000, at: s.at })) },
      camera: this.#camera,
      basket,
      alerts: (snapshot.trip?.openAlerts ?? []).map((a) => a.note),
      lanes: this.#laneState(),
      log: this.#log,
    };
  }

  async #carryOut(request: PanelAction): Promise<PanelReply> {
    const { body, clock, runtime } = this.#cart;
    switch (request.type) {
      case 'show':
        return this.#show(request.code);
      case 'put':
        return this.#put(request.what, request.grams);
      case 'out': {
        if (!body.items().has(request.itemId)) return { ok: false, text: 'That is not in the basket any more.' };
        body.remove(request.itemId);
        const what = this.#placed.get(request.itemId) ?? 'it';
        this.#placed.delete(request.itemId);
        return { ok: true, text: `Took ${what} out of the basket.` };
      }
      case 'declare': {
        const massMg = request.grams === undefined ? undefined : Math.round(request.grams * 1000);
        const itemId = `personal${runtime.state.lastSeq + 1}`;
        const recorded = runtime.record({ type: 'personalItemDeclared', itemId, description: request.description, ...(massMg === undefined ? {} : { massMg }) });
        if (!recorded.ok) return { ok: false, text: recorded.error.message };
        if (request.grams === undefined) return { ok: true, text: `Declared “${request.description}” as the shopper’s own.` };
        this.#put(request.description, request.grams);
        return { ok: true, text: `Declared “${request.description}” as the shopper’s own and put it in the basket (${Math.round(request.grams)} g).` };
      }
      case 'push': {
        const ms = Math.round(request.seconds * 1000);
        body.push(PUSH_INTENSITY);
        this.#pushUntil = clock.now() + ms;
        clock.setTimeout(() => {
          // A later, longer push keeps the cart going.
          if (clock.now() >= this.#pushUntil) body.stop();
        }, ms);
        return { ok: true, text: `Pushing the cart for ${request.seconds} s.` };
      }
      case 'plug':
        if (request.part === 'scale') body.unplugScale(!request.plugged);
        else body.unplugBoard(!request.plugged);
        this.#unplugged[request.part] = !request.plugged;
        return { ok: true, text: request.plugged ? `Plugged the ${request.part} back in.` : `Unplugged the ${request.part}.` };
      case 'dock':
        body.dock(request.docked);
        return { ok: true, text: request.docked ? 'Rolled the cart onto its dock.' : 'Rolled the cart off its dock.' };
      case 'help':
        body.pressHelp();
        return { ok: true, text: 'Pressed the help button.' };
      case 'lane':
        return this.#walk(request.laneId);
    }
  }

  #walk(laneId: number | null): PanelReply {
    const lanes = this.#lanes;
    if (!lanes) return { ok: false, text: LANES_NOT_AVAILABLE };
    if (laneId !== null && !lanes.virtual.lanes.includes(laneId)) return { ok: false, text: `There is no lane ${laneId}; the lanes are ${lanes.virtual.lanes.join(', ')}.` };
    const seconds = Math.round(lanes.virtual.walkTo(laneId) / 1000);
    return { ok: true, text: laneId === null ? `Walking back onto the store floor (${seconds} s).` : `Walking the cart through lane ${laneId} (${seconds} s).` };
  }

  #laneState(): PanelState['lanes'] {
    const lanes = this.#lanes;
    if (!lanes) return { available: false, reason: LANES_NOT_AVAILABLE };
    const { x, y } = lanes.virtual.position();
    const beacons = (this.#cart.runtime.snapshot().diagnostics?.beacons ?? []).map((b) => ({ laneId: Number(b.laneId), rssi: b.rssi }));
    return {
      available: true,
      lanes: [...lanes.virtual.lanes],
      walkingTo: lanes.virtual.walkingTo,
      inLane: lanes.watch.lane,
      position: { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 },
      beacons,
      answer: this.#laneAnswer,
      unsettled: lanes.watch.owed.filter((c) => c.state !== 'at-lane').length,
    };
  }

  /** What the lane did, in the panel's log and as the lane's latest answer. */
  #laneSaid(outcome: LaneOutcome): void {
    const { currency, minorUnits, locale } = this.#cart.runtime.catalog.store;
    const text = ((): string => {
      switch (outcome.type) {
        case 'entered':
          return `The cart is in lane ${outcome.laneId}.`;
        case 'left':
          return `The cart left lane ${outcome.laneId}.`;
        case 'blocked':
          return `Lane ${outcome.laneId} charged nothing: ${outcome.fix.join('; ')}.`;
        case 'paid':
          return `${outcome.late ? 'Settled late' : `Paid at lane ${outcome.laneId}`}: ${formatMoney(outcome.total, currency, minorUnits, locale)} (receipt ${outcome.receiptId}).`;
        case 'refused':
          return `${outcome.late ? `The late settlement of ${outcome.tripId}` : `Lane ${outcome.laneId}`} was refused: ${outcome.code}: ${outcome.message}`;
        case 'store-unreachable':
          return `The store does not answer at lane ${outcome.laneId}: ${outcome.withinCap ? 'within the offline cap, the shopper may go' : 'beyond the offline cap, the shopper waits for staff'}.`;
        case 'left-unsettled':
          return `Trip ${outcome.tripId} left unsettled; it is settled when the store is back.`;
      }
    })();
    if (outcome.type !== 'entered' && outcome.type !== 'left') this.#laneAnswer = text;
    this.#note(outcome.type === 'refused' || outcome.type === 'store-unreachable' || outcome.type === 'blocked' ? 'problem' : 'done', text);
  }

  async #show(code: string): Promise<PanelReply> {
    const [picture, shown] = await Promise.all([printLabelPicture(code), this.#cart.show({ text: code })]);
    const at = this.#cart.clock.now();
    const { read, result } = shown;
    const outcome = result.ok ? (result.value.added ? `Added ${result.value.added.name}.` : 'The cart took it.') : result.error.message;
    this.#camera = { code, frame: picture, read: read ? { text: read.text, format: read.format, decodeMs: read.decodeMs } : null, outcome, at };
    return { ok: result.ok, text: read ? `The camera read ${read.format} ${read.text}: ${outcome}` : outcome };
  }

  #put(what: string, grams: number): PanelReply {
    const change = this.#cart.body.place(grams);
    this.#placed.set(change.itemId, what);
    return { ok: true, text: `Put ${what} (${Math.round(grams)} g) in the basket.` };
  }

  #note(tone: LogLine['tone'], text: string): void {
    this.#log = [...this.#log, { at: this.#cart.clock.now(), tone, text }].slice(-LOG_LINES);
  }
}
