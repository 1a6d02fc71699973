/**
 * Runs raw SQL and returns its rows. PGlite and node-postgres both answer `{ rows }`; the shared Database type
 * cannot say so, hence this one typed place.
 */
import type { SQL } from 'drizzle-orm';
import type { Database } from './open-database.ts';

export async function executeRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
