import Sqlite from 'better-sqlite3';
import { StorageError, type SqlDatabase, type SqlRow, type SqlValue } from './sql-database.js';

/**
 * Rewrites PostgreSQL placeholders (`$1`, `$2`, reused freely) to SQLite's anonymous `?`,
 * reordering the values to match. Quoted strings and identifiers are left alone.
 */
export function toSqlitePlaceholders(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  const ordered: SqlValue[] = [];
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i] as string;
    if (quote) {
      out += ch;
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
      continue;
    }
    const digits = ch === '$' ? /^\d+/.exec(sql.slice(i + 1)) : null;
    if (!digits) {
      out += ch;
      continue;
    }
    const index = Number(digits[0]);
    if (index < 1 || index > params.length) {
      throw new StorageError('query', `placeholder $${index} has no value (${params.length} given)`);
    }
    ordered.push(params[index - 1] as SqlValue);
    out += '?';
    i += digits[0].length;
  }
  return { sql: out, params: ordered };
}

function wrap(error: unknown, sql: string): StorageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = /constraint/i.test(message) ? 'constraint' : 'query';
  return new StorageError(code, `${message} (in: ${sql.slice(0, 120)})`, { cause: error });
}

/** Runs statements on the connection at once; what a transaction's `work` is handed. */
class Connection implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  constructor(readonly db: Sqlite.Database) {}

  #run<T>(sql: string, params: readonly SqlValue[], fn: (stmt: Sqlite.Statement, values: SqlValue[]) => T): T {
    const translated = toSqlitePlaceholders(sql, params);
    try {
      return fn(this.db.prepare(translated.sql), translated.params);
    } catch (error) {
      throw error instanceof StorageError ? error : wrap(error, sql);
    }
  }

  async query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#run(sql, params, (stmt, values) => stmt.all(...values) as T[]);
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.#run(sql, params, (stmt, values) => ({ changes: stmt.run(...values).changes }));
  }

  /** Already inside a transaction: nested work joins it. */
  transaction<T>(work: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    throw new StorageError('query', 'a transaction cannot close the database');
  }
}

/**
 * SQLite through better-sqlite3: WAL for concurrent readers, synchronous=FULL so that a write
 * acknowledged to a cart survives a power cut, foreign keys on. One connection, so every
 * statement waits its turn behind any open transaction: a request never lands inside another
 * request's transaction (and never rolls back with it).
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  readonly #connection: Connection;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    const db = new Sqlite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    this.#connection = new Connection(db);
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#enqueue(() => this.#connection.query<T>(sql, params));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return this.#enqueue(() => this.#connection.execute(sql, params));
  }

  transaction<T>(work: (tx: SqlDatabase) => Promise<T>): Promise<T> {
    const { db } = this.#connection;
    return this.#enqueue(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.#connection);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.#enqueue(async () => this.#connection.db.close());
  }
}
