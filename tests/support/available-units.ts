/** Finding units a test may reserve, from what the portal's database says now. */
import type pg from 'pg';

/** The first `count` available units (by id) whose ids start with `prefix` (e.g. `r2-01`, the second floor of R2). */
export async function findAvailableUnits(sql: pg.Client, prefix: string, count = 1): Promise<string[]> {
  const { rows } = await sql.query<{ unit_id: string }>(
    `select unit_id from unit_states where status = 'available' and unit_id like $1 order by unit_id limit $2`,
    [`${prefix}%`, count],
  );
  return rows.map((r) => r.unit_id);
}
