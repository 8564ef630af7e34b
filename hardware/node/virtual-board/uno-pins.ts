import { PinMode } from './firmata-protocol.js';

/**
 * The pin layout StandardFirmata reports for an Arduino Uno (its Boards.h): 20 pins, 0-1 taken by
 * the serial link, 2-19 digital, 14-19 also analog A0-A5, PWM on 3/5/6/9/10/11, I2C on A4 (SDA)
 * and A5 (SCL), servos on 2-13.
 */
export const UNO = {
  totalPins: 20,
  firstAnalogPin: 14,
  analogPins: 6,
  isDigital: (pin: number): boolean => pin >= 2 && pin <= 19,
  isAnalog: (pin: number): boolean => pin >= 14 && pin < 20,
  isPwm: (pin: number): boolean => [3, 5, 6, 9, 10, 11].includes(pin),
  isServo: (pin: number): boolean => pin >= 2 && pin <= 13,
  isI2c: (pin: number): boolean => pin === 18 || pin === 19,
} as const;

/** [mode, resolution] pairs for one pin, in the order StandardFirmata 2.5 writes them. */
export function pinCapabilities(pin: number): [number, number][] {
  const caps: [number, number][] = [];
  if (UNO.isDigital(pin)) caps.push([PinMode.INPUT, 1], [PinMode.PULLUP, 1], [PinMode.OUTPUT, 1]);
  if (UNO.isAnalog(pin)) caps.push([PinMode.ANALOG, 10]);
  if (UNO.isPwm(pin)) caps.push([PinMode.PWM, 8]);
  if (UNO.isServo(pin)) caps.push([PinMode.SERVO, 14]);
  if (UNO.isI2c(pin)) caps.push([PinMode.I2C, 1]);
  return caps;
}

export function supportsMode(pin: number, mode: number): boolean {
  return pinCapabilities(pin).some(([m]) => m === mode);
}

/** Analog channel of a pin, or 127 ("not analog") as the analog mapping response says. */
export function analogChannel(pin: number): number {
  return UNO.isAnalog(pin) ? pin - UNO.firstAnalogPin : 127;
}
