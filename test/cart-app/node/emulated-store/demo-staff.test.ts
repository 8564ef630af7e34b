// The demo staff badge: a random 6-digit PIN made once per data folder, kept 0600, read back at
// every start, refused when the file was tampered with, and handed to the cart only as a hash.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF_ID, demoStaffConfig, demoStaffOnce, newDemoStaff } from '../../../../cart-app/node/emulated-store/demo-staff.js';
import { EmulatedStoreError } from '../../../../cart-app/node/emulated-store/errors.js';
import { badgeOf } from '../../../../cart-app/node/runtime/staff-pin.js';

describe('the demo staff badge', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-demo-staff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws six digits, keeping leading zeros, from the random source it is given', () => {
    expect(newDemoStaff(() => 42)).toEqual({ staffId: DEMO_STAFF_ID, pin: '000042' });
    expect(newDemoStaff(() => 999_999).pin).toBe('999999');
    expect(newDemoStaff().pin).toMatch(/^\d{6}$/);
  });

  it('is made on the first start only, kept 0600, and the same at the next start', () => {
    const file = path.join(dir, 'first.json');
    const first = demoStaffOnce(file, () => 123_456);
    expect(first).toEqual({ staff: { staffId: DEMO_STAFF_ID, pin: '123456' }, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(demoStaffOnce(file, () => 654_321)).toEqual({ staff: first.staff, created: false });
  });

  it('gives the cart a salted hash that takes the PIN and no other', () => {
    const config = demoStaffConfig({ staffId: DEMO_STAFF_ID, pin: '048213' });
    expect(JSON.stringify(config)).not.toContain('048213');
    expect(badgeOf(config.badges, '048213')?.staffId).toBe(DEMO_STAFF_ID);
    expect(badgeOf(config.badges, '048214')).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"staffId": '],
    ['a PIN of five digits', '{"staffId":"demo-staff","pin":"12345"}'],
    ['a PIN with letters', '{"staffId":"demo-staff","pin":"12345a"}'],
    ['another staff id', '{"staffId":"boss","pin":"123456"}'],
    ['an extra field', '{"staffId":"demo-staff","pin":"123456","admin":true}'],
  ])('refuses a badge file that is %s, pointing at --fresh', (_what, text) => {
    const file = path.join(dir, `bad-${_what.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, text);
    expect(() => demoStaffOnce(file)).toThrow(EmulatedStoreError);
    expect(() => demoStaffOnce(file)).toThrow(/--fresh/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});
