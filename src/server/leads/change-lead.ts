/**
 * Staff changes to a lead, each validated, with a timeline entry and an audit entry in one transaction:
 * assign an owner, add a note, add a task, complete a task. (Tours: tours/book-tour.ts.)
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Database } from '../db/open-database.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import { leads, leadTasks } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { recordLeadEvent } from './record-lead-event.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';

export type LeadChangeResult = { ok: true } | { ok: false; code: 'not_found' | 'invalid'; field?: string };

const uuid = /^[0-9a-f-]{36}$/;

async function leadExists(db: Database, leadId: string): Promise<boolean> {
  if (!uuid.test(leadId)) return false;
  const [row] = await db.select({ id: leads.id }).from(leads).where(eq(leads.id, leadId));
  return Boolean(row);
}

/**
 * Gives a lead to another member of leasing staff (or to nobody): audited, and both the new and the previous
 * owner are told by e-mail through the outbox (`channels`: the configured notification channels).
 */
export async function assignOwner(
  db: Database,
  actor: Actor,
  leadId: string,
  ownerId: string,
  channels: readonly string[] = [],
): Promise<LeadChangeResult> {
  if (!(await leadExists(db, leadId))) return { ok: false, code: 'not_found' };
  const owner = ownerId
    ? (
        await db
          .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email })
          .from(staffUsers)
          .where(and(eq(staffUsers.id, ownerId.slice(0, 64)), inArray(staffUsers.role, [...LEASING_ROLES])))
      )[0]
    : undefined;
  if (ownerId && !owner) return { ok: false, code: 'invalid', field: 'ownerId' };
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, leadId)).for('update');
    if ((before?.ownerId ?? null) === (owner?.id ?? null)) return;
    const [previous] = before?.ownerId
      ? await tx.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, before.ownerId))
      : [];
    const now = new Date();
    await enqueueNoticeBatch(tx, [
      ...(owner
        ? [
            {
              channels,
              subject: { event: 'lead.assigned', leadId },
              now,
              to: { address: owner.email, lang: 'zh' as const },
            },
          ]
        : []),
      ...(previous
        ? [
            {
              channels,
              subject: { event: 'lead.unassigned', leadId },
              now,
              to: { address: previous.email, lang: 'zh' as const },
            },
          ]
        : []),
    ]);
    await tx
      .update(leads)
      .set({ ownerId: owner?.id ?? null, updatedAt: new Date() })
      .where(eq(leads.id, leadId));
    await recordLeadEvent(tx, {
      leadId,
      kind: 'owner_changed',
      data: { owner: owner?.name ?? null },
      actor: actor.email,
    });
    await recordAudit(
      tx,
      actor,
      'lead.owner',
      'lead',
      leadId,
      { ownerId: before?.ownerId ?? null },
      { ownerId: owner?.id ?? null },
    );
  });
  return { ok: true };
}

const noteInput = z.object({ text: z.string().trim().min(1).max(2000) });

export async function addNote(db: Database, actor: Actor, leadId: string, raw: unknown): Promise<LeadChangeResult> {
  const parsed = noteInput.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid', field: 'text' };
  if (!(await leadExists(db, leadId))) return { ok: false, code: 'not_found' };
  await db.transaction(async (tx) => {
    await recordLeadEvent(tx, { leadId, kind: 'note', data: { text: parsed.data.text }, actor: actor.email });
    await recordAudit(tx, actor, 'lead.note', 'lead', leadId, null, { length: parsed.data.text.length });
  });
  return { ok: true };
}

const taskInput = z.object({
  title: z.string().trim().min(1).max(200),
  dueOn: z.iso.date(),
  assigneeId: z.string().max(64).optional(),
});

export async function addTask(db: Database, actor: Actor, leadId: string, raw: unknown): Promise<LeadChangeResult> {
  const parsed = taskInput.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'title') };
  if (!(await leadExists(db, leadId))) return { ok: false, code: 'not_found' };
  const assigneeId = parsed.data.assigneeId || actor.id;
  // Only leasing staff work leads: marketing could not open the lead a task is about, and must not see its title.
  const [assignee] = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.id, assigneeId), inArray(staffUsers.role, [...LEASING_ROLES])));
  if (!assignee) return { ok: false, code: 'invalid', field: 'assigneeId' };
  await db.transaction(async (tx) => {
    const [task] = await tx
      .insert(leadTasks)
      .values({ leadId, title: parsed.data.title, dueOn: parsed.data.dueOn, assigneeId, createdBy: actor.id })
      .returning({ id: leadTasks.id });
    await recordLeadEvent(tx, {
      leadId,
      kind: 'task_added',
      data: { title: parsed.data.title, dueOn: parsed.data.dueOn },
      actor: actor.email,
    });
    await recordAudit(tx, actor, 'lead.task.add', 'lead_task', task!.id, null, { leadId, ...parsed.data, assigneeId });
  });
  return { ok: true };
}

export async function completeTask(
  db: Database,
  actor: Actor,
  leadId: string,
  taskId: string,
): Promise<LeadChangeResult> {
  if (!uuid.test(taskId) || !uuid.test(leadId)) return { ok: false, code: 'not_found' };
  const done = await db.transaction(async (tx) => {
    const [task] = await tx
      .update(leadTasks)
      .set({ doneAt: new Date() })
      .where(and(eq(leadTasks.id, taskId), eq(leadTasks.leadId, leadId)))
      .returning({ title: leadTasks.title });
    if (!task) return false;
    await recordLeadEvent(tx, { leadId, kind: 'task_done', data: { title: task.title }, actor: actor.email });
    await recordAudit(tx, actor, 'lead.task.done', 'lead_task', taskId, { done: false }, { done: true });
    return true;
  });
  return done ? { ok: true } : { ok: false, code: 'not_found' };
}
