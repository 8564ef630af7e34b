// The emulator panel's end in the cart process: what a developer asks of the emulated cart's
// hardware from the panel page, carried out through the emulated cart's own public API (its
// camera reads printed labels with the real decoder; things go into the basket through the
// virtual scale's physics; pushes move its motion sensor), and what the drivers see, gathered
// for the page. Nothing here decides anything the cart decides: the runtime and loss prevention
// hear of every change the way a real cart's do.
import type { Product } from '../../../domain/common/catalog/schema.js';
import type { PanelAction, PanelProduct, PanelState } from '../../common/emulator-protocol/messages.js';
import type { EmulatedCart } from '../emulated/emulated-cart.js';
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
/**
 * The emulated cart has no BLE radio, so it cannot hear a lane's beacon; only scripted trips
 * (`tally trip`) walk through a lane today, with the lane's frame handed over by their store.
 */
export const LANES_NOT_AVAILABLE = 'The emulated cart has no Bluetooth radio yet, so it cannot hear an exit lane’s beacon. Scripted trips (tally trip) walk through lanes.';

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

  constructor(cart: EmulatedCart) {
    this.#cart = cart;
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
      lanes: { available: false, reason: LANES_NOT_AVAILABLE },
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
    }
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
