/**
 * The embedded database on a thread of its own. PGlite runs each statement synchronously on the thread that
 * calls it; in the portal's process that is the thread that also answers every request, so a flood of inquiries
 * used to take the CPU from every reader. Here PGlite runs in a worker thread (node:worker_threads) and this
 * module is its client: the part of PGlite's interface that Drizzle and the portal use (`query`, `exec`,
 * `transaction`, `close`), each statement sent as a message and answered with its rows.
 *
 * One statement or one transaction at a time, in the order they were asked for, as on PGlite's single
 * connection: a transaction holds the database until it commits or rolls back. Errors come back with their
 * fields (`code`, `constraint`, `detail` …, and `errno` for a file-system error), so callers tell a unique
 * violation or a full disk apart exactly as before. If the thread dies, every statement waiting and every later
 * one fails with the reason.
 *
 * The thread runs at a lower CPU priority than the one answering requests (nice DATABASE_THREAD_NICE, Linux
 * only): when the CPU is short — a flood of inquiries — cached readers keep it and the writes wait their turn;
 * when it is not, the thread runs as fast as before.
 */
import { stat } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a statement answers: PGlite's `Results`, as far as Drizzle and the portal read it. */
export interface ThreadResults {
  rows: unknown[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

/** The options of `query` that cross to the thread: Drizzle's row mode and the types it keeps as text. */
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** What a transaction's callback gets: statements inside the transaction. */
export interface ThreadTransaction {
  query(statement: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults>;
  exec(statement: string): Promise<ThreadResults[]>;
}

type Request =
  | { op: 'query'; statement: string; params: unknown[]; rowMode: 'array' | 'object'; textTypes: number[] }
  | { op: 'exec'; statement: string }
  | { op: 'close' };

/**
 * The worker's code (CommonJS, run with `eval`, so the build needs no second entry point): opens PGlite and
 * answers each request in turn. The types Drizzle asks to keep as text are parsed by the identity function.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const { btree_gist } = require(workerData.btreeGist);
// On Linux a thread's nice value is its own, and lowering one's priority needs no privilege. Elsewhere (or if
// /proc is missing) the thread keeps the process's priority.
try {
  const thread = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  if (thread > 0) require('node:os').setPriority(thread, workerData.nice);
} catch {}
const keep = (value) => value;
const plain = (r) => ({ rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: r.affectedRows });
const opened = (async () => {
  // btree_gist: exclusion constraints that mix equality and range overlap (one tour per agent at a time).
  const options = { extensions: { btree_gist } };
  const pg = workerData.directory ? new PGlite(workerData.directory, options) : new PGlite(options);
  await pg.waitReady;
  return pg;
})();
opened.catch(() => {});
parentPort.on('message', async ({ id, request }) => {
  try {
    if (request.op === 'close') {
      // A database that never opened has nothing to close.
      const pg = await opened.catch(() => undefined);
      await pg?.close();
      parentPort.postMessage({ id, result: null });
      return;
    }
    const pg = await opened;
    let result = null;
    if (request.op === 'query') {
      const parsers = Object.fromEntries(request.textTypes.map((type) => [type, keep]));
      result = plain(await pg.query(request.statement, request.params, { rowMode: request.rowMode, parsers }));
    } else if (request.op === 'exec') {
      result = (await pg.exec(request.statement)).map(plain);
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    // The error's own plain fields (code, constraint, detail, errno …): functions and objects do not cross.
    const fields = {};
    if (error && typeof error === 'object')
      for (const [key, value] of Object.entries(error))
        if (value === null || ['string', 'number', 'boolean', 'bigint', 'undefined'].includes(typeof value)) fields[key] = value;
    parentPort.postMessage({
      id,
      error: { ...fields, name: error?.name, message: error?.message ?? String(error), stack: error?.stack },
    });
  }
});
`;

/** The database thread's nice value: below the request thread (0), above idle work (19). */
const DATABASE_THREAD_NICE = 10;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** An error as the thread sent it, with its fields again. */
function rebuildError(sent: Record<string, unknown>): Error {
  const error = new Error(String(sent.message ?? 'database error'));
  Object.assign(error, sent);
  return error;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  /** Why the thread can no longer answer, once it cannot. */
  #failure: Error | undefined;
  /** The end of the last statement or transaction asked for: the next one starts after it. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly waitReady: Promise<void>;

  /** `directory`: where the data lives; undefined for a database in memory. */
  constructor(directory: string | undefined) {
    const resolve = createRequire(import.meta.url).resolve;
    const pglite = resolve('@electric-sql/pglite');
    const btreeGist = resolve('@electric-sql/pglite/contrib/btree_gist');
    // libuv's thread pool (file system, compression, crypto) starts with the first task that needs it, and a
    // thread inherits the priority of the thread that starts it: started from here, before the database thread
    // lowers its own, the pool keeps the request thread's priority.
    stat('.', () => {});
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { directory, pglite, btreeGist, nice: DATABASE_THREAD_NICE },
    });
    this.#worker.on(
      'message',
      ({ id, result, error }: { id: number; result?: unknown; error?: Record<string, unknown> }) => {
        const pending = this.#pending.get(id);
        this.#pending.delete(id);
        if (error) pending?.reject(rebuildError(error));
        else pending?.resolve(result);
      },
    );
    const fail = (reason: Error) => {
      this.#failure ??= reason;
      for (const pending of this.#pending.values()) pending.reject(this.#failure);
      this.#pending.clear();
    };
    this.#worker.on('error', (error) => fail(error));
    this.#worker.on('exit', (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));
    // A trivial statement: resolves once PGlite has opened the directory, or fails with why it could not.
    this.waitReady = this.#send({ op: 'exec', statement: 'select 1' }).then(() => undefined);
  }

  #send(request: Request): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = (this.#nextId += 1);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request });
    });
  }

  #query(statement: string, params: unknown[] = [], options: QueryOptions = {}): Promise<ThreadResults> {
    return this.#send({
      op: 'query',
      statement,
      params,
      rowMode: options.rowMode ?? 'object',
      textTypes: Object.keys(options.parsers ?? {}).map(Number),
    }) as Promise<ThreadResults>;
  }

  #exec(statement: string): Promise<ThreadResults[]> {
    return this.#send({ op: 'exec', statement }) as Promise<ThreadResults[]>;
  }

  /** Runs `work` once everything asked for before it has finished; nothing else runs meanwhile. */
  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.#queue.then(work, work);
    this.#queue = turn.catch(() => {});
    return turn;
  }

  query(statement: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults> {
    return this.#inTurn(() => this.#query(statement, params, options));
  }

  exec(statement: string): Promise<ThreadResults[]> {
    return this.#inTurn(() => this.#exec(statement));
  }

  /** BEGIN, the callback's statements, then COMMIT — or ROLLBACK and the callback's error. */
  transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    return this.#inTurn(async () => {
      await this.#exec('BEGIN');
      try {
        const result = await callback({
          query: (statement, params, options) => this.#query(statement, params, options),
          exec: (statement) => this.#exec(statement),
        });
        await this.#exec('COMMIT');
        return result;
      } catch (error) {
        await this.#exec('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  /** Closes the database (PGlite writes what it holds to the directory), then ends the thread. */
  async close(): Promise<void> {
    try {
      await this.#inTurn(() => this.#send({ op: 'close' }));
    } finally {
      await this.#worker.terminate();
    }
  }
}
