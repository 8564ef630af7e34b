// The first manager (and any later one made from the shell): the only way into a new store,
// so there is never a default password.
import type { Clock } from '../../domain/common/clock.js';
import { err, ok, type Result } from '../../domain/common/result.js';
import { hashPassword, type ScryptParams } from './password.js';
import { insertStaff, staffByName, type StaffMember } from './records/staff.js';
import { newId, type SecureRandom } from './secure-random.js';
import { newPassword, staffName } from './server/fields.js';
import type { SqlDatabase } from './storage/sql-database.js';

export async function addManager(
  db: SqlDatabase,
  input: { name: string; password: string },
  deps: { clock: Clock; random: SecureRandom; scrypt?: ScryptParams },
): Promise<Result<StaffMember, string>> {
  const name = staffName.safeParse(input.name);
  if (!name.success) return err(`name: ${name.error.issues[0]?.message ?? 'not valid'}`);
  const password = newPassword.safeParse(input.password);
  if (!password.success) return err(`password: ${password.error.issues[0]?.message ?? 'not valid'}`);
  if (await staffByName(db, name.data)) return err(`there is already a staff member called ${name.data}`);
  const passwordHash = await hashPassword(password.data, deps.random, deps.scrypt);
  return ok(await insertStaff(db, { id: newId(deps.random, 'staff'), name: name.data, role: 'manager', passwordHash, at: deps.clock.now() }));
}
