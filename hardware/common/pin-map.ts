/**
 * Where everything on the cart's board is wired: the one place pins and I2C addresses are
 * written down. Drivers take their pins from here, and docs/cart-hardware.md shows the same
 * table to whoever solders the cart. The board is an Arduino Uno (or any ATmega328P clone)
 * running StandardFirmata: D0/D1 carry the USB serial link, A4/A5 are the I2C bus, PWM is
 * available on D3, D5, D6, D9, D10 and D11 only.
 */
export const CART_PINS = {
  /** Dock charge contacts sensed through an optocoupler: LOW while the cart sits on the dock. */
  dockContact: 2,
  /** Buzzer on a PWM pin: 50% duty gives the Uno's 490 Hz PWM tone on a passive piezo. */
  buzzer: 3,
  /** Help button (momentary, to ground, internal pull-up). */
  helpButton: 4,
  /** Staff key switch (to ground, internal pull-up): turned = staff mode. */
  staffKey: 7,
  /** Charger status (open-drain STAT/CHRG output, active LOW while charging). */
  chargerStatus: 8,
  /** Pole light, an RGB LED strip through three logic-level MOSFETs (common anode +12 V). */
  lightRed: 9,
  lightGreen: 10,
  lightBlue: 11,
  /**
   * Lane-strip hall switch (open-drain, to ground, internal pull-up): LOW while the cart rolls
   * over the magnetic tape across an exit lane's mouth; where the north switch below is fitted,
   * over south-up tape only. D12, not a PWM pin (those stay free) nor D13, whose on-board LED
   * fights the pull-up.
   */
  laneStrip: 12,
  /**
   * The second lane-strip hall switch, mounted the other way up so it closes over north-up tape
   * (same wiring): with both, each crossing says which pole the strip had, which tells a lane
   * from its neighbours in stores that lay them alternately (docs/payments.md, "Lane presence").
   * A2 read as digital pin 16: the last digital pins are taken, A2 is free and not PWM.
   */
  laneStripNorth: 16,
  /** Pack voltage through a 30 kΩ / 10 kΩ divider (¼ of the pack, 20 V full scale at 5 V). */
  packVoltage: 'A0',
  /** Pack current from a bidirectional Hall sensor (ACS712-05B: 2.5 V at 0 A, 185 mV/A); optional. */
  packCurrent: 'A1',
  /** I2C data and clock (shared by every I2C device below). */
  i2cSda: 'A4',
  i2cScl: 'A5',
} as const;

/** I2C addresses on the cart's bus (7-bit). */
export const CART_I2C = {
  /** NAU7802 24-bit load-cell ADC (fixed address). */
  scaleAdc: 0x2a,
  /** MPU6050 accelerometer/gyro with AD0 tied low. */
  motion: 0x68,
} as const;

/** The pack-voltage divider on A0: V_pack = V_adc × (top + bottom) / bottom. */
export const PACK_DIVIDER = { topOhms: 30_000, bottomOhms: 10_000 } as const;

/** The Uno's ADC: 10 bits against its 5 V supply. */
export const BOARD_ADC = { maxCount: 1023, referenceVolts: 5 } as const;
