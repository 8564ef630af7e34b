// The emulated cart in a terminal: what the scanner reads (or the keypad types) goes in as a
// line of text, and the live receipt comes back after every change. It runs the cart's real
// pieces end to end: codes, catalog, the durable session log and the pricing engine. The touch
// UI and the virtual hardware replace the terminal as their issues land; the session underneath
// stays the same.
import type { Catalog } from '../../domain/common/catalog/catalog.js';
import type { Clock } from '../../domain/common/clock.js';
import type { NewSessionEventInput } from '../../domain/common/session/events.js';
import type { Trip } from '../../domain/common/session/state.js';
import { CartSession } from '../../domain/node/session/cart-session.js';
import { formatMoney } from '../../payments/common/money/format.js';
import { preparePricing, type PricingCatalog } from '../../payments/common/pricing/catalog-view.js';
import { priceBasket } from '../../payments/common/pricing/engine.js';
import { receiptText } from '../../payments/common/pricing/receipt-text.js';
import { pricingRequest } from '../common/basket-pricing.js';
import { parseTypedMoney } from '../common/money-input.js';
import { resolveScan } from '../common/resolve-scan.js';
import { parseTypedMass } from '../common/typed-mass.js';

export interface ConsoleCartOptions {
  readonly catalog: Catalog;
  /** The cart's session log; the basket survives a restart through it. */
  readonly sessionFile: string;
  readonly clock: Clock;
  readonly cartId: string;
  readonly shopperId: string;
  readonly member: boolean;
  readonly print: (text: string) => void;
}

export const consoleHelp = `Type what the scanner would read, then Enter:
  CODE              a barcode (EAN/UPC, a deli label, a GS1 element string) or a coupon code
  CODE WEIGHT       produce by PLU or barcode with its weight: 4011 1.2lb, 4131 450g
  qty N COUNT       set line N to COUNT units       remove N   take line N out
  coupon CODE       apply a coupon                  budget 40.00 | budget off
  find WORDS        find a product and its aisle    receipt    show the basket
  new               end this trip and start another help       this text
  quit              leave (the basket is kept for next time)`;

export class ConsoleCart {
  readonly #session: CartSession;
  readonly #options: ConsoleCartOptions;
  readonly #pricing: PricingCatalog;

  private constructor(session: CartSession, options: ConsoleCartOptions) {
    this.#session = session;
    this.#options = options;
    this.#pricing = preparePricing(options.catalog);
  }

  /** Opens (or creates) the cart's session log, pairs the cart and signs the shopper in if needed. */
  static open(options: ConsoleCartOptions): ConsoleCart {
    const opened = CartSession.open(options.sessionFile, options.clock);
    if (!opened.ok) throw opened.error;
    for (const warning of opened.value.warnings) options.print(`note: ${warning.message}`);
    const cart = new ConsoleCart(opened.value.session, options);
    const state = cart.#session.state;
    if (!state.pairing) cart.#record({ type: 'paired', storeId: options.catalog.store.id, cartId: options.cartId });
    if (!cart.#session.state.trip) cart.#startTrip();
    else options.print(`Welcome back: your basket from before is still here.`);
    return cart;
  }

  get trip(): Trip | null {
    return this.#session.state.trip;
  }

  close(): void {
    this.#session.close();
  }

  #record(event: NewSessionEventInput): boolean {
    const result = this.#session.record(event);
    if (!result.ok) this.#options.print(`Sorry: ${result.error.message}`);
    return result.ok;
  }

