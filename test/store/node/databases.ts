// The databases the store's tests run on: SQLite always, PostgreSQL when TALLY_TEST_PG_URL names
// a throw-away server (CI starts one). Each PostgreSQL test gets its own schema, so test files
// running side by side never see each other's tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { migrate } from '../../../store/node/storage/migrations.js';
import { storeMigrations } from '../../../store/node/storage/migrations/index.js';
import { PostgresDatabase } from '../../../store/node/storage/postgres-database.js';
import type { SqlDatabase } from '../../../store/node/storage/sql-database.js';
import { SqliteDatabase } from '../../../store/node/storage/sqlite-database.js';

export interface Binding {
  readonly name: string;
  /** A fresh, empty database; closed and removed after the test. */
  open(): Promise<SqlDatabase>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let schemas = 0;

export const bindings: Binding[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(path.join(tmpdir(), 'tally-store-'));
      const db = new SqliteDatabase(path.join(dir, 'store.db'));
      cleanups.push(async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return db;
    },
  },
];

const pgUrl = process.env.TALLY_TEST_PG_URL;
if (pgUrl) {
  bindings.push({
    name: 'postgres',
    async open() {
      const schema = `store_test_${process.pid}_${++schemas}`;
      const admin = new PostgresDatabase(pgUrl);
      await admin.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.execute(`CREATE SCHEMA ${schema}`);
      const separator = pgUrl.includes('?') ? '&' : '?';
      const db = new PostgresDatabase(`${pgUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`);
      cleanups.push(async () => {
        await db.close();
        await admin.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
      });
      return db;
    },
  });
}

/** A fresh database at the store's current schema. */
export async function openMigrated(binding: Binding): Promise<SqlDatabase> {
  const db = await binding.open();
  await migrate(db, storeMigrations, () => 0);
  return db;
}
