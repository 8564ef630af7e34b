// The emulated cart, whole: the cart runtime with loss prevention, wired to the same johnny-five
// drivers a real cart runs (CartHardware over firmata), which talk to a virtual board on the
// other end of a virtual USB cable; and a barcode camera that reads printed labels with the real
// decoder. Scripted trips, the emulator and tests drive it; its alerts, weights and faults reach
// the runtime's snapshot like a real cart's; the hardware's faults and the runtime's scans, alerts,
// help calls, staff and locks show on its pole light and sound on its buzzer.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { SessionLogError } from '../../../domain/node/session/errors.js';
import type { BuzzerCue, LightSignal } from '../../../hardware/common/cart-signals.js';
import type { HardwareFault } from '../../../hardware/common/faults.js';
import type { StableReading } from '../../../hardware/common/weight/types.js';
import type { CartHardware } from '../../../hardware/node/cart-hardware.js';
import type { BatteryReading } from '../../../hardware/node/power/battery-monitor.js';
import type { VirtualStripSensor } from '../../../hardware/node/virtual-ble/strip-sensor.js';
import type { WeightModel } from '../../common/loss-prevention/weight-model.js';
import { PARITY_STRIP_PRESENCE_RULE } from '../../../payments/common/lane/presence.js';
import type { ExitLaneError } from '../exit-lane/errors.js';
import { ExitLaneWatch, type ExitLaneWatchOptions } from '../exit-lane/exit-lane-watch.js';
import type { LaneRadio } from '../exit-lane/lane-radio.js';
import { CartRuntime, type CartRuntimeOptions, type IntentResult } from '../runtime/cart-runtime.js';
import type { CartStartError } from '../runtime/errors.js';
import { linkHardware } from '../runtime/hardware-link.js';
import { LossPreventionLink, type LossPreventionTuning } from '../runtime/loss-prevention-link.js';
import { linkSignals } from '../runtime/signal-link.js';
import { BarcodeCamera, type CameraRead, type Label } from './barcode-camera.js';
import { bootCartHardware, type HardwareStartError } from './boot-hardware.js';
import { CartBody } from './cart-body.js';
import type { VirtualCartSettings } from './virtual-cart.js';

export interface EmulatedCartOptions {
  readonly catalog: Catalog;
  readonly sessionFile: string;
  readonly clock: SimulatedClock;
  readonly cartId: string;
  readonly settings: VirtualCartSettings;
  /** Signs this shopper in at once (the terminal's demo shopper); absent, the cart waits for a sign-in. */
  readonly shopper?: { readonly shopperId: string; readonly member: boolean };
  readonly weights?: WeightModel;
  readonly tuning?: LossPreventionTuning;
  readonly warn?: (message: string) => void;
  /** Who may sign in as staff on the cart's screen (absent: the Staff button refuses every PIN). */
  readonly staff?: CartRuntimeOptions['staff'];
  /** Asks the store whose staff badge the camera read (absent: a badge is refused, the PIN still works). */
  readonly staffBadges?: CartRuntimeOptions['staffBadges'];
}

/** What showing a label did: what the camera read (when it read anything) and what the cart made of it. */
export interface ShownLabel {
  readonly read: CameraRead | null;
  readonly result: IntentResult;
}

/** What the cart's hardware says now, as its drivers see it, for a screen or a terminal to show. */
export interface HardwareReadout {
  /** The signal the pole light shows, and whether a scan's green flash is on top of it now. */
  readonly light: LightSignal;
  readonly flashing: boolean;
  /** The cue the buzzer is sounding, if any. */
  readonly buzzer: BuzzerCue | undefined;
  /** What the board's pins drive now: the light's red, green and blue (0-255) and the buzzer's duty (0 = silent). */
  readonly pins: CartBody['outputs'];
  /** Undefined until the battery monitor's first reading (one a second). */
  readonly battery: BatteryReading | undefined;
  /** The basket's settled net weight; undefined while it moves, settles or is faulty. */
  readonly scale: StableReading | undefined;
  readonly faults: readonly HardwareFault[];
}

export class EmulatedCart {
  readonly runtime: CartRuntime;
  readonly lossPrevention: LossPreventionLink;
  /** The virtual world: the basket, the frame, the board. Its `advance` moves time on. */
  readonly body: CartBody;
  /** The drivers, exactly as on a real cart. */
  readonly hardware: CartHardware;
  readonly camera: BarcodeCamera;
  readonly clock: SimulatedClock;
  /** A trip from before a restart was found in the session log and kept. */
  readonly resumed: boolean;
  readonly #unlink: () => void;

