/**
 * A cheap fingerprint of everything unit states (and the embeds behind the widgets) can say, for caches that
 * must never serve a stale status. One tiny aggregate query, correct with several processes on one PostgreSQL:
 *
 * - `sum(xmin)`: every insert or update writes a new row version stamped with its transaction's id, which is
 *   larger than the id on the version it replaces, so any committed change moves the sum — whatever its commit
 *   order, the clocks of the processes, or whether the writer remembered `updated_at` (a hand-written UPDATE).
 * - `count(*)`: a deleted unit (or embed) moves it.
 * - the earliest hold still running: a hold lapses by time alone (readers show it as available at once, see
 *   list-unit-states.ts); when the database clock passes it, this value changes and so does the fingerprint.
 *
 * The query is asked only when it could answer differently: after a change to unit_states or embeds counted by
 * db/write-counter.ts, or once the earliest hold has lapsed. On PGlite the count is exact because this process is
 * the only writer; on PostgreSQL it counts this process's writes and the others' notifications
 * (db/listen-for-changes.ts), and while that listener is not known to work every read asks the database.
 * Otherwise the last answer stands, without touching the database.
 */
import { sql } from 'drizzle-orm';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';
import { writeCounterOf } from '../db/write-counter.ts';

interface Remembered {
  writes: number;
  version: string;
  /** When the earliest running hold lapses by this process's clock (ms since the epoch), or Infinity. */
  nextLapseMs: number;
}

const remembered = new WeakMap<Database, Remembered>();

async function queryVersion(db: Database): Promise<Omit<Remembered, 'writes'>> {
  const asked = Date.now();
  // A plain SELECT (not WITH), which the write counter knows for a read. The lapse comes back as a wait from the
  // database's now(), so another machine's clock does not move it.
  const [row] = await executeRows<{
    n: number;
    xmins: string | null;
    next_lapse: string | null;
    lapse_in_ms: number | null;
    widgets: string;
  }>(
    db,
    sql`
    select n, xmins, next_lapse::text as next_lapse, (extract(epoch from next_lapse - now()) * 1000)::float8 as lapse_in_ms,
      widgets
    from (select count(*)::int as n, sum(xmin::text::bigint)::text as xmins,
      min(hold_expires_at) filter (where status = 'held' and hold_expires_at > now()) as next_lapse from unit_states) as running,
      (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) as widgets from embeds) as embeds_now`,
  );
  if (!row) throw new Error('inventory version: no row');
  return {
    version: `${row.n}:${row.xmins ?? 0}:${row.next_lapse ?? '-'}:${row.widgets}`,
    nextLapseMs: row.lapse_in_ms === null ? Number.POSITIVE_INFINITY : asked + row.lapse_in_ms,
  };
}

/** Equal strings mean equal unit states (and embeds), as read at the same moment by list-unit-states.ts. */
export async function readInventoryVersion(db: Database): Promise<string> {
  const counter = writeCounterOf(db);
  if (!counter?.isComplete()) return (await queryVersion(db)).version;
  // Counted before asking: a write landing during the query leaves the answer filed under the older count.
  const writes = counter.total();
  const last = remembered.get(db);
  if (last && last.writes === writes && Date.now() < last.nextLapseMs) return last.version;
  const answer = { writes, ...(await queryVersion(db)) };
  remembered.set(db, answer);
  return answer.version;
}
