/** A value that can be bound to a SQL parameter on both SQLite and PostgreSQL. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export type SqlRow = Record<string, unknown>;

/**
 * The store's storage port. SQL is written once, in the subset SQLite and PostgreSQL share,
 * with PostgreSQL's `$1, $2` placeholders; each binding translates what it must. It is async
 * because PostgreSQL is, even though SQLite answers at once.
 */
export interface SqlDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  execute(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs `work` in one transaction: all of it is committed, or none of it. */
  transaction<T>(work: (tx: SqlDatabase) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database failure the caller can act on (a constraint, a lost connection), with the SQL that caused it. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: 'constraint' | 'unavailable' | 'migration' | 'query',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
