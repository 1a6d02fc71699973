/**
 * When a member of leasing staff leaves (account disabled, or no longer a leasing role), nothing of theirs may be
 * left without an owner: their open leads go to colleagues by the assignment rules (assign-owners.ts), and each
 * tour they were to give goes to a colleague free at that time — the tenant and the new agent get the updated
 * invitation — or, when nobody is, is cancelled and the tenant is told, with their link to book another time.
 */
import { and, eq, gt, inArray } from 'drizzle-orm';
import { OPEN_STAGES } from '../../lib/pipeline.ts';
import type { Actor } from '../audit/record-audit.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { inquiries, leads, tours } from '../db/schema.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { beijingDay, findTourSlots, tourBuildings } from '../tours/tour-slots.ts';
import { chooseOwners, loadCandidates } from './assign-owners.ts';
import { readLeasingSettings } from './leasing-settings.ts';

export interface HandOverReport {
  leads: number;
  toursMoved: number;
  toursCancelled: number;
}

/** Hands over the work of `userId` if they no longer work leads; does nothing for someone who still does. */
export async function handOverWork(
  deps: { db: Database; catalog: Catalog; channels: readonly string[] },
  actor: Actor,
  userId: string,
  now: Date = new Date(),
): Promise<HandOverReport> {
  const { db } = deps;
  const report: HandOverReport = { leads: 0, toursMoved: 0, toursCancelled: 0 };
  const [member] = await db
    .select({ role: staffUsers.role, banned: staffUsers.banned, name: staffUsers.name })
    .from(staffUsers)
    .where(eq(staffUsers.id, userId));
  if (!member || (!member.banned && (LEASING_ROLES as readonly string[]).includes(member.role))) return report;

  // Open leads: shared out by the rules among those who remain.
  const open = await db
    .select({ id: leads.id, industryTrack: leads.industryTrack })
    .from(leads)
    .where(and(eq(leads.ownerId, userId), inArray(leads.stage, [...OPEN_STAGES])));
  if (open.length > 0) {
    const settings = await readLeasingSettings(db);
    const candidates = (await loadCandidates(db)).filter((c) => c.id !== userId);
    const units = await db
      .select({ leadId: inquiries.leadId, unitIds: inquiries.unitIds })
      .from(inquiries)
      .where(
        inArray(
          inquiries.leadId,
          open.map((l) => l.id),
        ),
      );
    const owners = chooseOwners(
      open.map((lead) => ({
        industryTrack: lead.industryTrack,
        buildingIds: tourBuildings(
          deps.catalog,
          units.filter((u) => u.leadId === lead.id).flatMap((u) => u.unitIds),
          null,
        ),
      })),
      candidates,
      { ...settings, teamLeadId: settings.teamLeadId === userId ? null : settings.teamLeadId },
      now,
    );
    await db.transaction(async (tx) => {
      for (const [i, lead] of open.entries()) {
        const owner = owners[i]!.owner;
        await tx
          .update(leads)
          .set({ ownerId: owner?.id ?? null, updatedAt: now })
          .where(eq(leads.id, lead.id));
        await recordLeadEvent(tx, {
          leadId: lead.id,
          kind: 'owner_changed',
          data: { owner: owner?.name ?? null, from: member.name, reason: 'handover' },
          actor: actor.email,
          at: now,
        });
        await recordAudit(
          tx,
          actor,
          'lead.owner',
          'lead',
          lead.id,
          { ownerId: userId },
          { ownerId: owner?.id ?? null },
        );
        if (owner)
          await enqueueNoticeBatch(tx, [
            {
              channels: deps.channels,
              subject: { event: 'lead.assigned', leadId: lead.id },
              now,
              to: { address: owner.email, lang: 'zh' },
            },
          ]);
      }
    });
    report.leads = open.length;
  }

  // Tours still to come: to a colleague free then, else cancelled.
  const upcoming = await db
    .select()
    .from(tours)
    .where(and(eq(tours.agentId, userId), eq(tours.status, 'booked'), gt(tours.startsAt, now)));
  for (const tour of upcoming) {
    const slots = await findTourSlots(db, {
      buildingIds: tourBuildings(deps.catalog, tour.unitIds, tour.buildingId),
      fromDay: beijingDay(tour.startsAt),
      days: 1,
      // A tour already booked stays at its time, however soon.
      now: new Date(tour.startsAt.getTime() - 24 * 3_600_000),
    });
    const colleagues = (slots.find((s) => s.startsAt.getTime() === tour.startsAt.getTime())?.agents ?? []).filter(
      (a) => a.id !== userId,
    );
    const [lead] = await db
      .select({ email: leads.email, lang: leads.lang })
      .from(leads)
      .where(eq(leads.id, tour.leadId));
    const tenant = lead?.email
      ? [{ address: lead.email, lang: lead.lang === 'en' ? ('en' as const) : ('zh' as const) }]
      : [];
    let moved = false;
    for (const colleague of colleagues) {
      try {
        await db.transaction(async (tx) => {
          await tx
            .update(tours)
            .set({ agentId: colleague.id, sequence: tour.sequence + 1, updatedAt: now })
            .where(eq(tours.id, tour.id));
          await recordLeadEvent(tx, {
            leadId: tour.leadId,
            kind: 'tour_rescheduled',
            data: {
              tourId: tour.id,
              reference: tour.reference,
              startsAt: tour.startsAt.toISOString(),
              agent: colleague.name,
              reason: 'handover',
            },
            actor: actor.email,
            at: now,
          });
          const subject = { event: 'tour.changed', leadId: tour.leadId, tourId: tour.id };
          await enqueueNoticeBatch(
            tx,
            [...tenant, { address: colleague.email, lang: 'zh' as const }].map((to) => ({
              channels: deps.channels,
              subject,
              now,
              to,
            })),
          );
        });
        moved = true;
        break;
      } catch {
        // The colleague was booked meanwhile (the exclusion constraint): try the next one.
      }
    }
    if (moved) {
      report.toursMoved += 1;
      continue;
    }
    await db.transaction(async (tx) => {
      await tx
        .update(tours)
        .set({ status: 'cancelled', cancelledAt: now, sequence: tour.sequence + 1, updatedAt: now })
        .where(eq(tours.id, tour.id));
      await recordLeadEvent(tx, {
        leadId: tour.leadId,
        kind: 'tour_cancelled',
        data: { tourId: tour.id, reference: tour.reference, startsAt: tour.startsAt.toISOString(), reason: 'handover' },
        actor: actor.email,
        at: now,
      });
      await enqueueNoticeBatch(
        tx,
        tenant.map((to) => ({
          channels: deps.channels,
          subject: { event: 'tour.cancelled', leadId: tour.leadId, tourId: tour.id },
          now,
          to,
        })),
      );
    });
    report.toursCancelled += 1;
  }
  return report;
}
