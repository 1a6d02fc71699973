/**
 * Whether the database can write to its disk right now, for /healthz. A `select 1` answers from memory even
 * when the disk is full and every submission fails, so the check makes the database write a file: a sort
 * larger than `work_mem` (set to its minimum for this one transaction) spills to a temporary file in the data
 * directory (`base/pgsql_tmp`), on PGlite and PostgreSQL alike. That write fails with "No space left on device"
 * as soon as the disk is full. Nothing is stored and no table or catalog row is touched, so checking every
 * few seconds leaves no garbage behind (PGlite has no autovacuum). A read-only database (a standby, a
 * read-only transaction default) is reported too.
 */
import { sql } from 'drizzle-orm';
import { faultSummary } from '../explain-fault.ts';
import { executeRows } from './execute-rows.ts';
import type { Database } from './open-database.ts';

/** `reason` is safe to show anyone (a code and what to do); `error` is for the log (kind only, see log.ts). */
export type WriteCheck = { ok: true } | { ok: false; reason: string; error?: unknown };

const inFlight = new WeakMap<Database, Promise<WriteCheck>>();

/**
 * Makes the database write a small temporary file (about 200 KB) and reports whether that worked. Callers that
 * arrive while a check runs share its answer, so a burst of /healthz requests costs one write.
 */
export function checkDatabaseWrites(db: Database): Promise<WriteCheck> {
  const running = inFlight.get(db);
  if (running) return running;
  const check = probeWrites(db).finally(() => inFlight.delete(db));
  inFlight.set(db, check);
  return check;
}

async function probeWrites(db: Database): Promise<WriteCheck> {
  try {
    const readOnly = await db.transaction(async (tx) => {
      const [row] = await executeRows<{ read_only: string }>(
        tx,
        sql`select current_setting('transaction_read_only') as read_only`,
      );
      await tx.execute(sql`set local work_mem = '64kB'`);
      await tx.execute(
        sql`select count(*) from (select g from generate_series(1, 10000) as g order by g desc offset 0) as spilled`,
      );
      return row?.read_only === 'on';
    });
    return readOnly ? { ok: false, reason: 'The database is read-only.' } : { ok: true };
  } catch (error) {
    // Drizzle wraps the database's error ("Failed query: …"); its cause says what the disk said.
    return { ok: false, reason: faultSummary(error), error };
  }
}
