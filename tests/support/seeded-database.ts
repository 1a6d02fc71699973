/**
 * A test database (test-database.ts) holding the sample park's unit states, as the portal seeds them at start,
 * and the agent account the console tests act as.
 */
import { sql } from 'drizzle-orm';
import type { Catalog } from '../../src/server/catalog/catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { seedUnitStates } from '../../src/server/inventory/seed-unit-states.ts';
import { openTestDatabase } from './test-database.ts';

/** The staff member console actions are done by in integration tests (a row in staff_users once `withAgent`). */
export const AGENT_ACTOR = { id: 'staff-1', email: 'agent@park.example', role: 'agent' };

/** Opens a test database and seeds the unit states of `catalog`; `withAgent` also adds AGENT_ACTOR as a staff user. */
export async function openSeededDatabase(
  catalog: Catalog,
  options: { withAgent?: boolean } = {},
): Promise<DatabaseHandle> {
  const handle = await openTestDatabase();
  await seedUnitStates(handle.db, catalog);
  if (options.withAgent)
    await handle.db.execute(
      sql`insert into staff_users (id, name, email, role) values (${AGENT_ACTOR.id}, '经理', ${AGENT_ACTOR.email}, ${AGENT_ACTOR.role})`,
    );
  return handle;
}
