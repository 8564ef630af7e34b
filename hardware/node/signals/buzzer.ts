import type { Clock, TimerHandle } from '../../../domain/common/clock.js';
import type { FirmataIo } from '../johnny-five.js';
import type { BuzzerCue } from '../../common/cart-signals.js';
import { BUZZER_CUES, CUE_PRIORITY, type BuzzerStep } from './buzzer-cues.js';

export interface BuzzerOptions {
  readonly io: FirmataIo;
  readonly clock: Clock;
  readonly pin: number;
  /** PWM duty while sounding, 1-128 (50 % duty, 128, is loudest for a piezo). Default 128. */
  readonly volume?: number;
}

/**
 * The buzzer on a PWM pin, sequenced on the injected clock. johnny-five's Piezo bit-bangs the
 * tone with microsecond wall-clock timers, one Firmata message per edge: far too much for a
 * serial link and not deterministic; a PWM pin makes the tone in hardware. A cue in progress
 * is cut short only by a more urgent one (an alarm is never drowned by scan chirps).
 */
export class Buzzer {
  readonly #o: BuzzerOptions;
  readonly #volume: number;
  #timer: TimerHandle | undefined;
  #playing: BuzzerCue | undefined;
  readonly #onReboot = (): void => this.#setUp();

  constructor(options: BuzzerOptions) {
    this.#o = options;
    this.#volume = options.volume ?? 128;
    if (!Number.isInteger(this.#volume) || this.#volume < 1 || this.#volume > 128) throw new RangeError(`buzzer volume must be 1-128, not ${options.volume}`);
    this.#setUp();
    // A rebooted board forgot the pin's mode (see onBoardReboot); a cue under way resumes at its next step.
    options.io.on('reportversion', this.#onReboot);
  }

  /** The cue sounding now, if any. */
  get playing(): BuzzerCue | undefined {
    return this.#playing;
  }

  play(cue: BuzzerCue): void {
    if (this.#playing && CUE_PRIORITY.indexOf(this.#playing) > CUE_PRIORITY.indexOf(cue)) return;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#playing = cue;
    this.#step(BUZZER_CUES[cue], 0);
  }

  silence(): void {
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#playing = undefined;
    this.#o.io.pwmWrite(this.#o.pin, 0);
  }

  /** Silences the buzzer and stops following board reboots. */
  close(): void {
    this.silence();
    this.#o.io.off('reportversion', this.#onReboot);
  }

  #setUp(): void {
    this.#o.io.pinMode(this.#o.pin, this.#o.io.MODES.PWM);
    this.#o.io.pwmWrite(this.#o.pin, 0);
  }

  #step(steps: readonly BuzzerStep[], index: number): void {
    const step = steps[index];
    if (!step) {
      this.silence();
      return;
    }
    this.#o.io.pwmWrite(this.#o.pin, step.on ? this.#volume : 0);
    this.#timer = this.#o.clock.setTimeout(() => this.#step(steps, index + 1), step.ms);
  }
}
