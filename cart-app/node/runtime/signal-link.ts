// Puts the cart runtime on the pole light and the buzzer, beside the hardware's own fault
// signals: a scan taken chirps and flashes the light green once; a scan refused (unknown code,
// needs weighing…) sounds the attention double beep; an alert raised sounds it too. The light's
// standing requests follow the session state and the two buttons, as cart-light.ts decides. A
// press of the help button is a call for a person in the session log (help-call.ts), over once
// staff sign in or the shopper takes it back (holding the button for 3 s, or on the screen).
import type { SessionEvent } from '../../../domain/common/session/events.js';
import type { BuzzerCue, LightSignal } from '../../../hardware/common/cart-signals.js';
import type { DebouncedInputEventMap } from '../../../hardware/node/signals/debounced-input.js';
import { cartLightRequests, CART_LIGHT_REASONS } from './cart-light.js';
import type { CartRuntime } from './cart-runtime.js';

/** A button as the runtime needs it (the hardware package's DebouncedInput). */
export interface ButtonPort {
  readonly isDown: boolean;
  on<E extends keyof DebouncedInputEventMap>(event: E, listener: (...args: DebouncedInputEventMap[E]) => void): unknown;
  off<E extends keyof DebouncedInputEventMap>(event: E, listener: (...args: DebouncedInputEventMap[E]) => void): unknown;
}

/** The light, buzzer and buttons of CartHardware, as narrow as the link uses them. */
export interface SignalParts {
  readonly light: { request(reason: string, signal: LightSignal): void; withdraw(reason: string): void; flash(): void };
  readonly buzzer: { play(cue: BuzzerCue): void };
  readonly buttons: { readonly help: ButtonPort; readonly staffKey: ButtonPort };
}

/** Connects the runtime to the light and the buzzer; returns the way to disconnect (its requests withdrawn). */
export function linkSignals(runtime: CartRuntime, parts: SignalParts): () => void {
  const { light, buzzer, buttons } = parts;
  const show = (): void => {
    const wanted = cartLightRequests({ state: runtime.state, staffKey: buttons.staffKey.isDown });
    for (const reason of CART_LIGHT_REASONS) {
      const request = wanted.find((r) => r.reason === reason);
      if (request) light.request(reason, request.signal);
      else light.withdraw(reason);
    }
  };
  const onScan: Parameters<CartRuntime['onScan']>[0] = (scan) => {
    if (scan.accepted) {
      buzzer.play('scan-accepted');
      light.flash();
    } else {
      buzzer.play('attention');
    }
  };
  const onEvent = (event: SessionEvent): void => {
    if (event.type === 'alertRaised') buzzer.play('attention');
    show();
  };
  // The light follows the log: recording the call (or its end) shows it through onEvent.
  const onHelp = (): void => {
    // Staff already at the cart need no call.
    if (runtime.state.staff) return;
    const asked = runtime.askForHelp('button');
    if (!asked.ok) buzzer.play('attention');
  };
  const onHelpHeld = (): void => {
    runtime.withdrawHelp();
  };
  const wired: (() => void)[] = [
    runtime.onScan(onScan),
    runtime.onEvent(onEvent),
    (buttons.help.on('press', onHelp), () => buttons.help.off('press', onHelp)),
    (buttons.help.on('hold', onHelpHeld), () => buttons.help.off('hold', onHelpHeld)),
    (buttons.staffKey.on('press', show), () => buttons.staffKey.off('press', show)),
    (buttons.staffKey.on('release', show), () => buttons.staffKey.off('release', show)),
  ];
  show();
  return () => {
    for (const unwire of wired.splice(0)) unwire();
    for (const reason of CART_LIGHT_REASONS) light.withdraw(reason);
  };
}
