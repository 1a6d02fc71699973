/**
 * A cheap fingerprint of everything unit states can say, for caches that must never serve a stale status. One
 * tiny aggregate query, correct with several processes on one PostgreSQL:
 *
 * - `sum(xmin)`: every insert or update writes a new row version stamped with its transaction's id, which is
 *   larger than the id on the version it replaces, so any committed change moves the sum — whatever its commit
 *   order, the clocks of the processes, or whether the writer remembered `updated_at` (a hand-written UPDATE).
 * - `count(*)`: a deleted unit moves it.
 * - the earliest hold still running: a hold lapses by time alone (readers show it as available at once, see
 *   list-unit-states.ts); when the database clock passes it, this value changes and so does the fingerprint.
 */
import { sql } from 'drizzle-orm';
import { executeRows } from '../db/execute-rows.ts';
import type { Database } from '../db/open-database.ts';

/** Equal strings mean equal unit states, as read at the same moment by list-unit-states.ts. */
export async function readInventoryVersion(db: Database): Promise<string> {
  const [row] = await executeRows<{ n: number; xmins: string | null; next_lapse: string | null }>(db, sql`
    select count(*)::int as n, sum(xmin::text::bigint)::text as xmins,
      (min(hold_expires_at) filter (where status = 'held' and hold_expires_at > now()))::text as next_lapse
    from unit_states`);
  if (!row) throw new Error('inventory version: no row');
  return `${row.n}:${row.xmins ?? 0}:${row.next_lapse ?? '-'}`;
}