  private constructor(parts: { runtime: CartRuntime; resumed: boolean; camera: BarcodeCamera; body: CartBody; hardware: CartHardware }, options: EmulatedCartOptions) {
    this.runtime = parts.runtime;
    this.resumed = parts.resumed;
    this.camera = parts.camera;
    this.body = parts.body;
    this.hardware = parts.hardware;
    this.clock = options.clock;
    this.lossPrevention = new LossPreventionLink(parts.runtime, { clock: options.clock, ...(options.weights ? { weights: options.weights } : {}), ...(options.tuning ? { tuning: options.tuning } : {}), ...(options.warn ? { warn: options.warn } : {}) });
    const unlinkHardware = linkHardware(parts.runtime, this.lossPrevention, parts.hardware, options.warn);
    const unlinkSignals = linkSignals(parts.runtime, parts.hardware);
    this.#unlink = () => {
      unlinkSignals();
      unlinkHardware();
    };
  }

  /**
   * Opens the session, boots the hardware (board handshake, drivers up, empty basket tared:
   * about two simulated seconds, tens of wall milliseconds) and wires it to the runtime.
   */
  static async open(options: EmulatedCartOptions): Promise<Result<EmulatedCart, SessionLogError | CartStartError | HardwareStartError>> {
    const { shopper } = options;
    const opened = CartRuntime.open({
      catalog: options.catalog,
      sessionFile: options.sessionFile,
      clock: options.clock,
      cartId: options.cartId,
      shopperId: shopper?.shopperId ?? 'nobody',
      member: shopper?.member ?? false,
      signInAtOpen: shopper !== undefined,
      ...(options.warn ? { warn: options.warn } : {}),
      ...(options.staff ? { staff: options.staff } : {}),
      ...(options.staffBadges ? { staffBadges: options.staffBadges } : {}),
    });
    if (!opened.ok) return opened;
    const { runtime, resumed } = opened.value;
    let body: CartBody | undefined;
    try {
      const camera = await BarcodeCamera.create(options.catalog.store.variableMeasure, () => options.clock.now());
      // The board's port opens (and the board boots) on the next tick: firmata must be listening by then.
      body = new CartBody(options.clock, options.settings);
      const hardware = await bootCartHardware(body, { clock: options.clock, scaleNoiseGrams: options.settings.scaleNoiseGrams, ...(options.warn ? { warn: options.warn } : {}) });
      if (!hardware.ok) {
        body.close();
        runtime.close();
        return hardware;
      }
      return ok(new EmulatedCart({ runtime, resumed, camera, body, hardware: hardware.value }, options));
    } catch (error) {
      body?.close();
      runtime.close();
      throw error;
    }
  }

  /** Holds a label up to the camera; a read code goes to the runtime as the camera pipeline sends it. */
  async show(label: Label): Promise<ShownLabel> {
    const read = await this.camera.show(label);
    if (!read.ok) return { read: null, result: err({ code: 'unreadable', message: read.error.message }) };
    return { read: read.value, result: this.runtime.dispatch({ type: 'scan', code: read.value.text, symbology: read.value.format }) };
  }

  /** Sells from a new catalog from the store: the runtime re-prices, loss prevention rebuilds its models. */
  replaceCatalog(catalog: Catalog): void {
    this.runtime.replaceCatalog(catalog);
    this.lossPrevention.catalogReplaced();
  }

  readout(): HardwareReadout {
    const { light, buzzer, battery, scale, signals } = this.hardware;
    return { light: light.signal, flashing: light.flashing, buzzer: buzzer.playing, pins: this.body.outputs, battery: battery.reading, scale: scale.reading, faults: signals.condition.faults };
  }

  /**
   * The cart's exit-lane watch on a virtual store front, wired as a real cart's: its radio hears
   * the front's beacons, its own lane-strip switches feel the front's strips (the crossings, each
   * with its strip's pole, come back over Firmata through the switches' driver; the presence rule
   * is the pole rule the front is laid for, PARITY_STRIP_PRESENCE_RULE), the pole light shows the
   * lane's answer, and the lane waits while loss prevention is still weighing up the basket.
   * `stop` undoes the switches' following of the floor; close the watch itself as usual.
   */
  watchLanes(front: { readonly radio: LaneRadio; readonly strip: VirtualStripSensor }, options: Pick<ExitLaneWatchOptions, 'store' | 'clock' | 'owedFile' | 'warn'>): Result<{ readonly watch: ExitLaneWatch; readonly stop: () => void }, ExitLaneError> {
    const strip = this.hardware.laneStrip;
    if (!strip) throw new Error('the emulated cart boots with its lane-strip switch fitted');
    const stop = this.body.followStrips(front.strip);
    const watch = ExitLaneWatch.open({ ...options, runtime: this.runtime, radio: front.radio, strip, rule: PARITY_STRIP_PRESENCE_RULE, light: this.hardware.light, basketSettling: () => !this.lossPrevention.settled });
    if (!watch.ok) {
      stop();
      return watch;
    }
    return ok({ watch: watch.value, stop });
  }

  /** Unwires the runtime, stops every driver and timer (so Node can exit) and powers the body down. */
  close(): void {
    this.#unlink();
    this.lossPrevention.close();
    this.runtime.close();
    this.hardware.close();
    this.body.close();
  }
}
