/**
 * Counts committed changes to chosen tables, so that caches can tell "nothing changed" in memory instead of
 * asking the database on every request.
 *
 * On PGlite the count is exact: one process owns the directory (pglite-lock.ts) and every statement goes through
 * the one client watched here (countWrites), so a count that has not moved means the table has not changed.
 *
 * On PostgreSQL other processes (and psql) write too. This process's own statements are counted the same way, by
 * the pool's clients (countingClient), and everyone else's arrive as notifications from the tables' triggers
 * (listen-for-changes.ts calls noteChanged). The counts are trusted only while that LISTEN connection is known to
 * work (isComplete); otherwise whoever needs freshness asks the database, as without a counter.
 *
 * A statement counts once it has finished (for a transaction: once it has committed), never before: a reader
 * who sees the old count may then read old or new rows, and either way the next reader sees the new count.
 * Counting earlier would let a reader file rows read before the commit under the new count. Any statement that
 * is not a plain SELECT and names the table counts, which over-counts (a rolled-back UPDATE, a WITH that only
 * reads) but never misses one.
 */
import pg from 'pg';

export class WriteCounter {
  readonly #counts = new Map<string, number>();
  readonly tables: readonly string[];
  #isComplete: boolean;

  /** `isComplete`: whether every change is seen from the start (PGlite) or only once a listener says so. */
  constructor(tables: readonly string[], isComplete = true) {
    this.tables = tables;
    this.#isComplete = isComplete;
  }

  /** How many finished statements have written `table` so far. */
  count(table: string): number {
    return this.#counts.get(table) ?? 0;
  }

  /** The counts of all tables as one number, which moves whenever any of them does. */
  total(): number {
    let sum = 0;
    for (const table of this.tables) sum += this.count(table);
    return sum;
  }

  /** Counts a statement that has finished (autocommit) or whose transaction has ended. */
  noteFinished(statement: string): void {
    if (/^\s*select\b/i.test(statement)) return;
    for (const table of this.tables) if (statement.includes(table)) this.noteChanged(table);
  }

  /** Counts a change made elsewhere (a notification), or every table at once for `*`. */
  noteChanged(table: string): void {
    for (const name of table === '*' ? this.tables : [table])
      if (this.tables.includes(name)) this.#counts.set(name, this.count(name) + 1);
  }

  /** Whether the counts see every change now; when they stop or start doing so, every count moves. */
  isComplete(): boolean {
    return this.#isComplete;
  }

  setComplete(isComplete: boolean): void {
    this.#isComplete = isComplete;
    // What happened while nobody listened is unknown: whoever remembered a count asks the database again.
    this.noteChanged('*');
  }
}

const counters = new WeakMap<object, WriteCounter>();

/** The write counter of a database, if it has one (files it under `db` for writeCounterOf). */
export function writeCounterOf(db: object): WriteCounter | undefined {
  return counters.get(db);
}

export function fileWriteCounter(db: object, counter: WriteCounter): void {
  counters.set(db, counter);
}

/** A statement-running client as Drizzle's PGlite driver uses it (the database thread, pglite-thread.ts). */
interface CountableTransaction {
  query(statement: string, ...rest: never[]): Promise<unknown>;
  exec(statement: string): Promise<unknown>;
}
interface CountableClient extends CountableTransaction {
  transaction<T>(callback: (tx: CountableTransaction) => Promise<T>): Promise<T>;
}

/**
 * Watches every statement `client` runs from now on and files the counter under `db` (the Drizzle database
 * over that client), where writeCounterOf finds it.
 */
export function countWrites(client: CountableClient, db: object, tables: readonly string[]): WriteCounter {
  const counter = new WriteCounter(tables);
  const afterwards = <T>(statements: string[], run: () => Promise<T>): Promise<T> =>
    run().finally(() => {
      for (const statement of statements) counter.noteFinished(statement);
    });

  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((statement: string, ...rest: never[]) =>
    afterwards([statement], () => query(statement, ...rest))) as CountableClient['query'];
  client.exec = (statement: string) => afterwards([statement], () => exec(statement));
  client.transaction = <T>(callback: (tx: CountableTransaction) => Promise<T>) => {
    // Statements inside count when the transaction has ended, not when they return.
    const inside: string[] = [];
    return afterwards(inside, () =>
      transaction((tx) =>
        callback({
          query: (statement, ...rest) => (inside.push(statement), tx.query(statement, ...rest)),
          exec: (statement) => (inside.push(statement), tx.exec(statement)),
        }),
      ),
    );
  };
  fileWriteCounter(db, counter);
  return counter;
}

/**
 * A pg client class for the pool that counts the statements it runs into `counter`: autocommit statements when
 * they finish, those between BEGIN and COMMIT when the COMMIT does (as drizzle runs a transaction on one client).
 */
export function countingClient(counter: WriteCounter): typeof pg.Client {
  return class CountingClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      countQueries(this, counter);
    }
  };
}

function countQueries(client: pg.Client, counter: WriteCounter): void {
  /** Statements of the open transaction, or null outside one. */
  let inside: string[] | null = null;
  /** What to do once `text` has finished, or undefined for nothing. */
  const track = (text: string): (() => void) | undefined => {
    if (/^\s*(begin|start\s+transaction)\b/i.test(text)) {
      inside = [];
      return undefined;
    }
    if (/^\s*(commit|end)\b/i.test(text)) {
      const committed = inside ?? [];
      inside = null;
      return () => committed.forEach((statement) => counter.noteFinished(statement));
    }
    if (/^\s*rollback\s*;?\s*$/i.test(text)) {
      inside = null;
      return undefined;
    }
    if (inside) {
      inside.push(text);
      return undefined;
    }
    return () => counter.noteFinished(text);
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // One signature for pg's overloads, which all pass through unchanged.
  client.query = ((...args: unknown[]) => {
    const [first] = args;
    const config = first as { text?: unknown; submit?: unknown } | undefined;
    const text =
      typeof first === 'string'
        ? first
        : typeof config?.text === 'string' && typeof config.submit !== 'function'
          ? config.text
          : undefined;
    const done = text === undefined ? undefined : track(text);
    if (!done) return query(...args);
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      return query(...args.slice(0, -1), (...result: unknown[]) => {
        done();
        (callback as (...r: unknown[]) => void)(...result);
      });
    }
    const result = query(...args) as Promise<unknown> | undefined;
    if (typeof result?.finally !== 'function') {
      done();
      return result;
    }
    return result.finally(done);
  }) as pg.Client['query'];
}