  #nextId(prefix: string): string {
    return `${this.#options.cartId}-${prefix}${this.#session.state.lastSeq + 1}`;
  }

  #startTrip(): void {
    const { shopperId, member } = this.#options;
    if (this.#record({ type: 'signedIn', tripId: this.#nextId('trip'), shopperId, member })) {
      this.#options.print(`Hello! Scan your items as you shop. ${member ? 'Member prices apply.' : ''}`.trim());
    }
  }

  #money(minor: number): string {
    const { currency, minorUnits, locale } = this.#options.catalog.store;
    return formatMoney(minor, currency, minorUnits, locale);
  }

  /** The live total line: always visible to the shopper. */
  #summary(): string {
    const trip = this.trip;
    if (!trip) return '';
    const request = pricingRequest(trip, this.#options.clock.now());
    const priced = priceBasket(this.#pricing, request.lines, request.context);
    if (!priced.ok) return `(cannot price the basket: ${priced.error.map((e) => e.message).join('; ')})`;
    const r = priced.value;
    const parts = [`${trip.basket.length} line${trip.basket.length === 1 ? '' : 's'}`, `total ${this.#money(r.total)}`];
    if (r.savings.total > 0) parts.push(`saved ${this.#money(r.savings.total)}`);
    if (trip.budget !== null) {
      const left = trip.budget - r.total;
      parts.push(left >= 0 ? `${this.#money(left)} left of your budget` : `${this.#money(-left)} over your budget`);
    }
    return `» ${parts.join(' · ')}`;
  }

  #receipt(): string {
    const trip = this.trip;
    if (!trip || trip.basket.length === 0) return 'Your basket is empty.';
    const request = pricingRequest(trip, this.#options.clock.now());
    const priced = priceBasket(this.#pricing, request.lines, request.context);
    if (!priced.ok) return `(cannot price the basket: ${priced.error.map((e) => e.message).join('; ')})`;
    const numbered = trip.basket.map((l, i) => `${String(i + 1).padStart(3)}  ${this.#options.catalog.bySku(l.sku)?.name ?? l.sku}`);
    return [...numbered, '', receiptText(priced.value)].join('\n');
  }

  #lineAt(text: string | undefined): string | undefined {
    const index = Number(text) - 1;
    const line = Number.isInteger(index) ? this.trip?.basket[index] : undefined;
    if (!line) this.#options.print(`There is no line ${text ?? ''}; type "receipt" to see the numbers.`);
    return line?.lineId;
  }

  #scan(code: string, weight: string | undefined): void {
    const { catalog, print } = this.#options;
    const resolved = resolveScan(catalog, code);
    if (!resolved.ok) return print(resolved.error.message);
    const outcome = resolved.value;
    if (outcome.kind === 'coupon') {
      this.#record({ type: 'couponApplied', code: outcome.code });
      return;
    }
    let measure = outcome.kind === 'item' ? outcome.measure : undefined;
    if (outcome.kind === 'needs-weight') {
      if (weight === undefined) return print(`${outcome.product.name} is sold by weight: put it on the scale, e.g. "${code} 1.2lb".`);
      const mass = parseTypedMass(weight);
      if (!mass.ok) return print(mass.error);
      const tareMg = outcome.product.soldBy === 'weight' ? Math.round(outcome.product.tareGrams * 1000) : 0;
      if (mass.value <= tareMg) return print(`That is no more than the container's own weight; put the item on the scale.`);
      measure = { by: 'weight', netMg: mass.value - tareMg };
    } else if (weight !== undefined) {
      return print(`${outcome.product.name} is not sold by weight; scan it without a weight.`);
    }
    if (!measure) return;
    const trip = this.trip;
    // Another unit of an each-item already in the basket adds to its line.
    const same = outcome.kind === 'item' && outcome.labelPrice === undefined && measure.by === 'each' ? trip?.basket.find((l) => l.sku === outcome.product.sku && l.labelPrice === undefined && l.measure.by === 'each') : undefined;
    if (same && same.measure.by === 'each') {
      this.#record({ type: 'quantityChanged', lineId: same.lineId, quantity: same.measure.quantity + 1 });
    } else {
      const labelPrice = outcome.kind === 'item' ? outcome.labelPrice : undefined;
      this.#record({ type: 'scanned', lineId: this.#nextId('line'), code, symbology: 'keyed', sku: outcome.product.sku, measure, ...(labelPrice !== undefined ? { labelPrice } : {}) });
    }
    const minimumAge = outcome.product.minimumAge;
    print(`+ ${outcome.product.name}${minimumAge ? ` (age ${minimumAge}+: a staff member will check your ID)` : ''}`);
  }

  /** Handles one typed line; false when the shopper wants to leave. */
  handle(input: string): boolean {
    const { print, catalog } = this.#options;
    const [word = '', ...rest] = input.trim().split(/\s+/);
    const command = word.toLowerCase();
    const before = this.#session.state.lastSeq;
    switch (command) {
      case '':
        return true;
      case 'quit':
      case 'exit':
        return false;
      case 'help':
        print(consoleHelp);
        return true;
      case 'receipt':
        print(this.#receipt());
        return true;
      case 'find': {
        const found = catalog.search(rest.join(' '), { limit: 8 });
        print(found.length === 0 ? 'Nothing found; try another word.' : found.map((p) => `  ${p.name.padEnd(36)} ${p.aisle ?? ''}`).join('\n'));
        return true;
      }
      case 'qty': {
        const lineId = this.#lineAt(rest[0]);
        const quantity = Number(rest[1]);
        if (lineId && !(Number.isInteger(quantity) && quantity >= 1)) print('Say how many, e.g. "qty 2 3".');
        else if (lineId) this.#record({ type: 'quantityChanged', lineId, quantity });
        break;
      }
      case 'remove': {
        const lineId = this.#lineAt(rest[0]);
        if (lineId) this.#record({ type: 'itemRemoved', lineId });
        break;
      }
      case 'coupon': {
        const coupon = catalog.coupon(rest.join(' '));
        if (!coupon) print(`"${rest.join(' ')}" is not a coupon of this store.`);
        else this.#record({ type: 'couponApplied', code: coupon.code });
        break;
      }
      case 'budget': {
        if (rest[0]?.toLowerCase() === 'off') {
          this.#record({ type: 'budgetSet', limit: null });
          break;
        }
        const amount = parseTypedMoney(rest.join(''), catalog.store.minorUnits);
        if (!amount.ok) print(amount.error);
        else this.#record({ type: 'budgetSet', limit: amount.value });
        break;
      }
      case 'new':
        if (this.#record({ type: 'signedOut' })) this.#startTrip();
        break;
      default:
        if (rest.length > 1) print(`Too many words; type "help" for what the cart understands.`);
        else this.#scan(word, rest[0]);
    }
    if (this.#session.state.lastSeq !== before) print(this.#summary());
    return true;
  }
}
