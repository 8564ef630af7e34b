// The cart's sensors into the runtime: steps become weighed events, motion holds the scale and
// the reconciler, faults are logged once and cleared.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { linkHardware } from '../../../../cart-app/node/runtime/hardware-link.js';
import { LossPreventionLink } from '../../../../cart-app/node/runtime/loss-prevention-link.js';
import type { MotionEvents } from '../../../../hardware/node/motion/motion.js';
import type { ScaleEvents } from '../../../../hardware/node/scale/scale.js';
import { demoCarts, type CartFixture } from '../../cart-fixture.js';

/** A scale with the Scale's own motion hold, to show the link leaves it to CartHardware. */
class FakeScale extends EventEmitter<ScaleEvents> {
  readonly calls: string[] = [];
  cartMoving(): void {
    this.calls.push('moving');
  }
  cartStill(): void {
    this.calls.push('still');
  }
}

const demo = demoCarts();

function rig(): { cart: CartFixture; scale: FakeScale; motion: EventEmitter<MotionEvents>; unlink: () => void; warnings: string[] } {
  const cart = demo.open();
  const scale = new FakeScale();
  const motion = new EventEmitter<MotionEvents>();
  const warnings: string[] = [];
  const lp = new LossPreventionLink(cart.runtime, { clock: cart.clock });
  const unlink = linkHardware(cart.runtime, lp, { scale, motion }, (m) => warnings.push(m));
  return { cart, scale, motion, unlink, warnings };
}

const step = (deltaMg: number): ScaleEvents['step'][0] => ({ kind: deltaMg > 0 ? 'placed' : 'removed', deltaMg, uncertaintyMg: 1200, fromMg: 0, toMg: deltaMg, leftAt: 0, at: 0 });

describe('the hardware on the cart runtime', () => {
  it('records each weight step with a unique step id', () => {
    const { cart, scale } = rig();
    scale.emit('step', step(350_000));
    scale.emit('step', step(-350_000));
    expect(cart.runtime.state.weight.steps.map((s) => s.deltaMg)).toEqual([350_000, -350_000]);
    expect(new Set(cart.runtime.state.weight.steps.map((s) => s.stepId)).size).toBe(2);
  });

  it('leaves holding the scale to the hardware (CartHardware binds motion to scale), telling it nothing twice', () => {
    const { scale, motion } = rig();
    motion.emit('moving', 1);
    motion.emit('still', 2);
    expect(scale.calls).toEqual([]);
  });

  it('logs a fault once however often the device repeats it, and clears it', () => {
    const { cart, scale, motion } = rig();
    const fault = { device: 'scale', code: 'no-answer', message: 'the scale stopped answering', at: 1 } as const;
    scale.emit('fault', fault);
    scale.emit('fault', fault);
    motion.emit('fault', { device: 'motion', code: 'i2c-error', message: 'short read', at: 1 });
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toEqual(['scale-no-answer', 'motion-i2c-error']);
    scale.emit('fault-cleared', { device: 'scale', code: 'no-answer', at: 2 });
    scale.emit('fault-cleared', { device: 'scale', code: 'no-answer', at: 3 });
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toEqual(['motion-i2c-error']);
  });

  it('turns a device name the log cannot hold into a safe fault id', () => {
    const { cart, scale } = rig();
    scale.emit('fault', { device: 'camera:basket left', code: 'stuck', message: 'frozen', at: 1 });
    expect(cart.runtime.state.faults.map((f) => f.faultId)).toEqual(['camera:basket-left-stuck']);
  });

  it('stops listening once unlinked', () => {
    const { cart, scale, unlink } = rig();
    unlink();
    scale.emit('step', step(200_000));
    expect(cart.runtime.state.weight.steps).toEqual([]);
    expect(scale.listenerCount('step')).toBe(0);
  });

  it('reports the scale’s settled readings to the snapshot, and offers a scale that can calibrate to staff', async () => {
    const { cart, scale, unlink } = rig();
    scale.emit('stable', { at: 0, milligrams: 1_000_400, uncertaintyMg: 300 });
    expect(cart.runtime.snapshot().diagnostics?.scale).toEqual({ grossMg: 1_000_400, stable: true, calibratedAt: null });
    scale.emit('unsettled', 1);
    expect(cart.runtime.snapshot().diagnostics?.scale).toEqual({ grossMg: 1_000_400, stable: false, calibratedAt: null });
    unlink();
    // This scale cannot calibrate: staff hear so.
    const calibrating = Object.assign(new FakeScale(), {
      spans: [] as [number, string][],
      calibrateSpan(knownGrams: number, cartId: string) {
        this.spans.push([knownGrams, cartId]);
        return Promise.resolve({ ok: true as const, value: { calibratedAt: '2026-11-23T10:00:00.000Z' } });
      },
    });
    const lp = new LossPreventionLink(cart.runtime, { clock: cart.clock });
    const relink = linkHardware(cart.runtime, lp, { scale: calibrating, motion: new EventEmitter<MotionEvents>() });
    expect(cart.runtime.record({ type: 'staffModeEntered', staffId: 'lee', mode: 'maintenance' }).ok).toBe(true);
    expect(cart.runtime.dispatch({ type: 'calibrateScale', knownMg: 2_000_000 }).ok).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(calibrating.spans).toEqual([[2000, 'cart-7']]);
    expect(cart.runtime.snapshot().diagnostics?.scale?.calibratedAt).toBe(Date.parse('2026-11-23T10:00:00Z'));
    relink();
    expect(cart.runtime.dispatch({ type: 'calibrateScale', knownMg: 2_000_000 })).toMatchObject({ ok: false, error: { code: 'refused' } });
    lp.close();
  });
});
