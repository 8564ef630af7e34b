// The emulated cart, whole: the cart runtime with loss prevention and the virtual hardware wired
// in the way a real cart wires its johnny-five parts, and a barcode camera that reads printed
// labels with the real decoder. Scripted trips, the emulator and tests drive it; its alerts and
// weights reach the runtime's snapshot like a real cart's.
import type { Catalog } from '../../../domain/common/catalog/catalog.js';
import type { SimulatedClock } from '../../../domain/common/clock.js';
import { err, ok, type Result } from '../../../domain/common/result.js';
import type { SessionLogError } from '../../../domain/node/session/errors.js';
import type { WeightModel } from '../../common/loss-prevention/weight-model.js';
import { CartRuntime, type IntentResult } from '../runtime/cart-runtime.js';
import type { CartStartError } from '../runtime/errors.js';
import { linkHardware } from '../runtime/hardware-link.js';
import { LossPreventionLink, type LossPreventionTuning } from '../runtime/loss-prevention-link.js';
import { BarcodeCamera, type CameraRead, type Label } from './barcode-camera.js';
import { VirtualCart, type VirtualCartSettings } from './virtual-cart.js';

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
}

/** What showing a label did: what the camera read (when it read anything) and what the cart made of it. */
export interface ShownLabel {
  readonly read: CameraRead | null;
  readonly result: IntentResult;
}

export class EmulatedCart {
  readonly runtime: CartRuntime;
  readonly lossPrevention: LossPreventionLink;
  readonly body: VirtualCart;
  readonly camera: BarcodeCamera;
  /** A trip from before a restart was found in the session log and kept. */
  readonly resumed: boolean;
  readonly #unlink: () => void;

  private constructor(runtime: CartRuntime, resumed: boolean, camera: BarcodeCamera, options: EmulatedCartOptions) {
    this.runtime = runtime;
    this.resumed = resumed;
    this.camera = camera;
    this.body = new VirtualCart(options.clock, options.settings);
    this.lossPrevention = new LossPreventionLink(runtime, { clock: options.clock, ...(options.weights ? { weights: options.weights } : {}), ...(options.tuning ? { tuning: options.tuning } : {}), ...(options.warn ? { warn: options.warn } : {}) });
    this.#unlink = linkHardware(runtime, this.lossPrevention, this.body, options.warn);
  }

  static async open(options: EmulatedCartOptions): Promise<Result<EmulatedCart, SessionLogError | CartStartError>> {
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
    });
    if (!opened.ok) return opened;
    try {
      const camera = await BarcodeCamera.create(options.catalog.store.variableMeasure);
      return ok(new EmulatedCart(opened.value.runtime, opened.value.resumed, camera, options));
    } catch (error) {
      opened.value.runtime.close();
      throw error;
    }
  }

  /** Holds a label up to the camera; a read code goes to the runtime as the camera pipeline sends it. */
  async show(label: Label): Promise<ShownLabel> {
    const read = await this.camera.show(label);
    if (!read.ok) return { read: null, result: err({ code: 'unreadable', message: read.error.message }) };
    return { read: read.value, result: this.runtime.dispatch({ type: 'scan', code: read.value.text, symbology: read.value.format }) };
  }

  close(): void {
    this.#unlink();
    this.lossPrevention.close();
    this.runtime.close();
  }
}
