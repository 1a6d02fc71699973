/**
 * Everything about one lead for its console page: contact and company, inquiries, attribution, deposits,
 * tasks, the lead it may duplicate, and one timeline merging inquiries, stage changes, notes, payments, refunds and notices.
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import { deposits, inquiries, leadEvents, leads, leadTasks, notificationOutbox } from '../db/schema.ts';

interface TimelineEntry {
  id?: string;
  at: Date;
  kind: string;
  actor: string;
  data: Record<string, unknown>;
}

export async function getLeadDetail(db: Database, leadId: string) {
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return undefined;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
  if (!lead) return undefined;
  const [leadInquiries, leadDeposits, events, tasks, notices, staff] = await Promise.all([
    db.select().from(inquiries).where(eq(inquiries.leadId, leadId)).orderBy(desc(inquiries.createdAt)),
    db.select().from(deposits).where(eq(deposits.leadId, leadId)).orderBy(desc(deposits.createdAt)),
    db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId)),
    db.select().from(leadTasks).where(eq(leadTasks.leadId, leadId)).orderBy(asc(leadTasks.dueOn)),
    db.select().from(notificationOutbox).where(eq(notificationOutbox.leadId, leadId)),
    db
      .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role })
      .from(staffUsers),
  ]);
  const timeline: TimelineEntry[] = [
    ...leadInquiries.map((i) => ({
      at: i.createdAt,
      kind: 'inquiry',
      actor: 'tenant',
      data: { unitIds: i.unitIds, message: i.message, pagePath: i.pagePath },
    })),
    ...events.map((e) => ({ id: e.id, at: e.createdAt, kind: e.kind, actor: e.actor, data: e.data })),
    ...notices.map((n) => ({
      at: n.sentAt ?? n.createdAt,
      kind: 'notice',
      actor: 'system',
      data: { event: n.event, channel: n.channel, status: n.status, error: n.lastError },
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  // The lead this one may duplicate (set at intake, see submit-lead.ts); gone when it was merged or erased meanwhile.
  const [duplicateOf] = lead.possibleDuplicateOf
    ? await db
        .select({ id: leads.id, reference: leads.reference })
        .from(leads)
        .where(eq(leads.id, lead.possibleDuplicateOf))
    : [];
  // Who may own the lead or take its tasks: leasing staff (marketing cannot open lead pages).
  const assignable = staff.filter((s) => (LEASING_ROLES as readonly string[]).includes(s.role ?? ''));
  return {
    lead,
    duplicateOf,
    inquiries: leadInquiries,
    deposits: leadDeposits,
    tasks,
    timeline,
    staff,
    assignable,
    owner: staff.find((s) => s.id === lead.ownerId),
  };
}
