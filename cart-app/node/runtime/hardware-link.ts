// Wires the cart's sensors into the runtime: each settled weight step from the scale becomes a
// `weighed` event, the motion sensor holds the reconciler's alerts while the cart rolls, and every
// device fault is logged (and cleared) in the session. Holding the scale's own step decisions
// while the cart moves is the hardware's job (CartHardware binds its Motion to its Scale), so a
// cart whose runtime is slow or unlinked still never weighs a rolling basket.
// The scale's settled readings go to the staff diagnostics, and a scale that can calibrate its
// span (the johnny-five Scale can; the emulator's cannot) is offered to staff on the screen.
// The ports are the hardware package's own event shapes, so the johnny-five Scale and Motion on
// a real cart and the emulator's virtual ones plug in the same way.
import type { EventEmitter } from 'node:events';
import type { Result } from '../../../domain/common/result.js';
import type { FaultCleared, HardwareFault } from '../../../hardware/common/faults.js';
import type { MotionEvents } from '../../../hardware/node/motion/motion.js';
import type { ScaleEvents } from '../../../hardware/node/scale/scale.js';
import type { CartRuntime } from './cart-runtime.js';
import type { LossPreventionLink } from './loss-prevention-link.js';

/** What the runtime needs of a scale: its events (the hardware itself tells it when the cart moves). */
export interface ScalePort extends Pick<EventEmitter<ScaleEvents>, 'on' | 'off'> {
  /** The second calibration point: `knownGrams` alone on the scale (the Scale's own method; the zero is its last tare). */
  calibrateSpan?(knownGrams: number, cartId: string): Promise<Result<{ readonly calibratedAt: string }, { readonly message: string }>>;
}

export type MotionPort = Pick<EventEmitter<MotionEvents>, 'on' | 'off'>;

export interface CartHardware {
  readonly scale: ScalePort;
  readonly motion: MotionPort;
}

/** One fault id per device and kind of fault, so a repeat is recognised and a clear finds it. */
const faultId = (f: { readonly device: string; readonly code: string }): string => `${f.device}-${f.code}`.replace(/[^A-Za-z0-9._:-]/g, '-');

/** Connects the hardware to the runtime; returns the way to disconnect it. */
export function linkHardware(runtime: CartRuntime, lossPrevention: LossPreventionLink, hardware: CartHardware, warn: (message: string) => void = () => undefined): () => void {
  const record = (event: Parameters<CartRuntime['record']>[0]): void => {
    const recorded = runtime.record(event);
    if (!recorded.ok) warn(`the cart could not record ${event.type}: ${recorded.error.message}`);
  };
  const onStep: (...a: ScaleEvents['step']) => void = (step) => {
    // Step ids only need to be unique in the cart's log; its next seq is.
    record({ type: 'weighed', stepId: `step${runtime.state.lastSeq + 1}`, deltaMg: step.deltaMg, uncertaintyMg: step.uncertaintyMg });
  };
  const onFault = (fault: HardwareFault): void => {
    if (runtime.state.faults.some((f) => f.faultId === faultId(fault))) return;
    record({ type: 'faultRaised', faultId: faultId(fault), code: fault.code, message: `${fault.device}: ${fault.message}`.slice(0, 500) });
  };
  const onCleared = (cleared: FaultCleared): void => {
    if (runtime.state.faults.some((f) => f.faultId === faultId(cleared))) record({ type: 'faultCleared', faultId: faultId(cleared) });
  };
  const onMoving = (): void => lossPrevention.motion(true);
  const onStill = (): void => lossPrevention.motion(false);
  /** The scale's reading as staff diagnostics show it: the tared mass in the basket, and whether it is still. */
  const reading = (grossMg: number | null, stable: boolean): void => {
    const scale = runtime.snapshot().diagnostics?.scale;
    runtime.report({ diagnostics: { ...runtime.snapshot().diagnostics, scale: { grossMg, stable, calibratedAt: scale?.calibratedAt ?? null } } });
  };
  const onStable: (...a: ScaleEvents['stable']) => void = (r) => reading(r.milligrams, true);
  const onUnsettled = (): void => reading(runtime.snapshot().diagnostics?.scale?.grossMg ?? null, false);
  const { scale, motion } = hardware;
  const calibrateSpan = scale.calibrateSpan?.bind(scale);
  const detachCalibrator = calibrateSpan
    ? runtime.attachScaleCalibrator(async (knownMg) => {
        const done = await calibrateSpan(knownMg / 1000, runtime.state.pairing?.cartId ?? 'cart');
        return done.ok ? { ok: true, value: { calibratedAt: Date.parse(done.value.calibratedAt) } } : done;
      })
    : () => undefined;
  // Each subscription beside its own undoing, so the two lists can never drift apart.
  const wired: (() => void)[] = [
    (scale.on('step', onStep), () => scale.off('step', onStep)),
    (scale.on('fault', onFault), () => scale.off('fault', onFault)),
    (scale.on('fault-cleared', onCleared), () => scale.off('fault-cleared', onCleared)),
    (scale.on('stable', onStable), () => scale.off('stable', onStable)),
    (scale.on('unsettled', onUnsettled), () => scale.off('unsettled', onUnsettled)),
    detachCalibrator,
    (motion.on('moving', onMoving), () => motion.off('moving', onMoving)),
    (motion.on('still', onStill), () => motion.off('still', onStill)),
    (motion.on('fault', onFault), () => motion.off('fault', onFault)),
    (motion.on('fault-cleared', onCleared), () => motion.off('fault-cleared', onCleared)),
  ];
  return () => {
    for (const unwire of wired.splice(0)) unwire();
  };
}
