/**
 * Merges a duplicate lead into another: inquiries, deposits, tasks, timeline and notices move over, missing
 * contact details are filled in, and the duplicate is removed. One transaction, audited.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { deposits, inquiries, leadEvents, leads, leadTasks, notificationOutbox, unitLeases } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';

export async function mergeLeads(db: Database, actor: Actor, keepId: string, duplicateReference: string): Promise<{ ok: true } | { ok: false; code: 'not_found' | 'same' }> {
  const reference = duplicateReference.trim().toUpperCase();
  if (!/^AIC-[0-9A-Z]{6}$/.test(reference)) return { ok: false, code: 'not_found' };
  return db.transaction(async (tx) => {
    const [keep] = await tx.select().from(leads).where(eq(leads.id, keepId)).for('update');
    const [duplicate] = await tx.select().from(leads).where(eq(leads.reference, reference)).for('update');
    if (!keep || !duplicate) return { ok: false as const, code: 'not_found' as const };
    if (keep.id === duplicate.id) return { ok: false as const, code: 'same' as const };
    for (const table of [inquiries, deposits, leadEvents, leadTasks, notificationOutbox, unitLeases]) {
      await tx.update(table).set({ leadId: keep.id } as never).where(eq(table.leadId, duplicate.id));
    }
    await tx
      .update(leads)
      .set({
        mobile: keep.mobile ?? duplicate.mobile,
        email: keep.email ?? duplicate.email,
        creditCode: keep.creditCode ?? duplicate.creditCode,
        firstTouch: keep.createdAt <= duplicate.createdAt ? keep.firstTouch : duplicate.firstTouch,
        lastInquiryAt: sql`greatest(${leads.lastInquiryAt}, ${duplicate.lastInquiryAt})`,
        updatedAt: new Date(),
      })
      .where(eq(leads.id, keep.id));
    await tx.delete(leads).where(eq(leads.id, duplicate.id));
    await tx.insert(leadEvents).values({ leadId: keep.id, kind: 'merged', data: { from: duplicate.reference, company: duplicate.companyName }, actor: actor.email });
    await recordAudit(tx, actor, 'lead.merge', 'lead', keep.id, { duplicate: { id: duplicate.id, reference: duplicate.reference, companyName: duplicate.companyName, stage: duplicate.stage } }, { kept: keep.reference });
    return { ok: true as const };
  });
}
