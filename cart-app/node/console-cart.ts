// The emulated cart in a terminal: what the scanner reads (or the keypad types) goes in as a
// line of text, and the live total comes back after every change. It is one more screen on the
// cart runtime (runtime/cart-runtime.ts), beside the touch UI: the terminal only turns words into
// the same intents the touch screen sends, and prints what the runtime answers.
import type { Trip } from '../../domain/common/session/state.js';
import { formatMoney } from '../../payments/common/money/format.js';
import { receiptText } from '../../payments/common/pricing/receipt-text.js';
import { parseTypedMoney } from '../../payments/common/money/typed-money.js';
import { parseTypedMass } from '../common/typed-mass.js';
import { CartRuntime, type CartRuntimeOptions, type IntentResult } from './runtime/cart-runtime.js';

/** The runtime's options (catalog, session log, clock, cart and shopper), and where to print. */
export interface ConsoleCartOptions extends Omit<CartRuntimeOptions, 'warn'> {
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
  readonly #runtime: CartRuntime;
  readonly #options: ConsoleCartOptions;

  private constructor(runtime: CartRuntime, options: ConsoleCartOptions) {
    this.#runtime = runtime;
    this.#options = options;
  }

  /** Opens (or creates) the cart's session log, pairs the cart and signs the shopper in if needed. */
  static open(options: ConsoleCartOptions): ConsoleCart {
    const { print } = options;
    const opened = CartRuntime.open({ ...options, warn: (message) => print(`note: ${message}`) });
    if (!opened.ok) throw opened.error;
    return ConsoleCart.attach(opened.value.runtime, opened.value.resumed ? 'resumed' : 'new', options);
  }

  /**
   * A terminal on a runtime opened elsewhere (the emulated cart with its virtual hardware).
   * `greeting`: a trip kept from before a restart, a shopper just signed in, or nobody yet.
   */
  static attach(runtime: CartRuntime, greeting: 'resumed' | 'new' | 'none', options: ConsoleCartOptions): ConsoleCart {
    const cart = new ConsoleCart(runtime, options);
    if (greeting === 'resumed') options.print(`Welcome back: your basket from before is still here.`);
    else if (greeting === 'new') cart.#hello();
    return cart;
  }

  /** The runtime underneath, for a touch screen served beside the terminal. */
  get runtime(): CartRuntime {
    return this.#runtime;
  }

  get trip(): Trip | null {
    return this.#runtime.trip;
  }

  close(): void {
    this.#runtime.close();
  }

  #hello(): void {
    this.#options.print(`Hello! Scan your items as you shop. ${this.#options.member ? 'Member prices apply.' : ''}`.trim());
  }

  #money(minor: number): string {
    const { currency, minorUnits, locale } = this.#options.catalog.store;
    return formatMoney(minor, currency, minorUnits, locale);
  }

  /** The live total line: always visible to the shopper. */
  #summary(): string {
    const trip = this.#runtime.snapshot().trip;
    if (!trip) return '';
    if (trip.pricingProblem !== null) return `(cannot price the basket: ${trip.pricingProblem})`;
    const parts = [`${trip.lines.length} line${trip.lines.length === 1 ? '' : 's'}`, `total ${this.#money(trip.total)}`];
    if (trip.savings > 0) parts.push(`saved ${this.#money(trip.savings)}`);
    if (trip.budget !== null) {
      const { left } = trip.budget;
      parts.push(left >= 0 ? `${this.#money(left)} left of your budget` : `${this.#money(-left)} over your budget`);
    }
    return `» ${parts.join(' · ')}`;
  }

  #receipt(): string {
    const trip = this.trip;
    if (!trip || trip.basket.length === 0) return 'Your basket is empty.';
    const priced = this.#runtime.priced();
    if (!priced.ok) return `(cannot price the basket: ${priced.error})`;
    const numbered = trip.basket.map((l, i) => `${String(i + 1).padStart(3)}  ${this.#options.catalog.bySku(l.sku)?.name ?? l.sku}`);
    return [...numbered, '', receiptText(priced.value)].join('\n');
  }

  #lineAt(text: string | undefined): string | undefined {
    const index = Number(text) - 1;
    const line = Number.isInteger(index) ? this.trip?.basket[index] : undefined;
    if (!line) this.#options.print(`There is no line ${text ?? ''}; type "receipt" to see the numbers.`);
    return line?.lineId;
  }

  #say(result: IntentResult): void {
    const { print } = this.#options;
    if (!result.ok) return print(result.error.message);
    const added = result.value.added;
    if (added) print(`+ ${added.name}${added.minimumAge !== null ? ` (age ${added.minimumAge}+: a staff member will check your ID)` : ''}`);
  }

  #scan(code: string, weight: string | undefined): void {
    if (weight === undefined) {
      const result = this.#runtime.dispatch({ type: 'scan', code });
      // The terminal has no scale: say how to type the weight instead.
      if (!result.ok && result.error.code === 'needs-weight') return this.#options.print(`${result.error.message} Type it with the code, e.g. "${code} 1.2lb".`);
      return this.#say(result);
    }
    const mass = parseTypedMass(weight);
    if (!mass.ok) return this.#options.print(mass.error);
    this.#say(this.#runtime.dispatch({ type: 'weigh', code, grossMg: mass.value }));
  }

  /** Handles one typed line; false when the shopper wants to leave. */
  handle(input: string): boolean {
    const { print, catalog } = this.#options;
    const [word = '', ...rest] = input.trim().split(/\s+/);
    const command = word.toLowerCase();
    const before = this.#runtime.state.lastSeq;
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
        const found = this.#runtime.search(rest.join(' '), 8);
        print(found.length === 0 ? 'Nothing found; try another word.' : found.map((p) => `  ${p.name.padEnd(36)} ${p.aisle ?? ''}`).join('\n'));
        return true;
      }
      case 'qty': {
        const lineId = this.#lineAt(rest[0]);
        const quantity = Number(rest[1]);
        if (lineId && !(Number.isInteger(quantity) && quantity >= 1)) print('Say how many, e.g. "qty 2 3".');
        else if (lineId) this.#say(this.#runtime.dispatch({ type: 'changeQuantity', lineId, quantity }));
        break;
      }
      case 'remove': {
        const lineId = this.#lineAt(rest[0]);
        if (lineId) this.#say(this.#runtime.dispatch({ type: 'removeLine', lineId }));
        break;
      }
      case 'coupon':
        if (rest.length === 0) print('Type the code too, e.g. "coupon WELCOME10".');
        else this.#say(this.#runtime.dispatch({ type: 'applyCoupon', code: rest.join(' ') }));
        break;
      case 'budget': {
        if (rest[0]?.toLowerCase() === 'off') {
          this.#say(this.#runtime.dispatch({ type: 'setBudget', limit: null }));
          break;
        }
        const amount = parseTypedMoney(rest.join(''), catalog.store.minorUnits);
        if (!amount.ok) print(amount.error);
        else this.#say(this.#runtime.dispatch({ type: 'setBudget', limit: amount.value }));
        break;
      }
      case 'new': {
        const started = this.#runtime.startTrip();
        if (started.ok) this.#hello();
        else print(started.error.message);
        break;
      }
      default:
        if (rest.length > 1) print(`Too many words; type "help" for what the cart understands.`);
        else this.#scan(word, rest[0]);
    }
    if (this.#runtime.state.lastSeq !== before) print(this.#summary());
    return true;
  }
}
