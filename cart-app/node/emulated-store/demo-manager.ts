// The emulated store's demo manager: a real manager account, made the documented way (as
// `tally store add-manager` makes one) with a random password on first start. The password is
// printed once, and kept in the data folder (mode 0600) because the launcher signs in as this
// manager at every start to approve its cart's pairing and to issue the demo shopper's codes.
// There is never a default password: two folders never share one.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { RandomBytes } from './data-folder.js';
import { EmulatedStoreError } from './errors.js';

export const DEMO_MANAGER_NAME = 'demo-manager';

const credentialsSchema = z.strictObject({
  name: z.string().min(1).max(64),
  password: z.string().min(12).max(200),
});
export type ManagerCredentials = z.output<typeof credentialsSchema>;

/** 18 random bytes: 24 base64url characters, past the store's 12-character minimum with room. */
export function newDemoManager(random: RandomBytes = (n) => randomBytes(n)): ManagerCredentials {
  return { name: DEMO_MANAGER_NAME, password: Buffer.from(random(18)).toString('base64url') };
}

export function saveDemoManager(file: string, credentials: ManagerCredentials): void {
  writeFileSync(file, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
}

export function loadDemoManager(file: string): ManagerCredentials {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it is missing' : `it is not JSON (${(error as Error).message})`;
    throw new EmulatedStoreError('data-folder', `the store has a ${DEMO_MANAGER_NAME} but the launcher cannot read its password from ${file}: ${why}. Start afresh with --fresh.`);
  }
  const parsed = credentialsSchema.safeParse(json);
  if (!parsed.success) throw new EmulatedStoreError('data-folder', `${file} is not the demo manager's name and password (${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}). Start afresh with --fresh.`);
  return parsed.data;
}
