import { StorageError, type SqlDatabase } from './sql-database.js';

/**
 * One schema change. `up` is SQL in the subset SQLite and PostgreSQL share (TEXT, BIGINT for
 * epoch ms and minor units, INTEGER 0/1 for flags, TEXT JSON), statements separated by `;`
 * at line ends. Migrations are append-only: a released one is never edited.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

const statements = (sql: string): string[] =>
  sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/**
 * Brings the database up to the newest migration, each in its own transaction together with
 * its row in `schema_migrations`, so a crash mid-way leaves a version either fully applied or
 * not at all. Refuses a database newer than this code.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[], now: () => number): Promise<{ from: number; to: number }> {
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i]?.version !== i + 1) throw new StorageError('migration', `migrations must be numbered 1, 2, 3…; found ${migrations[i]?.version} at position ${i + 1}`);
  }
  await db.execute('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  const rows = await db.query<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
  const from = Number(rows[0]?.version ?? 0);
  if (from > migrations.length) {
    throw new StorageError('migration', `the database is at schema version ${from}, newer than this software (${migrations.length}); upgrade the software`);
  }
  for (const migration of migrations.slice(from)) {
    await db.transaction(async (tx) => {
      for (const sql of statements(migration.up)) await tx.execute(sql);
      await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, now()]);
    });
  }
  return { from, to: migrations.length };
}
