import type { Clock } from '../../../domain/common/clock.js';
import type { Random } from '../../../domain/common/random.js';
import type { I2cDevice } from '../virtual-board/i2c-device.js';
import { I2cFault } from '../virtual-board/i2c-device.js';
import type { CartMotion, Vector3 } from './cart-motion.js';

/** MPU-6050 registers (InvenSense register map RM-MPU-6000A). */
export const Mpu6050Reg = {
  SMPLRT_DIV: 0x19,
  CONFIG: 0x1a,
  GYRO_CONFIG: 0x1b,
  ACCEL_CONFIG: 0x1c,
  ACCEL_XOUT_H: 0x3b,
  TEMP_OUT_H: 0x41,
  GYRO_XOUT_H: 0x43,
  PWR_MGMT_1: 0x6b,
  WHO_AM_I: 0x75,
} as const;

export const MPU6050_ADDRESS = 0x68;
const PWR_SLEEP = 0x40;
const PWR_RESET = 0x80;
const REGISTER_COUNT = 0x80;

export interface VirtualMpu6050Options {
  readonly clock: Clock;
  readonly random: Random;
  readonly motion: CartMotion;
  /** Store temperature, °C. */
  readonly temperatureC?: number;
}

/**
 * The MPU-6050 accelerometer/gyro at 0x68 with its real registers: asleep at power-on
 * (PWR_MGMT_1 = 0x40) until the host clears SLEEP, WHO_AM_I = 0x68, full-scale ranges from
 * ACCEL_CONFIG / GYRO_CONFIG, big-endian 16-bit results from 0x3B (accel x y z, temperature, gyro
 * x y z). Readings come from the cart-motion model with the part's noise and per-part bias.
 */
export class VirtualMpu6050 implements I2cDevice {
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #motion: CartMotion;
  readonly #temperature: number;
  readonly #accelBias: Vector3;
  readonly #gyroBias: Vector3;
  readonly #regs = new Uint8Array(REGISTER_COUNT);
  #pointer = 0;
  #answering = true;

  constructor(options: VirtualMpu6050Options) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#motion = options.motion;
    this.#temperature = options.temperatureC ?? 21;
    const r = this.#random;
    this.#accelBias = { x: 0.02 * r.normal(), y: 0.02 * r.normal(), z: 0.02 * r.normal() };
    this.#gyroBias = { x: r.normal(), y: r.normal(), z: r.normal() };
    this.reset();
  }

  reset(): void {
    this.#regs.fill(0);
    this.#regs[Mpu6050Reg.PWR_MGMT_1] = PWR_SLEEP;
    this.#regs[Mpu6050Reg.WHO_AM_I] = MPU6050_ADDRESS;
    this.#pointer = 0;
  }

  /** A loose connector: the chip stops acknowledging (true) or comes back (false). */
  setAnswering(answering: boolean): void {
    this.#answering = answering;
  }

  write(bytes: Uint8Array): void {
    if (!this.#answering || bytes.length === 0) return;
    this.#pointer = (bytes[0] ?? 0) % REGISTER_COUNT;
    for (let i = 1; i < bytes.length; i++) {
      const value = bytes[i] ?? 0;
      if (this.#pointer === Mpu6050Reg.PWR_MGMT_1 && value & PWR_RESET) {
        this.reset();
        return;
      }
      if (this.#pointer !== Mpu6050Reg.WHO_AM_I) this.#regs[this.#pointer] = value;
      this.#pointer = (this.#pointer + 1) % REGISTER_COUNT;
    }
  }

  read(register: number | undefined, length: number): Uint8Array | I2cFault {
    if (!this.#answering) return new I2cFault('nack');
    if (register !== undefined) this.#pointer = register % REGISTER_COUNT;
    if (!((this.#regs[Mpu6050Reg.PWR_MGMT_1] ?? 0) & PWR_SLEEP)) this.#sample();
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = this.#regs[this.#pointer] ?? 0;
      this.#pointer = (this.#pointer + 1) % REGISTER_COUNT;
    }
    return out;
  }

  /** Latches the current motion into the data registers, as the chip does at its output rate. */
  #sample(): void {
    const t = this.#clock.now();
    const r = this.#random;
    const accelLsbPerG = 16384 >> (((this.#regs[Mpu6050Reg.ACCEL_CONFIG] ?? 0) >> 3) & 3);
    const gyroLsbPerDps = 131 / (1 << (((this.#regs[Mpu6050Reg.GYRO_CONFIG] ?? 0) >> 3) & 3));
    const a = this.#motion.accelerationAt(t);
    const g = this.#motion.rotationAt(t);
    const put = (reg: number, value: number): void => {
      const v = Math.max(-32768, Math.min(32767, Math.round(value)));
      const raw = v < 0 ? v + 0x10000 : v;
      this.#regs[reg] = raw >> 8;
      this.#regs[reg + 1] = raw & 0xff;
    };
    put(Mpu6050Reg.ACCEL_XOUT_H, (a.x + this.#accelBias.x + 0.004 * r.normal()) * accelLsbPerG);
    put(Mpu6050Reg.ACCEL_XOUT_H + 2, (a.y + this.#accelBias.y + 0.004 * r.normal()) * accelLsbPerG);
    put(Mpu6050Reg.ACCEL_XOUT_H + 4, (a.z + this.#accelBias.z + 0.004 * r.normal()) * accelLsbPerG);
    put(Mpu6050Reg.TEMP_OUT_H, (this.#temperature - 36.53) * 340);
    put(Mpu6050Reg.GYRO_XOUT_H, (g.x + this.#gyroBias.x + 0.05 * r.normal()) * gyroLsbPerDps);
    put(Mpu6050Reg.GYRO_XOUT_H + 2, (g.y + this.#gyroBias.y + 0.05 * r.normal()) * gyroLsbPerDps);
    put(Mpu6050Reg.GYRO_XOUT_H + 4, (g.z + this.#gyroBias.z + 0.05 * r.normal()) * gyroLsbPerDps);
  }
}
