import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { createBoard, openFirmata } from '../../../../hardware/node/johnny-five.js';
import { Motion } from '../../../../hardware/node/motion/motion.js';
import { CartMotion } from '../../../../hardware/node/virtual-devices/cart-motion.js';
import { MPU6050_ADDRESS, VirtualMpu6050 } from '../../../../hardware/node/virtual-devices/mpu6050.js';
import { VirtualBoard } from '../../../../hardware/node/virtual-board/virtual-board.js';
import { run } from '../virtual-board/settle.js';

const open: Motion[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.close();
});

describe('motion through johnny-five’s IMU on the virtual board', () => {
  async function rig() {
    const clock = new SimulatedClock(1_700_000_000_000);
    const random = seededRandom(11);
    const vb = new VirtualBoard({ clock });
    const cart = new CartMotion({ clock, random: random.fork() });
    const mpu = new VirtualMpu6050({ clock, random: random.fork(), motion: cart });
    vb.attachI2c(MPU6050_ADDRESS, mpu);
    const board = createBoard(openFirmata(vb.port, { samplingInterval: 12 }));
    await run(clock, 50);
    const motion = new Motion({ board, clock });
    open.push(motion);
    const events: string[] = [];
    motion.on('moving', () => events.push('moving'));
    motion.on('still', () => events.push('still'));
    motion.on('fault', (f) => events.push(`fault:${f.code}`));
    motion.on('fault-cleared', (f) => events.push(`cleared:${f.code}`));
    return { clock, vb, cart, mpu, motion, events };
  }

  it('tells a pushed cart from a parked one, with hysteresis', async () => {
    const { clock, cart, motion, events } = await rig();
    expect(motion.moving).toBe(true);
    await run(clock, 1500);
    expect(events).toEqual(['still']);
    cart.push(0.8);
    await run(clock, 1000);
    expect(events).toEqual(['still', 'moving']);
    await run(clock, 5000);
    cart.stop();
    await run(clock, 2500);
    expect(events).toEqual(['still', 'moving', 'still']);
    expect(motion.moving).toBe(false);
  });

  it('treats a silent sensor as moving, and recovers after the board is plugged back', async () => {
    const { clock, vb, motion, events } = await rig();
    await run(clock, 1500);
    vb.disconnect();
    await run(clock, 1000);
    expect(motion.moving).toBe(true);
    expect(events).toEqual(['still', 'fault:no-answer', 'moving']);
    vb.reconnect();
    await run(clock, 2000);
    expect(events).toContain('cleared:no-answer');
    expect(motion.moving).toBe(false);
  });
});
