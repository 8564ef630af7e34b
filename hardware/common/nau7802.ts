/**
 * The NAU7802 24-bit load-cell ADC's register map (Nuvoton datasheet; the same names as the
 * SparkFun and Adafruit Arduino libraries). Shared by the scale's driver and the virtual chip.
 */
export const NAU7802_ADDRESS = 0x2a;

export const Nau7802Reg = {
  PU_CTRL: 0x00,
  CTRL1: 0x01,
  CTRL2: 0x02,
  OCAL1_B2: 0x03,
  GCAL1_B3: 0x06,
  I2C_CONTROL: 0x11,
  ADCO_B2: 0x12,
  ADCO_B1: 0x13,
  ADCO_B0: 0x14,
  /** ADC control; 0x30 turns the chopper clock off (datasheet 9.1 power-on sequence). */
  ADC: 0x15,
  PGA: 0x1b,
  PGA_PWR: 0x1c,
  DEVICE_REV: 0x1f,
} as const;

/** PU_CTRL bits. */
export const PuCtrl = {
  /** Register reset: 1 holds every register at its default. */
  RR: 0x01,
  /** Power up digital. */
  PUD: 0x02,
  /** Power up analog. */
  PUA: 0x04,
  /** Power up ready (read only). */
  PUR: 0x08,
  /** Cycle start: conversions run while set. */
  CS: 0x10,
  /** Cycle ready (read only): a conversion result is waiting. */
  CR: 0x20,
  OSCS: 0x40,
  /** AVDD from the internal LDO. */
  AVDDS: 0x80,
} as const;

/** CTRL1: gain in bits 2:0 (2^n), LDO voltage in bits 5:3. */
export const CTRL1_GAIN_MASK = 0x07;
export const CTRL1_VLDO_SHIFT = 3;
/** LDO 3.3 V: the value SparkFun's begin() uses. */
export const VLDO_3V3 = 0b100;

/** CTRL2: calibration mode bits 1:0, CALS bit 2, CAL_ERR bit 3, conversion rate bits 6:4. */
export const Ctrl2 = {
  CALMOD_MASK: 0x03,
  CALS: 0x04,
  CAL_ERR: 0x08,
  CRS_SHIFT: 4,
  CRS_MASK: 0x70,
} as const;

/** PGA_PWR bit 7: the 330 pF decoupling cap on channel 2 (datasheet 9.14). */
export const PGA_PWR_CAP_EN = 0x80;

/** The low nibble of DEVICE_REV always reads 0xF. */
export const DEVICE_REV_ID = 0x0f;

export type Nau7802Gain = 1 | 2 | 4 | 8 | 16 | 32 | 64 | 128;
export type Nau7802Rate = 10 | 20 | 40 | 80 | 320;

/** CRS code for each conversion rate (samples per second). */
export const RATE_CODES: Readonly<Record<Nau7802Rate, number>> = { 10: 0b000, 20: 0b001, 40: 0b010, 80: 0b011, 320: 0b111 };

export function rateFromCode(code: number): Nau7802Rate | undefined {
  for (const [rate, c] of Object.entries(RATE_CODES)) if (c === code) return Number(rate) as Nau7802Rate;
  return undefined;
}

export const gainCode = (gain: Nau7802Gain): number => Math.log2(gain);

/** The 24-bit conversion result, two's complement, from ADCO_B2..B0. */
export function decodeSample(b2: number, b1: number, b0: number): number {
  const raw = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
  return raw & 0x800000 ? raw - 0x1000000 : raw;
}

export function encodeSample(code: number): [number, number, number] {
  const raw = code < 0 ? code + 0x1000000 : code;
  return [(raw >> 16) & 0xff, (raw >> 8) & 0xff, raw & 0xff];
}

/** The rails of the 24-bit converter: a result here means the input is out of range. */
export const ADC_MAX = 0x7fffff;
export const ADC_MIN = -0x800000;
