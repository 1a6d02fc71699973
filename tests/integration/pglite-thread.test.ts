/**
 * The embedded database on its own thread (src/server/db/pglite-thread.ts): the same answers as PGlite in the
 * calling thread, one statement or transaction at a time, errors with their fields, and a clear failure once the
 * thread has stopped — never a statement that waits forever.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/open-database.ts';
import { executeRows } from '../../src/server/db/execute-rows.ts';
import { rateLimits } from '../../src/server/db/schema.ts';
import { PgliteThread } from '../../src/server/db/pglite-thread.ts';

let handle: DatabaseHandle;
const dir = mkdtempSync(join(tmpdir(), 'pglite-thread-'));
beforeAll(async () => {
  handle = await openDatabase({ pgliteDir: dir });
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The nice value of each thread of this process by its name (Linux /proc; field 19 of a task's stat). */
function threadNiceValues(): Array<{ name: string; nice: number }> {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { name, nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
  });
}

describe('the embedded database on its own thread', () => {
  it.runIf(process.platform === 'linux')(
    'runs below the request thread in the CPU queue, and leaves the thread pool at the process priority',
    async () => {
      await handle.db.execute(sql`select 1`);
      const threads = threadNiceValues();
      const main = threads[0]!;
      expect(threads.some(({ name, nice }) => name === 'WorkerThread' && nice === main.nice + 10)).toBe(true);
      const pool = threads.filter(({ name }) => name.startsWith('libuv-worker'));
      expect(pool.length).toBeGreaterThan(0);
      expect(pool.every(({ nice }) => nice === main.nice)).toBe(true);
    },
  );

  it('answers rows with the types Drizzle expects (timestamps as Dates, numbers, arrays, null)', async () => {
    const at = new Date('2026-12-01T08:30:00.123Z');
    await handle.db.insert(rateLimits).values({ key: 'thread:types', windowStart: at, count: 7 });
    const [row] = await handle.db.select().from(rateLimits).where(eq(rateLimits.key, 'thread:types'));
    expect(row).toEqual({ key: 'thread:types', windowStart: at, count: 7 });
    const [raw] = await executeRows<{ n: number; list: string[]; nothing: null }>(
      handle.db,
      sql`select 2::int as n, array['a', 'b'] as list, null as nothing`,
    );
    expect(raw).toEqual({ n: 2, list: ['a', 'b'], nothing: null });
  });

  it('rolls a failed transaction back and passes the error on with its code and constraint', async () => {
    const attempt = handle.db.transaction(async (tx) => {
      await tx.insert(rateLimits).values({ key: 'thread:rollback', windowStart: new Date(), count: 1 });
      await tx.insert(rateLimits).values({ key: 'thread:types', windowStart: new Date(), count: 1 });
    });
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e as { cause?: { code?: string; constraint?: string } },
    );
    expect(error?.cause).toMatchObject({ code: '23505', constraint: 'rate_limits_pkey' });
    expect(await handle.db.select().from(rateLimits).where(eq(rateLimits.key, 'thread:rollback'))).toEqual([]);
  });

  it('runs a statement asked for during a transaction only after it has committed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = handle.db.transaction(async (tx) => {
      await tx.insert(rateLimits).values({ key: 'thread:order', windowStart: new Date(), count: 1 });
      await held;
      await tx.update(rateLimits).set({ count: 2 }).where(eq(rateLimits.key, 'thread:order'));
    });
    // Asked while the transaction is open: it must see the committed row, not the row half done, nor none.
    const read = handle.db
      .select({ count: rateLimits.count })
      .from(rateLimits)
      .where(eq(rateLimits.key, 'thread:order'));
    release();
    await transaction;
    expect(await read).toEqual([{ count: 2 }]);
  });

  // Opening a new database in memory runs initdb: slow on a busy machine.
  it('fails every statement once the thread has stopped, with the reason', { timeout: 120_000 }, async () => {
    const thread = new PgliteThread(undefined);
    await thread.waitReady;
    expect((await thread.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await thread.close();
    await expect(thread.query('select 1')).rejects.toThrow(/database thread stopped/);
  });

  it('says why it cannot open a directory, instead of waiting', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    const thread = new PgliteThread(join(file, 'data'));
    await expect(thread.waitReady).rejects.toThrow();
    await thread.close();
  });
});
