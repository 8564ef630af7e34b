import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { CART_PINS } from '../../../../hardware/common/pin-map.js';
import type { WeightStep } from '../../../../hardware/common/weight/types.js';
import { ACS712_05B_ON_A1, BatteryMonitor } from '../../../../hardware/node/power/battery-monitor.js';
import { REFERENCE_PACK } from '../../../../hardware/node/power/pack.js';
import { Scale } from '../../../../hardware/node/scale/scale.js';
import { Buzzer } from '../../../../hardware/node/signals/buzzer.js';
import { HardwareSignals } from '../../../../hardware/node/signals/hardware-signals.js';
import { cartPoleLight } from '../../../../hardware/node/signals/pole-light.js';
import { VirtualBattery } from '../../../../hardware/node/virtual-devices/battery.js';
import { attachVirtualBasket, type VirtualBasket } from '../../../../hardware/node/virtual-devices/virtual-basket.js';
import { readyCartBoard, run } from './cart-board.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A virtual cart with its scale, battery, pole light and buzzer, the signals bound as the runtime binds them. */
async function cart(seed: number) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const random = seededRandom(seed);
  let basket: VirtualBasket | undefined;
  const { virtual, board } = await readyCartBoard(clock, (vb) => {
    basket = attachVirtualBasket(vb, { clock, random: random.fork() });
    new VirtualBattery({ board: vb, clock, random: random.fork(), pack: REFERENCE_PACK, initialSoc: 70 });
  });
  if (!basket) throw new Error('basket not wired');
  const scale = new Scale({ board, clock });
  const battery = new BatteryMonitor({ board, clock, pack: REFERENCE_PACK, current: ACS712_05B_ON_A1, chargerStatus: true });
  const pole = cartPoleLight(board, clock);
  const buzzer = new Buzzer({ io: board.io, clock, pin: CART_PINS.buzzer });
  const signals = new HardwareSignals({ light: pole.light, buzzer, faultSources: [scale, battery], battery });
  closers.push(() => {
    signals.dispose();
    scale.close();
    battery.close();
    pole.close();
    buzzer.close();
  });
  const steps: WeightStep[] = [];
  scale.on('step', (s) => steps.push(s));
  const light: string[] = [];
  const beeps: number[] = [];
  virtual.onPinWrite((pin, value) => {
    if (pin === CART_PINS.buzzer && value > 0) beeps.push(clock.now());
    if (pin === CART_PINS.lightRed) light.push(`r${value}`);
  });
  const pins = (): number[] => [CART_PINS.lightRed, CART_PINS.lightGreen, CART_PINS.lightBlue].map((p) => virtual.pwmOutput(p));
  await run(clock, 2500);
  return { clock, virtual, basket, scale, pole, signals, steps, light, beeps, pins };
}

describe('hardware faults on the pole light, through johnny-five and the virtual board', () => {
  it('shows a scale ADC that stops answering as amber, beeps once, and goes back to green by itself', async () => {
    const { clock, basket, pole, signals, steps, light, beeps, pins } = await cart(1);
    expect(pole.light.signal).toBe('ok');
    expect(pins()).toEqual([0, 255, 0]);
    light.length = 0;
    basket.adc.inject('not-answering');
    await run(clock, 1000);
    expect(signals.condition.faults.map((f) => `${f.device} ${f.code}`)).toEqual(['scale no-answer']);
    expect(pole.light.signal).toBe('attention');
    // The amber blink reaches the pins: red at full, then off, on the light's clock.
    expect(light).toContain('r255');
    expect(beeps).toHaveLength(2);
    basket.adc.inject('none');
    await run(clock, 3000);
    expect(signals.condition.faults).toEqual([]);
    expect(pole.light.signal).toBe('ok');
    expect(pins()).toEqual([0, 255, 0]);
    expect(steps).toEqual([]);
  });

  it('turns a board unplugged mid-trip into the fault state, and restores the light when it comes back, with no step invented', async () => {
    const { clock, virtual, pole, signals, steps, pins } = await cart(2);
    expect(pins()).toEqual([0, 255, 0]);
    virtual.disconnect();
    await run(clock, 4000);
    // The scale notices within half a second; the battery monitor after 3 s of silence.
    expect(signals.condition.faults.map((f) => `${f.device} ${f.code}`).sort()).toEqual(['battery no-answer', 'scale disconnected']);
    expect(pole.light.signal).toBe('attention');
    virtual.reconnect();
    await run(clock, 3000);
    expect(signals.condition.faults).toEqual([]);
    expect(pole.light.signal).toBe('ok');
    // The rebooted board forgot the PWM pins; the light set them up again and shows green.
    expect(pins()).toEqual([0, 255, 0]);
    expect(steps).toEqual([]);
  });

  it('withdraws its requests when disposed, leaving the runtime’s own requests alone', async () => {
    const { clock, basket, pole, signals } = await cart(3);
    pole.light.request('help-button', 'attention');
    basket.adc.inject('frozen');
    await run(clock, 1500);
    expect(signals.condition.faults.map((f) => f.code)).toContain('stuck');
    pole.light.request('unscanned-item', 'alarm');
    expect(pole.light.signal).toBe('alarm');
    pole.light.withdraw('unscanned-item');
    signals.dispose();
    expect(pole.light.signal).toBe('attention');
    pole.light.withdraw('help-button');
    expect(pole.light.signal).toBe('ok');
  });
});
