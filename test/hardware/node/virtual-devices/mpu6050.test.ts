import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../../domain/common/clock.js';
import { seededRandom } from '../../../../domain/common/random.js';
import { I2cFault } from '../../../../hardware/node/virtual-board/i2c-device.js';
import { CartMotion } from '../../../../hardware/node/virtual-devices/cart-motion.js';
import { Mpu6050Reg, VirtualMpu6050 } from '../../../../hardware/node/virtual-devices/mpu6050.js';

describe('virtual MPU-6050', () => {
  it('sleeps at power-on, says who it is, and reads gravity once awake', () => {
    const clock = new SimulatedClock(0);
    const mpu = new VirtualMpu6050({ clock, random: seededRandom(1), motion: new CartMotion({ clock, random: seededRandom(2) }) });
    const read = (reg: number, n: number): number[] => {
      const got = mpu.read(reg, n);
      if (got instanceof I2cFault) throw new Error('no answer');
      return [...got];
    };
    expect(read(Mpu6050Reg.WHO_AM_I, 1)).toEqual([0x68]);
    expect(read(Mpu6050Reg.PWR_MGMT_1, 1)).toEqual([0x40]);
    expect(read(Mpu6050Reg.ACCEL_XOUT_H, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    mpu.write(Uint8Array.of(Mpu6050Reg.PWR_MGMT_1, 0));
    const [zh = 0, zl = 0] = read(Mpu6050Reg.ACCEL_XOUT_H + 4, 2);
    expect(Math.abs(((zh << 8) | zl) / 16384 - 1)).toBeLessThan(0.1);
    mpu.write(Uint8Array.of(Mpu6050Reg.ACCEL_CONFIG, 3 << 3));
    const [h = 0, l = 0] = read(Mpu6050Reg.ACCEL_XOUT_H + 4, 2);
    expect(Math.abs(((h << 8) | l) / 2048 - 1)).toBeLessThan(0.1);
    mpu.setAnswering(false);
    expect(mpu.read(Mpu6050Reg.WHO_AM_I, 1)).toBeInstanceOf(I2cFault);
  });
});
