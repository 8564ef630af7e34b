// Opening a store's database: SQLite in the data folder, or PostgreSQL when a URL is given,
// brought up to the current schema before anything reads it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../domain/common/clock.js';
import { migrate } from './storage/migrations.js';
import { storeMigrations } from './storage/migrations/index.js';
import { PostgresDatabase } from './storage/postgres-database.js';
import type { SqlDatabase } from './storage/sql-database.js';
import { SqliteDatabase } from './storage/sqlite-database.js';

export async function openStoreDatabase(where: { dataDir: string; databaseUrl?: string | undefined }, clock: Clock): Promise<SqlDatabase> {
  let db: SqlDatabase;
  if (where.databaseUrl !== undefined) {
    db = new PostgresDatabase(where.databaseUrl);
  } else {
    await mkdir(where.dataDir, { recursive: true, mode: 0o700 });
    db = new SqliteDatabase(path.join(where.dataDir, 'store.db'));
  }
  try {
    await migrate(db, storeMigrations, () => clock.now());
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
