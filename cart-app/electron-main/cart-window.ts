// The cart's one window: a kiosk over the whole screen, with the renderer locked down (context
// isolation, sandbox, no Node, no navigation away, no pop-ups) and brought back when it dies.
// A renderer that crashes or hangs is restarted; the runtime in the main process keeps the
// basket all the while, so the shopper sees the same cart again a moment later.
import type { BrowserWindow, BrowserWindowConstructorOptions, RenderProcessGoneDetails } from 'electron';
import type { Clock, TimerHandle } from '../../domain/common/clock.js';

/** What of Electron the window needs: its BrowserWindow class (mocked in tests). */
export interface WindowMaker {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
}

export interface CartWindowOptions {
  /** The screen's address (the local UI server). Only this origin may be shown. */
  readonly url: string;
  /** The compiled preload script (preload.cjs). */
  readonly preload: string;
  readonly clock: Clock;
  /** Kiosk on a cart; a plain window for a developer. */
  readonly kiosk: boolean;
  readonly log: (message: string) => void;
  /** How long a hung renderer may stay unresponsive before it is restarted (default 10 s). */
  readonly hangMs?: number;
  /** Restarts allowed in `restartWindowMs` before the cart stops trying and shows the staff message (default 5 in 60 s). */
  readonly maxRestarts?: number;
  readonly restartWindowMs?: number;
}

/** The window's settings; kept apart so a test can check every security switch. */
export function cartWindowSettings(options: Pick<CartWindowOptions, 'preload' | 'kiosk'>): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      devTools: !options.kiosk,
    },
  };
}

export class CartWindow {
  readonly #maker: WindowMaker;
  readonly #options: CartWindowOptions;
  readonly #origin: string;
  readonly #restarts: number[] = [];
  #window: BrowserWindow | undefined;
  #hang: TimerHandle | undefined;
  #gaveUp = false;

  constructor(maker: WindowMaker, options: CartWindowOptions) {
    this.#maker = maker;
    this.#options = options;
    this.#origin = new URL(options.url).origin;
  }

  get window(): BrowserWindow | undefined {
    return this.#window;
  }

  /** Restarts so far inside the current window of time. */
  get restarts(): number {
    return this.#restarts.length;
  }

  open(): BrowserWindow {
    const window = new this.#maker.BrowserWindow(cartWindowSettings(this.#options));
    this.#window = window;
    const contents = window.webContents;
    // The screen shows the cart and nothing else: no links out, no pop-ups, no permission prompts.
    contents.on('will-navigate', (event, url) => {
      if (!this.#ours(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => this.#gone(details));
    window.on('unresponsive', () => this.#unresponsive());
    window.on('responsive', () => this.#clearHang());
    window.once('ready-to-show', () => window.show());
    void window.loadURL(this.#options.url);
    return window;
  }

  /** Brings the window forward (a second launch of the app asks for it). */
  focus(): void {
    const window = this.#window;
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  #ours(url: string): boolean {
    try {
      return new URL(url).origin === this.#origin;
    } catch {
      return false;
    }
  }

  #gone(details: RenderProcessGoneDetails): void {
    this.#clearHang();
    if (details.reason === 'clean-exit') return;
    const now = this.#options.clock.now();
    const windowMs = this.#options.restartWindowMs ?? 60_000;
    while (this.#restarts.length > 0 && (this.#restarts[0] as number) <= now - windowMs) this.#restarts.shift();
    if (this.#restarts.length >= (this.#options.maxRestarts ?? 5)) {
      // A screen that dies over and over would flash forever: stop, and let staff see the log.
      if (!this.#gaveUp) this.#options.log(`the cart's screen crashed ${this.#restarts.length} times in ${windowMs / 1000} s (last: ${details.reason}); not restarting it again`);
      this.#gaveUp = true;
      return;
    }
    this.#restarts.push(now);
    this.#options.log(`the cart's screen stopped (${details.reason}, exit code ${details.exitCode}); restarting it`);
    const window = this.#window;
    if (window && !window.isDestroyed()) window.webContents.reload();
    else this.open();
  }

  #unresponsive(): void {
    if (this.#hang) return;
    this.#hang = this.#options.clock.setTimeout(() => {
      this.#hang = undefined;
      const window = this.#window;
      if (!window || window.isDestroyed()) return;
      this.#options.log('the cart\'s screen stopped answering; restarting it');
      // Ends the hung renderer; render-process-gone then restarts it like any crash.
      window.webContents.forcefullyCrashRenderer();
    }, this.#options.hangMs ?? 10_000);
  }

  #clearHang(): void {
    if (this.#hang) this.#options.clock.clearTimeout(this.#hang);
    this.#hang = undefined;
  }
}
