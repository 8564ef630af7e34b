// The emulated cart's hardware from the terminal: beside what the scanner reads (the console
// cart), a developer shows printed labels to the camera and puts things into and out of the
// basket, pushes the cart, presses the help button, docks it, unplugs the scale or the board, and
// reads what the drivers see (pole light, battery, scale). Time runs in real time: a pump moves
// the cart's simulated clock on with the wall clock, so the board samples and the grace periods
// run out as on a real cart. Alerts are printed as loss prevention raises and resolves them.
import type { SimulatedClock } from '../../../domain/common/clock.js';
import type { ConsoleCart } from '../console-cart.js';
import type { LaneOutcome } from '../exit-lane/exit-lane-watch.js';
import type { EmulatedCart, HardwareReadout } from './emulated-cart.js';

/** One line for the terminal: what the drivers see now. */
export function describeReadout(r: HardwareReadout): string {
  const battery = r.battery ? `battery ${Math.round(r.battery.soc)}% (${r.battery.packVolts.toFixed(2)} V${r.battery.docked ? ', docked' : ''}${r.battery.charging ? ', charging' : ''})` : 'battery not read yet';
  const scale = r.scale ? `scale ${(r.scale.milligrams / 1000).toFixed(1)} g` : 'scale settling';
  const faults = r.faults.length === 0 ? 'no faults' : `faults: ${r.faults.map((f) => `${f.device} ${f.code}`).join(', ')}`;
  return `light ${r.light} · ${battery} · ${scale} · ${faults}`;
}

/** One line for the terminal about what happened at a lane, or null for nothing worth saying. */
export function describeLaneOutcome(o: LaneOutcome): string | null {
  switch (o.type) {
    case 'entered':
      return `In lane ${o.laneId}.`;
    case 'left':
      return `Out of lane ${o.laneId}.`;
    case 'blocked':
      return `Lane ${o.laneId}: nothing charged; put these right first: ${o.fix.join('; ')}.`;
    case 'paid':
      return o.late ? `Trip ${o.tripId}, left unsettled, is paid now: ${o.total} (receipt ${o.receiptId}).` : `Paid ${o.total} at lane ${o.laneId} (receipt ${o.receiptId}). Thank you!`;
    case 'refused':
      return o.late ? `The store refused trip ${o.tripId}, left unsettled: ${o.code}: ${o.message}. Staff settle it.` : `Not paid at lane ${o.laneId}: ${o.code}: ${o.message}.`;
    case 'store-unreachable':
      return o.withinCap ? null : `Lane ${o.laneId}: the store cannot be reached and the cart has as much unsettled as it may; wait for staff.`;
    case 'left-unsettled':
      return `Lane ${o.laneId}: the store cannot be reached; the shopper may go and trip ${o.tripId} is settled when it is back.`;
  }
}

export const emulatorHelp = `The emulated hardware:
  show CODE         print CODE as a label and show it to the camera (read by the real decoder)
  put [GRAMS]       put the last scanned item in the basket (its catalog weight unless GRAMS)
  out [N]           take the Nth thing put in out again (default: the last)
  push [SECONDS]    push the cart for a while (default 5)
  button            press the cart's help button ("help" prints this text)
  dock | undock     roll the cart onto its charging dock / off it
  scale off | on    unplug the scale's I2C cable / plug it back in
  board off | on    unplug the board's USB cable / plug it back in
  status            what the drivers see: pole light, battery, scale, faults`;

export class EmulatorConsole {
  readonly #cart: EmulatedCart;
  readonly #terminal: ConsoleCart;
  readonly #print: (text: string) => void;
  /** Physics ids of what was put in, in order, for `out N`. */
  readonly #placed: number[] = [];
  readonly #stopAlerts: () => void;
  #alerts = new Set<string>();

  constructor(cart: EmulatedCart, terminal: ConsoleCart, print: (text: string) => void) {
    this.#cart = cart;
    this.#terminal = terminal;
    this.#print = print;
    this.#stopAlerts = cart.runtime.subscribe((snapshot) => {
      const open = snapshot.trip?.openAlerts ?? [];
      for (const alert of open) if (!this.#alerts.has(alert.alertId)) print(`! ${alert.note}`);
      const now = new Set(open.map((a) => a.alertId));
      for (const id of this.#alerts) if (!now.has(id)) print(`✓ alert ${id} is resolved`);
      this.#alerts = now;
    });
  }

