import pg from 'pg';
import { StorageError, type SqlDatabase, type SqlRow, type SqlValue } from './sql-database.js';

// BIGINT (int8) columns hold epoch milliseconds and money totals; they fit a JS number exactly
// (below 2^53), so read them as numbers like SQLite does rather than as pg's default strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

type Queryable = pg.Pool | pg.PoolClient;

function wrap(error: unknown, sql: string): StorageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const kind = code?.startsWith('23') ? 'constraint' : code?.startsWith('08') || code === 'ECONNREFUSED' ? 'unavailable' : 'query';
  return new StorageError(kind, `${message} (in: ${sql.slice(0, 120)})`, { cause: error });
}

class PgSession implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  constructor(protected readonly target: Queryable) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      return (await this.target.query(sql, [...params])).rows as T[];
    } catch (error) {
      throw wrap(error, sql);
    }
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    try {
      return { changes: (await this.target.query(sql, [...params])).rowCount ?? 0 };
    } catch (error) {
      throw wrap(error, sql);
    }
  }

  /** Inside a transaction already: nested work joins it. */
  transaction<T>(work: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    throw new StorageError('query', 'a transaction cannot close the database');
  }
}

/** PostgreSQL through `pg`, for chains that outgrow one SQLite file. */
export class PostgresDatabase extends PgSession {
  readonly #pool: pg.Pool;

  constructor(connectionString: string) {
    const pool = new pg.Pool({ connectionString, max: 10 });
    super(pool);
    this.#pool = pool;
  }

  override async transaction<T>(work: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw wrap(error, 'BEGIN');
    }
    try {
      await client.query('BEGIN');
      const result = await work(new PgSession(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  override async close(): Promise<void> {
    await this.#pool.end();
  }
}
