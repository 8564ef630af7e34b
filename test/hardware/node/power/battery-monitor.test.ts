import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { ACS712_05B_ON_A1, BatteryMonitor, type BatteryReading } from '../../../../hardware/node/power/battery-monitor.js';
import { LI_ION_NMC } from '../../../../hardware/node/power/discharge-curve.js';
import { REFERENCE_PACK, type PackSpec } from '../../../../hardware/node/power/pack.js';
import { VirtualBattery } from '../../../../hardware/node/virtual-devices/battery.js';
import { readyCartBoard, run } from '../signals/cart-board.js';

async function cart(options: { soc: number; loadA?: number; pack?: PackSpec; currentSensor?: boolean; chargerStatus?: boolean }) {
  const clock = new SimulatedClock(0);
  const pack = options.pack ?? REFERENCE_PACK;
  let battery: VirtualBattery | undefined;
  const { virtual, board } = await readyCartBoard(clock, (vb) => {
    battery = new VirtualBattery({ board: vb, clock, random: seededRandom(5), pack, initialSoc: options.soc, ...(options.loadA ? { loadA: options.loadA } : {}) });
  });
  const monitor = new BatteryMonitor({
    board,
    clock,
    pack,
    ...(options.currentSensor === false ? {} : { current: ACS712_05B_ON_A1 }),
    chargerStatus: options.chargerStatus ?? true,
  });
  const log: string[] = [];
  const readings: BatteryReading[] = [];
  monitor.on('reading', (r) => readings.push(r));
  monitor.on('level', (level, r) => log.push(`${level}@${Math.round(r.soc)}`));
  monitor.on('dock', (d) => log.push(d.docked ? 'docked' : 'undocked'));
  monitor.on('fault', (f) => log.push(`fault ${f.code}`));
  monitor.on('fault-cleared', (f) => log.push(`cleared ${f.code}`));
  return { clock, virtual, battery: battery as VirtualBattery, monitor, log, readings };
}

describe('BatteryMonitor over johnny-five and the virtual battery', () => {
  it('reads pack voltage, current and charge', async () => {
    const { clock, battery, monitor } = await cart({ soc: 60 });
    await run(clock, 3000, 100);
    const r = monitor.reading as BatteryReading;
    expect(r.packVolts).toBeCloseTo(battery.packVolts, 1);
    expect(r.currentA).toBeCloseTo(1.5, 0);
    expect(Math.abs(r.soc - battery.soc)).toBeLessThan(8);
    expect(r).toMatchObject({ docked: false, charging: false, level: 'ok' });
  });

  it('raises low at 20 % and critical at 10 % as the pack drains, once each', async () => {
    const { clock, battery, log } = await cart({ soc: 24, loadA: 12 });
    // 12 A from 20 Ah: 1 % a minute; 16 minutes takes it from 24 % to 8 %.
    await run(clock, 16 * 60_000, 500);
    expect(battery.soc).toBeLessThan(9);
    expect(log.filter((l) => l.startsWith('low') || l.startsWith('critical')).map((l) => l.split('@')[0])).toEqual(['low', 'critical']);
    const lowAt = Number(log.find((l) => l.startsWith('low'))?.split('@')[1]);
    const criticalAt = Number(log.find((l) => l.startsWith('critical'))?.split('@')[1]);
    expect(lowAt).toBeLessThanOrEqual(20);
    expect(criticalAt).toBeLessThanOrEqual(10);
  });

  it('sees the dock through chattering contacts, charges, and clears the alarms with hysteresis', async () => {
    const { clock, battery, log, readings } = await cart({ soc: 9, loadA: 1 });
    await run(clock, 2000, 100);
    expect(log).toEqual(['critical@9']);
    battery.dock();
    await run(clock, 1000, 20);
    expect(log.filter((l) => l === 'docked')).toHaveLength(1);
    expect(readings.at(-1)).toMatchObject({ docked: true, charging: true });
    expect(readings.at(-1)?.currentA).toBeLessThan(-5);
    // 6 A into 20 Ah: 0.5 % a minute; 30 minutes brings it to ~24 %.
    await run(clock, 30 * 60_000, 1000);
    expect(log.filter((l) => !l.endsWith('docked'))).toEqual(['critical@9', 'low@13', 'ok@23']);
    battery.undock();
    await run(clock, 2000, 20);
    expect(log.at(-1)).toBe('undocked');
    expect(readings.at(-1)).toMatchObject({ docked: false, charging: false });
  });

  it('treats a cut sense wire as a fault, never as an empty battery', async () => {
    const { clock, battery, log } = await cart({ soc: 50 });
    await run(clock, 2000, 100);
    battery.cutSenseWire(true);
    await run(clock, 5000, 100);
    expect(log).toEqual(['fault out-of-range']);
    battery.cutSenseWire(false);
    await run(clock, 2000, 100);
    expect(log).toEqual(['fault out-of-range', 'cleared out-of-range']);
  });

  it('reports a board that stops answering', async () => {
    const { clock, virtual, log } = await cart({ soc: 50 });
    await run(clock, 2000, 100);
    virtual.disconnect();
    await run(clock, 5000, 100);
    expect(log).toEqual(['fault no-answer']);
  });

  it('works on voltage alone for a Li-ion pack without a current sensor', async () => {
    const pack: PackSpec = { curve: LI_ION_NMC, cellsInSeries: 3, capacityAh: 10, internalOhms: 0.05 };
    const { clock, battery, monitor } = await cart({ soc: 70, pack, currentSensor: false, chargerStatus: false });
    await run(clock, 5000, 100);
    const r = monitor.reading as BatteryReading;
    expect(r.currentA).toBeUndefined();
    expect(Math.abs(r.soc - battery.soc)).toBeLessThan(5);
  });
});