  /** Keeps the cart's clock on the wall clock; returns the way to stop. */
  runInRealTime(clock: SimulatedClock, wallNow: () => number = Date.now, everyMs = 50): () => void {
    let catchingUp = false;
    const timer = setInterval(() => {
      const behind = Math.floor(wallNow() - clock.now());
      // One catch-up at a time: the next tick takes whatever this one left behind.
      if (behind <= 0 || catchingUp) return;
      catchingUp = true;
      void this.#cart.body.advance(behind).finally(() => (catchingUp = false));
    }, everyMs);
    return () => clearInterval(timer);
  }

  /** Handles one typed line; false when the developer wants to leave. */
  async handle(input: string): Promise<boolean> {
    const [word = '', ...rest] = input.trim().split(/\s+/);
    switch (word.toLowerCase()) {
      case 'show': {
        if (rest.length === 0) return this.#say('Type the code too, e.g. "show 7350099101014".');
        const shown = await this.#cart.show({ text: rest.join(' ') });
        if (shown.read) this.#print(`camera read ${shown.read.format} ${shown.read.text}`);
        return this.#say(shown.result.ok ? (shown.result.value.added ? `+ ${shown.result.value.added.name}` : 'ok') : shown.result.error.message);
      }
      case 'put':
        return this.#put(rest[0]);
      case 'out': {
        const index = rest[0] === undefined ? this.#placed.length - 1 : Number(rest[0]) - 1;
        const itemId = Number.isInteger(index) ? this.#placed[index] : undefined;
        if (itemId === undefined || !this.#cart.body.items().has(itemId)) return this.#say('Nothing like that is in the basket.');
        this.#cart.body.remove(itemId);
        return this.#say('Taken out of the basket.');
      }
      case 'push': {
        const seconds = rest[0] === undefined ? 5 : Number(rest[0]);
        if (!(seconds > 0 && seconds <= 600)) return this.#say('Say for how long, in seconds: "push 5".');
        this.#cart.body.push(1);
        this.#cart.clock.setTimeout(() => this.#cart.body.stop(), seconds * 1000);
        return this.#say(`Pushing the cart for ${seconds} s.`);
      }
      case 'button':
        this.#cart.body.pressHelp();
        return this.#say('Pressed the help button.');
      case 'dock':
      case 'undock':
        this.#cart.body.dock(word.toLowerCase() === 'dock');
        return this.#say(word.toLowerCase() === 'dock' ? 'The cart is on its dock.' : 'The cart is off its dock.');
      case 'scale':
      case 'board': {
        const part = word.toLowerCase();
        if (rest[0] !== 'off' && rest[0] !== 'on') return this.#say(`"${part} off" or "${part} on".`);
        if (part === 'scale') this.#cart.body.unplugScale(rest[0] === 'off');
        else this.#cart.body.unplugBoard(rest[0] === 'off');
        return this.#say(rest[0] === 'off' ? `The ${part} is unplugged.` : `The ${part} is plugged back in.`);
      }
      case 'status':
        return this.#say(describeReadout(this.#cart.readout()));
      default:
        return this.#terminal.handle(input);
    }
  }

  close(): void {
    this.#stopAlerts();
  }

  #say(text: string): true {
    this.#print(text);
    return true;
  }

  #put(grams: string | undefined): true {
    let mass = grams === undefined ? undefined : Number(grams);
    if (mass === undefined) {
      const line = this.#cart.runtime.trip?.basket.at(-1);
      const product = line ? this.#cart.runtime.catalog.bySku(line.sku) : undefined;
      mass = product?.soldBy === 'each' ? product.weight.meanGrams : line?.measure.by === 'weight' ? line.measure.netMg / 1000 : undefined;
    }
    if (mass === undefined || !(mass > 0 && mass <= 50_000)) return this.#say('Say what it weighs: "put 350" (grams), or scan something first.');
    this.#placed.push(this.#cart.body.place(mass).itemId);
    return this.#say(`Put ${Math.round(mass)} g in the basket.`);
  }
}
