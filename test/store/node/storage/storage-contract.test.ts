// The storage contract, run against every binding: SQLite always, PostgreSQL when
// TALLY_TEST_PG_URL names a throw-away database (CI starts one).
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../../../store/node/storage/migrations.js';
import { StorageError } from '../../../../store/node/storage/sql-database.js';
import { bindings } from '../databases.js';

const migrations: Migration[] = [
  { version: 1, name: 'shelves', up: 'CREATE TABLE shelf (id TEXT PRIMARY KEY, price BIGINT NOT NULL CHECK (price >= 0));\nCREATE INDEX shelf_price ON shelf (price);' },
  { version: 2, name: 'labels', up: "ALTER TABLE shelf ADD COLUMN label TEXT NOT NULL DEFAULT 'none'" },
];

describe.each(bindings)('storage on $name', ({ open }) => {
  it('migrates a fresh database, then does nothing the second time', async () => {
    const db = await open();
    expect(await migrate(db, migrations, () => 1000)).toEqual({ from: 0, to: 2 });
    expect(await migrate(db, migrations, () => 2000)).toEqual({ from: 2, to: 2 });
    await db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['apples', 199]);
    expect(await db.query('SELECT id, price, label FROM shelf')).toEqual([{ id: 'apples', price: 199, label: 'none' }]);
  });

  it('refuses a database newer than the code', async () => {
    const db = await open();
    await migrate(db, migrations, () => 1);
    await expect(migrate(db, migrations.slice(0, 1), () => 1)).rejects.toThrow(/newer than this software/);
  });

  it('leaves a failed migration wholly unapplied', async () => {
    const db = await open();
    const broken: Migration[] = [...migrations, { version: 3, name: 'broken', up: 'CREATE TABLE aisle (id TEXT);\nCREATE TABLE shelf (id TEXT)' }];
    await expect(migrate(db, broken, () => 1)).rejects.toBeInstanceOf(StorageError);
    const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((r) => Number(r.version))).toEqual([1, 2]);
    await expect(db.query('SELECT * FROM aisle')).rejects.toBeInstanceOf(StorageError);
  });

  it('binds reused and reordered placeholders, and leaves quoted dollars alone', async () => {
    const db = await open();
    await migrate(db, migrations, () => 1);
    await db.execute("INSERT INTO shelf (id, price, label) VALUES ($2, $1, '$1 off')", [250, 'pears']);
    const rows = await db.query('SELECT id, label FROM shelf WHERE price >= $1 AND price <= $1 + $2', [250, 0]);
    expect(rows).toEqual([{ id: 'pears', label: '$1 off' }]);
  });

  it('treats SQL-looking values as data', async () => {
    const db = await open();
    await migrate(db, migrations, () => 1);
    const hostile = "x'); DROP TABLE shelf; --";
    await db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', [hostile, 1]);
    expect(await db.query('SELECT id FROM shelf')).toEqual([{ id: hostile }]);
  });

  it('reports constraint violations as typed errors', async () => {
    const db = await open();
    await migrate(db, migrations, () => 1);
    await db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['kiwi', 1]);
    const duplicate = db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['kiwi', 2]);
    await expect(duplicate).rejects.toMatchObject({ code: 'constraint' });
    await expect(db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['lime', -5])).rejects.toMatchObject({ code: 'constraint' });
  });

  it('commits all of a transaction or none of it, and keeps other requests out of it', async () => {
    const db = await open();
    await migrate(db, migrations, () => 1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const failing = db.transaction(async (tx) => {
      await tx.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['in-tx', 1]);
      await gate;
      throw new Error('payment step failed');
    });
    // A request from elsewhere while the transaction is open must not become part of it.
    const outside = db.execute('INSERT INTO shelf (id, price) VALUES ($1, $2)', ['outside', 2]);
    release();
    await expect(failing).rejects.toThrow('payment step failed');
    await outside;
    expect(await db.query('SELECT id FROM shelf ORDER BY id')).toEqual([{ id: 'outside' }]);
  });
});
