/** How many rows lead intake has stored, for tests that check an inquiry was stored once or not at all. */
import { count, isNull } from 'drizzle-orm';
import type { Database } from '../../src/server/db/open-database.ts';
import { inquiries, leads, notificationOutbox } from '../../src/server/db/schema.ts';

/**
 * Counts the leads, inquiries and notices to the team (notification_outbox rows without a single recipient; the
 * tenant's acknowledgement and the owner's own notice are personal) in `db`.
 */
export async function countLeadRows(db: Database): Promise<{ leads: number; inquiries: number; notices: number }> {
  return {
    leads: (await db.select({ n: count() }).from(leads))[0]!.n,
    inquiries: (await db.select({ n: count() }).from(inquiries))[0]!.n,
    notices: (await db.select({ n: count() }).from(notificationOutbox).where(isNull(notificationOutbox.recipient)))[0]!
      .n,
  };
}
