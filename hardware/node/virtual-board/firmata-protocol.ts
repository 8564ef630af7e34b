/**
 * Firmata protocol 2.5 constants, as in firmata/protocol (protocol.md, i2c.md) and the
 * StandardFirmata sketch. Only what the virtual board speaks.
 */
export const PROTOCOL_VERSION = { major: 2, minor: 5 } as const;

/** Message types (the high nibble carries the type for the channel messages). */
export const Msg = {
  DIGITAL_MESSAGE: 0x90,
  ANALOG_MESSAGE: 0xe0,
  REPORT_ANALOG: 0xc0,
  REPORT_DIGITAL: 0xd0,
  SET_PIN_MODE: 0xf4,
  SET_DIGITAL_PIN_VALUE: 0xf5,
  REPORT_VERSION: 0xf9,
  SYSTEM_RESET: 0xff,
  START_SYSEX: 0xf0,
  END_SYSEX: 0xf7,
} as const;

export const Sysex = {
  EXTENDED_ANALOG: 0x6f,
  ANALOG_MAPPING_QUERY: 0x69,
  ANALOG_MAPPING_RESPONSE: 0x6a,
  CAPABILITY_QUERY: 0x6b,
  CAPABILITY_RESPONSE: 0x6c,
  PIN_STATE_QUERY: 0x6d,
  PIN_STATE_RESPONSE: 0x6e,
  SERVO_CONFIG: 0x70,
  STRING_DATA: 0x71,
  I2C_REQUEST: 0x76,
  I2C_REPLY: 0x77,
  I2C_CONFIG: 0x78,
  REPORT_FIRMWARE: 0x79,
  SAMPLING_INTERVAL: 0x7a,
} as const;

export const PinMode = {
  INPUT: 0x00,
  OUTPUT: 0x01,
  ANALOG: 0x02,
  PWM: 0x03,
  SERVO: 0x04,
  I2C: 0x06,
  PULLUP: 0x0b,
} as const;
export type PinModeValue = (typeof PinMode)[keyof typeof PinMode];

/** I2C request byte 3: bits 4-3 read/write mode, bit 5 10-bit addressing, bit 6 auto-restart. */
export const I2cMode = { WRITE: 0x00, READ_ONCE: 0x08, READ_CONTINUOUSLY: 0x10, STOP_READING: 0x18 } as const;
export const I2C_MODE_MASK = 0x18;
export const I2C_10BIT_ADDRESS = 0x20;
export const I2C_RESTART_TX = 0x40;

/** StandardFirmata keeps at most this many continuous I2C reads. */
export const I2C_MAX_QUERIES = 8;
/** StandardFirmata 2.5 clamps the sampling interval to at least 1 ms; its default is 19 ms. */
export const MINIMUM_SAMPLING_INTERVAL = 1;
export const DEFAULT_SAMPLING_INTERVAL = 19;

/** A value as the 7-bit LSB/MSB pair every Firmata data byte travels in. */
export function sevenBitPair(value: number): [number, number] {
  return [value & 0x7f, (value >> 7) & 0x7f];
}

/** Bytes as Firmata sends 8-bit data inside sysex: each byte as two 7-bit bytes. */
export function encodeBytes(bytes: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(...sevenBitPair(bytes[i] ?? 0));
  return out;
}

/** Inverse of encodeBytes: pairs of 7-bit bytes back to 8-bit values (a trailing odd byte is dropped). */
export function decodeBytes(data: ArrayLike<number>, from = 0): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.floor((data.length - from) / 2)));
  for (let i = 0; i < out.length; i++) out[i] = ((data[from + 2 * i] ?? 0) | ((data[from + 2 * i + 1] ?? 0) << 7)) & 0xff;
  return out;
}
