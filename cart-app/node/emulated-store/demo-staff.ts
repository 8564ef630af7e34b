// The emulated store's demo staff badge: one staff member who may sign in on the emulated cart
// (its touch UI's Staff button) with a 6-digit PIN drawn at random on the first start. Like the
// demo manager's password, the PIN is printed once and kept in the data folder (mode 0600),
// because the cart is configured from it at every start; the cart itself keeps only a salted
// hash of it (staff-pin.ts). There is never a PIN in the code: two folders never share one.
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { staffBadge } from '../runtime/staff-pin.js';
import type { StaffConfig } from '../runtime/staff-session.js';
import { EmulatedStoreError } from './errors.js';

export const DEMO_STAFF_ID = 'demo-staff';

const PIN_DIGITS = 6;

const demoStaffSchema = z.strictObject({
  staffId: z.literal(DEMO_STAFF_ID),
  pin: z.string().regex(new RegExp(`^\\d{${PIN_DIGITS}}$`), `${PIN_DIGITS} digits`),
});
export type DemoStaff = z.output<typeof demoStaffSchema>;

/** A number in [0, below): crypto's by default; tests pass their own. */
export type RandomBelow = (below: number) => number;

/** A fresh badge with a PIN of six random digits (leading zeros kept). */
export function newDemoStaff(random: RandomBelow = (below) => randomInt(below)): DemoStaff {
  return { staffId: DEMO_STAFF_ID, pin: String(random(10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0') };
}

function loadDemoStaff(file: string): DemoStaff {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EmulatedStoreError('data-folder', `the demo staff badge in ${file} cannot be read (${(error as Error).message}). Start afresh with --fresh.`);
  }
  const parsed = demoStaffSchema.safeParse(json);
  if (!parsed.success) throw new EmulatedStoreError('data-folder', `${file} is not the demo staff badge (${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}). Start afresh with --fresh.`);
  return parsed.data;
}

/** The folder's demo staff badge, made and saved (0600) when it has none yet; `created` says it was made now. */
export function demoStaffOnce(file: string, random?: RandomBelow): { readonly staff: DemoStaff; readonly created: boolean } {
  if (existsSync(file)) return { staff: loadDemoStaff(file), created: false };
  const staff = newDemoStaff(random);
  // 'wx': two launchers racing on one folder never overwrite each other's badge.
  writeFileSync(file, `${JSON.stringify(staff)}\n`, { mode: 0o600, flag: 'wx' });
  return { staff, created: true };
}

/** What the cart runtime is configured with: the badge's salted hash, never the PIN. */
export function demoStaffConfig(staff: DemoStaff): StaffConfig {
  return { badges: [staffBadge(staff.staffId, staff.pin)] };
}
