/**
 * The audit log page's data: the newest entries (optionally of one record) and the names of the staff, leads,
 * embeds, deposits and tasks they point at, so the page can describe them in words (describe-audit.ts).
 */
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { auditLog, deposits, embeds, leads, leadTasks } from '../db/schema.ts';
import type { AuditNames } from './describe-audit.ts';

const UUID = /^[0-9a-f-]{36}$/;

/** Up to 300 entries, newest first, with the names they need. */
export async function listAudit(db: Database, filter: { entity?: string | null; id?: string | null }) {
  const where: SQL[] = [];
  if (filter.entity && /^[a-z_]{1,30}$/.test(filter.entity)) where.push(eq(auditLog.entity, filter.entity));
  if (filter.id && filter.id.length <= 64) where.push(eq(auditLog.entityId, filter.id));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.createdAt))
    .limit(300);
  const ids = (entity: string) => [
    ...new Set(rows.filter((r) => r.entity === entity && UUID.test(r.entityId)).map((r) => r.entityId)),
  ];
  const depositRows = ids('deposit').length
    ? await db
        .select({ id: deposits.id, leadId: deposits.leadId, amountFen: deposits.amountFen })
        .from(deposits)
        .where(inArray(deposits.id, ids('deposit')))
    : [];
  const taskRows = ids('lead_task').length
    ? await db
        .select({ id: leadTasks.id, title: leadTasks.title, leadId: leadTasks.leadId })
        .from(leadTasks)
        .where(inArray(leadTasks.id, ids('lead_task')))
    : [];
  const leadIds = [
    ...new Set([
      ...ids('lead'),
      ...depositRows.map((d) => d.leadId),
      ...taskRows.map((t) => t.leadId),
      ...rows.map((r) => r.after?.leadId).filter((x): x is string => typeof x === 'string' && UUID.test(x)),
    ]),
  ];
  const leadRows = leadIds.length
    ? await db
        .select({ id: leads.id, companyName: leads.companyName, reference: leads.reference })
        .from(leads)
        .where(inArray(leads.id, leadIds))
    : [];
  const embedRows = await db.select({ id: embeds.id, name: embeds.name }).from(embeds);
  const staff = await db.select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email }).from(staffUsers);
  const names: AuditNames = {
    staffById: new Map(staff.map((s) => [s.id, s.name])),
    staffByEmail: new Map(staff.map((s) => [s.email, s.name])),
    leads: new Map(leadRows.map((l) => [l.id, l])),
    embeds: new Map(embedRows.map((e) => [e.id, e.name])),
    deposits: new Map(depositRows.map((d) => [d.id, d])),
    tasks: new Map(taskRows.map((t) => [t.id, t])),
  };
  return { rows, names };
}
