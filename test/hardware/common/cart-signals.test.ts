import { describe, expect, it } from 'vitest';
import { hardwareCue, hardwareLightRequests, type HardwareCondition } from '../../../hardware/common/cart-signals.js';
import type { HardwareFault, HardwareFaultCode } from '../../../hardware/common/faults.js';

const fault = (device: string, code: HardwareFaultCode): HardwareFault => ({ device, code, message: `${device} ${code}`, at: 0 });
const healthy: HardwareCondition = { faults: [], battery: 'ok' };

describe('what the hardware asks of the pole light and buzzer', () => {
  it('asks nothing of a healthy cart, or of one whose battery is merely low', () => {
    expect(hardwareLightRequests(healthy)).toEqual([]);
    expect(hardwareLightRequests({ faults: [], battery: 'low' })).toEqual([]);
    expect(hardwareCue(healthy, { faults: [], battery: 'low' })).toBeUndefined();
  });

  it('shows attention once per faulty device, however many faults it has', () => {
    const condition: HardwareCondition = {
      faults: [fault('scale', 'disconnected'), fault('scale', 'stuck'), fault('motion', 'no-answer')],
      battery: 'ok',
    };
    expect(hardwareLightRequests(condition)).toEqual([
      { reason: 'fault:scale', signal: 'attention' },
      { reason: 'fault:motion', signal: 'attention' },
    ]);
  });

  it('never raises the alarm for a fault: alarm is for a basket to check', () => {
    const codes: HardwareFaultCode[] = ['disconnected', 'no-answer', 'out-of-range', 'stuck', 'overload', 'i2c-error', 'wrong-device'];
    for (const code of codes) {
      expect(hardwareLightRequests({ faults: [fault('scale', code)], battery: 'critical' }).map((r) => r.signal)).toEqual(['attention', 'attention']);
    }
  });

  it('beeps for a new fault that stops weighing and for a battery turning critical, not for repeats or an overload', () => {
    const silent = { faults: [fault('scale', 'no-answer')], battery: 'ok' } as const;
    expect(hardwareCue(healthy, silent)).toBe('attention');
    expect(hardwareCue(silent, silent)).toBeUndefined();
    expect(hardwareCue(silent, healthy)).toBeUndefined();
    expect(hardwareCue(healthy, { faults: [fault('scale', 'overload')], battery: 'ok' })).toBeUndefined();
    expect(hardwareCue({ faults: [], battery: 'low' }, { faults: [], battery: 'critical' })).toBe('attention');
    expect(hardwareCue({ faults: [], battery: 'critical' }, { faults: [], battery: 'critical' })).toBeUndefined();
  });
});
