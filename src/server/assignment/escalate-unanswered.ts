/**
 * Holds the team to the response promise: a lead still in the pipeline that nobody has answered by its due time
 * is escalated — the team's channels (WeCom, the leads mailbox) and the team lead by e-mail hear of it, and the
 * owner is reminded — and escalated again when another target's worth of business time has passed. Each step is
 * claimed with a conditional update, so several processes running the sweep tell people once.
 */
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { OPEN_STAGES } from '../../lib/pipeline.ts';
import { addBusinessMinutes } from '../../lib/business-time.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { leads } from '../db/schema.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { readLeasingSettings } from './leasing-settings.ts';

/** Escalations at most: the team lead hears twice, then the board and the overview keep showing the lead. */
const MAX_ESCALATIONS = 2;

/** The team lead's e-mail: the one set in the leasing settings, else the first administrator. */
async function teamLeadEmail(db: Database, teamLeadId: string | null): Promise<string | undefined> {
  const admins = await db
    .select({ id: staffUsers.id, email: staffUsers.email, banned: staffUsers.banned })
    .from(staffUsers)
    .where(teamLeadId ? eq(staffUsers.id, teamLeadId) : eq(staffUsers.role, 'admin'))
    .orderBy(staffUsers.createdAt);
  return admins.find((a) => !a.banned)?.email;
}

/** Escalates what is due now; returns how many leads were escalated. */
export async function escalateUnanswered(
  deps: { db: Database; channels: readonly string[] },
  now: Date = new Date(),
): Promise<number> {
  const { db } = deps;
  const waiting = await db
    .select({ id: leads.id, dueAt: leads.responseDueAt, escalations: leads.escalations, ownerId: leads.ownerId })
    .from(leads)
    .where(
      and(
        isNull(leads.firstResponseAt),
        lte(leads.responseDueAt, now),
        sql`${leads.escalations} < ${MAX_ESCALATIONS}`,
        inArray(leads.stage, [...OPEN_STAGES]),
      ),
    )
    .limit(200);
  if (waiting.length === 0) return 0;
  const settings = await readLeasingSettings(db);
  // The second escalation comes one more target's worth of business time after the first was due.
  const due = waiting.filter(
    (lead) =>
      lead.escalations === 0 ||
      addBusinessMinutes(lead.dueAt!, settings.responseTargetMinutes * lead.escalations, settings.hours) <= now,
  );
  if (due.length === 0) return 0;
  const lead = await teamLeadEmail(db, settings.teamLeadId);
  const owners = new Map(
    (await db.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers)).map((s) => [s.id, s.email]),
  );
  let escalated = 0;
  for (const item of due) {
    const level = item.escalations + 1;
    const done = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(leads)
        .set({ escalations: level })
        .where(and(eq(leads.id, item.id), eq(leads.escalations, item.escalations), isNull(leads.firstResponseAt)))
        .returning({ id: leads.id });
      if (!claimed) return false;
      await recordLeadEvent(tx, { leadId: item.id, kind: 'escalated', data: { level }, at: now });
      const subject = { event: 'lead.escalated', leadId: item.id };
      const ownerEmail = item.ownerId ? owners.get(item.ownerId) : undefined;
      const people = [...new Set([lead, ownerEmail].filter((e): e is string => Boolean(e)))];
      await enqueueNoticeBatch(tx, [
        { channels: deps.channels, subject, now },
        ...people.map((address) => ({ channels: deps.channels, subject, now, to: { address, lang: 'zh' as const } })),
      ]);
      return true;
    });
    if (done) escalated += 1;
  }
  return escalated;
}
