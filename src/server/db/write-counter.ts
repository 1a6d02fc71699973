/**
 * Counts committed writes to chosen tables of an embedded (PGlite) database, so that caches can tell "nothing
 * changed" in memory instead of asking the database on every request.
 *
 * This is exact for PGlite and only for it: one process owns the directory (pglite-lock.ts) and every statement
 * goes through the one client watched here, so a count that has not moved means the table has not changed.
 * PostgreSQL has other writers (other processes, psql); code that needs freshness there asks the database.
 *
 * A statement counts once it has finished (for a transaction: once it has committed), never before: a reader
 * who sees the old count may then read old or new rows, and either way the next reader sees the new count.
 * Counting earlier would let a reader file rows read before the commit under the new count. Any statement that
 * is not a plain SELECT and names the table counts, which over-counts (a rolled-back UPDATE, a WITH that only
 * reads) but never misses one.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';

export class WriteCounter {
  readonly #counts = new Map<string, number>();
  readonly tables: readonly string[];

  constructor(tables: readonly string[]) {
    this.tables = tables;
  }

  /** How many finished statements have written `table` so far. */
  count(table: string): number {
    return this.#counts.get(table) ?? 0;
  }

  /** Counts a statement that has finished (autocommit) or whose transaction has ended. */
  noteFinished(statement: string): void {
    if (/^\s*select\b/i.test(statement)) return;
    for (const table of this.tables) if (statement.includes(table)) this.#counts.set(table, this.count(table) + 1);
  }
}

const counters = new WeakMap<object, WriteCounter>();

/** The write counter of a database opened on PGlite; undefined for PostgreSQL. */
export function writeCounterOf(db: object): WriteCounter | undefined {
  return counters.get(db);
}

type Statement = string | TemplateStringsArray;
const textOf = (statement: Statement): string => (typeof statement === 'string' ? statement : statement.join('$'));

/**
 * Watches every statement `client` runs from now on and files the counter under `db` (the Drizzle database
 * over that client), where writeCounterOf finds it.
 */
export function countWrites(client: PGlite, db: object, tables: readonly string[]): WriteCounter {
  const counter = new WriteCounter(tables);
  const afterwards = <T>(statements: string[], run: () => Promise<T>): Promise<T> =>
    run().finally(() => {
      for (const statement of statements) counter.noteFinished(statement);
    });

  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const sql = client.sql.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((statement: string, ...rest: unknown[]) =>
    afterwards([statement], () => query(statement, ...(rest as [])))) as PGlite['query'];
  client.exec = ((statement: string, ...rest: unknown[]) =>
    afterwards([statement], () => exec(statement, ...(rest as [])))) as PGlite['exec'];
  client.sql = ((strings: TemplateStringsArray, ...params: unknown[]) =>
    afterwards([textOf(strings)], () => sql(strings, ...params))) as PGlite['sql'];
  client.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) => {
    // Statements inside count when the transaction has ended, not when they return.
    const inside: string[] = [];
    return afterwards(inside, () =>
      transaction((tx) => {
        const watched = new Proxy(tx, {
          get(target, property) {
            const value = Reflect.get(target, property, target) as unknown;
            if (typeof value !== 'function') return value;
            if (property === 'query' || property === 'exec' || property === 'sql') {
              return (statement: Statement, ...rest: unknown[]) => {
                inside.push(textOf(statement));
                return (value as (...args: unknown[]) => unknown).call(target, statement, ...rest);
              };
            }
            return (value as (...args: unknown[]) => unknown).bind(target);
          },
        });
        return callback(watched);
      }),
    );
  }) as PGlite['transaction'];
  counters.set(db, counter);
  return counter;
}
