/**
 * Booking, moving and cancelling a tour, by the tenant (from their link) or by staff. A booking takes a free
 * slot (tour-slots.ts) and one of the agents free then — the lead's owner when they are — and the database has
 * the last word: the exclusion constraint `tours_one_at_a_time_per_agent` refuses a second tour in an agent's
 * time, so of two people taking the same slot at once one gets it and the other a 409, on any number of
 * processes. Each change writes, in the same transaction, the lead's timeline, the e-mails to the tenant (and
 * colleagues) and the agent with the calendar invitation, and the reminders a day and an hour before.
 */
import { isConstraintViolation } from '../db/constraint-error.ts';
import { and, eq, gt, sql } from 'drizzle-orm';
import { executeRows } from '../db/execute-rows.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { leads, tours, unitStates, type TourRow } from '../db/schema.ts';
import { enqueueNoticeBatch, type Recipient } from '../notify/enqueue-notices.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { newReference } from '../leads/lead-reference.ts';
import { beijingDay, findTourSlots, tourBuildings, type TourSlot } from './tour-slots.ts';

export interface TourDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now (notify/enqueue-notices.ts). */
  channels: readonly string[];
  /** Called after a commit, so the e-mails go out soon. */
  onStored?: (() => void) | undefined;
}

/** Why a booking or change is refused; each is an error code of the catalogue (errors/error-catalogue.ts). */
type TourRefusal =
  | 'tour_slot_invalid'
  | 'tour_slot_taken'
  | 'tour_unit_unavailable'
  | 'tour_already_booked'
  | 'tour_not_changeable'
  | 'not_found';

export type TourResult = { ok: true; tour: TourRow } | { ok: false; code: TourRefusal; unitId?: string };

const REMINDERS_BEFORE_MS = [24 * 60 * 60_000, 60 * 60_000];

/** Whether an error is the database refusing a second tour in an agent's time. */
const isAgentBusy = (error: unknown) => isConstraintViolation(error, '23P01', 'tours_one_at_a_time_per_agent');

/** The first unit that cannot be toured: leased, withdrawn, or reserved or held by another lead. */
async function unavailableUnit(tx: Tx, leadId: string, unitIds: readonly string[]): Promise<string | undefined> {
  if (unitIds.length === 0) return undefined;
  const rows = await executeRows<{ unit_id: string }>(
    tx,
    sql`
    select s.unit_id from ${unitStates} s
    where s.unit_id in (${sql.join(
      unitIds.map((id) => sql`${id}`),
      sql`, `,
    )})
      and (s.status in ('leased', 'unavailable')
        or (s.status in ('held', 'reserved') and (s.status = 'reserved' or s.hold_expires_at > now())
          and not exists (select 1 from deposits d where d.unit_id = s.unit_id and d.lead_id = ${leadId}
            and d.status in ('held', 'reserved'))))
    order by s.unit_id limit 1`,
  );
  return rows[0]?.unit_id;
}

/** The slot starting at `startsAt`, or why there is none: not a tour time at all, or taken meanwhile. */
async function slotAt(
  db: Database | Tx,
  startsAt: Date,
  buildingIds: readonly string[],
  now: Date,
  ignoreTourId?: string,
): Promise<TourSlot | 'tour_slot_invalid' | 'tour_slot_taken'> {
  const query = { buildingIds, fromDay: beijingDay(startsAt), days: 1, now, ignoreTourId };
  const free = await findTourSlots(db, query);
  const slot = free.find((s) => s.startsAt.getTime() === startsAt.getTime());
  if (slot) return slot;
  // Not free: would it be a slot if nobody had booked anything? Then it was taken.
  const open = await findTourSlots(db, { ...query, ignoreBookings: true });
  return open.some((s) => s.startsAt.getTime() === startsAt.getTime()) ? 'tour_slot_taken' : 'tour_slot_invalid';
}

interface LeadContact {
  id: string;
  email: string | null;
  lang: string;
  ownerId: string | null;
  firstResponseAt: Date | null;
}

async function readLead(tx: Tx, leadId: string): Promise<LeadContact | undefined> {
  const [lead] = await tx
    .select({
      id: leads.id,
      email: leads.email,
      lang: leads.lang,
      ownerId: leads.ownerId,
      firstResponseAt: leads.firstResponseAt,
    })
    .from(leads)
    .where(eq(leads.id, leadId))
    .for('update');
  return lead;
}

/** Everyone who hears about a tour: the tenant and colleagues with an address, and the agent. */
function recipientsOf(lead: LeadContact, tour: TourRow, agentEmail: string): Recipient[] {
  const lang = lead.lang === 'en' ? 'en' : 'zh';
  return [
    ...(lead.email ? [{ address: lead.email, lang } as const] : []),
    ...tour.colleagues.flatMap((c) => (c.email ? [{ address: c.email, lang } as const] : [])),
    { address: agentEmail, lang: 'zh' as const },
  ];
}

/** The tour's e-mails now, and (for a booked tour) its reminders; earlier reminders of the tour are dropped. */
async function tellEveryone(
  tx: Tx,
  deps: TourDeps,
  lead: LeadContact,
  tour: TourRow,
  agentEmail: string,
  event: 'tour.booked' | 'tour.changed' | 'tour.cancelled',
  now: Date,
): Promise<void> {
  await tx.execute(
    sql`delete from notification_outbox where tour_id = ${tour.id} and event = 'tour.reminder' and status in ('pending', 'held')`,
  );
  const subject = { event, leadId: lead.id, tourId: tour.id };
  const recipients = recipientsOf(lead, tour, agentEmail);
  const reminders =
    tour.status === 'booked'
      ? REMINDERS_BEFORE_MS.map((before) => new Date(tour.startsAt.getTime() - before)).filter((at) => at > now)
      : [];
  await enqueueNoticeBatch(tx, [
    ...recipients.map((to) => ({ channels: deps.channels, subject, now, to })),
    ...reminders.flatMap((sendAt) =>
      recipients.map((to) => ({
        channels: deps.channels,
        subject: { ...subject, event: 'tour.reminder' },
        now,
        to,
        sendAt,
      })),
    ),
  ]);
}

export interface BookTourInput {
  leadId: string;
  startsAt: Date;
  unitIds: readonly string[];
  buildingId: string | null;
  /** `tenant`, or the e-mail of the member of staff booking it. */
  bookedBy: string;
  now?: Date;
}

/** Whether the lead has a booked tour still to come (one at a time: it can be moved instead). */
async function hasUpcomingTour(db: Database | Tx, leadId: string, now: Date): Promise<boolean> {
  const [upcoming] = await db
    .select({ id: tours.id })
    .from(tours)
    .where(and(eq(tours.leadId, leadId), eq(tours.status, 'booked'), gt(tours.startsAt, now)));
  return upcoming !== undefined;
}

/** Books a tour in a free slot, or says why not; nothing is stored on refusal. */
export async function bookTour(deps: TourDeps, input: BookTourInput): Promise<TourResult> {
  const now = input.now ?? new Date();
  const buildingIds = tourBuildings(deps.catalog, input.unitIds, input.buildingId);
  // Checked again in the transaction; first here, so a second booking is told so rather than that the time is taken.
  if (await hasUpcomingTour(deps.db, input.leadId, now)) return { ok: false, code: 'tour_already_booked' };
  const slot = await slotAt(deps.db, input.startsAt, buildingIds, now);
  if (typeof slot === 'string') return { ok: false, code: slot };
  const result = await deps.db.transaction(async (tx): Promise<TourResult> => {
    const lead = await readLead(tx, input.leadId);
    if (!lead) return { ok: false, code: 'not_found' };
    if (await hasUpcomingTour(tx, lead.id, now)) return { ok: false, code: 'tour_already_booked' };
    const unitId = await unavailableUnit(tx, lead.id, input.unitIds);
    if (unitId) return { ok: false, code: 'tour_unit_unavailable', unitId };
    // The lead's own agent first, then whoever is free longest.
    const agents = [...slot.agents].sort((a, b) => Number(b.id === lead.ownerId) - Number(a.id === lead.ownerId));
    for (const agent of agents) {
      let tour: TourRow | undefined;
      try {
        // A savepoint: a refused insert leaves the transaction usable for the next agent.
        tour = await tx.transaction(async (inner) => {
          const [row] = await inner
            .insert(tours)
            .values({
              reference: newReference('TR'),
              leadId: lead.id,
              agentId: agent.id,
              startsAt: slot.startsAt,
              endsAt: new Date(slot.startsAt.getTime() + agent.tourMinutes * 60_000),
              unitIds: [...input.unitIds],
              buildingId: input.buildingId,
              bookedBy: input.bookedBy,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          return row!;
        });
      } catch (error) {
        if (isAgentBusy(error)) continue;
        throw error;
      }
      const isStaff = input.bookedBy !== 'tenant';
      await recordLeadEvent(tx, {
        leadId: lead.id,
        kind: 'tour_booked',
        data: {
          tourId: tour.id,
          reference: tour.reference,
          startsAt: tour.startsAt.toISOString(),
          agent: agent.name,
          unitIds: tour.unitIds,
        },
        actor: isStaff ? input.bookedBy : 'tenant',
        at: now,
      });
      // Booking a tour for the tenant is an answer to them (the response promise).
      if (isStaff && !lead.firstResponseAt)
        await tx.update(leads).set({ firstResponseAt: now, updatedAt: now }).where(eq(leads.id, lead.id));
      await tellEveryone(tx, deps, lead, tour, agent.email, 'tour.booked', now);
      return { ok: true, tour };
    }
    return { ok: false, code: 'tour_slot_taken' };
  });
  if (result.ok) deps.onStored?.();
  return result;
}

/** A lead's tour that can still be changed: booked and not yet begun. */
async function changeableTour(
  tx: Tx,
  leadId: string,
  tourId: string,
  now: Date,
): Promise<TourRow | 'missing' | 'past'> {
  const [tour] = await tx
    .select()
    .from(tours)
    .where(and(eq(tours.id, tourId), eq(tours.leadId, leadId)))
    .for('update');
  if (!tour) return 'missing';
  return tour.status === 'booked' && tour.startsAt > now ? tour : 'past';
}

async function agentEmailOf(tx: Tx, agentId: string): Promise<string> {
  const rows = await executeRows<{ email: string }>(tx, sql`select email from staff_users where id = ${agentId}`);
  return rows[0]?.email ?? '';
}

/** Moves a booked tour to another free slot (the same agent when free then, else another). */
export async function rescheduleTour(
  deps: TourDeps,
  input: { leadId: string; tourId: string; startsAt: Date; actor: string; now?: Date },
): Promise<TourResult> {
  const now = input.now ?? new Date();
  const result = await deps.db.transaction(async (tx): Promise<TourResult> => {
    const tour = await changeableTour(tx, input.leadId, input.tourId, now);
    if (tour === 'missing') return { ok: false, code: 'not_found' };
    if (tour === 'past') return { ok: false, code: 'tour_not_changeable' };
    const lead = (await readLead(tx, input.leadId))!;
    const slot = await slotAt(
      tx,
      input.startsAt,
      tourBuildings(deps.catalog, tour.unitIds, tour.buildingId),
      now,
      tour.id,
    );
    if (typeof slot === 'string') return { ok: false, code: slot };
    const agents = [...slot.agents].sort((a, b) => Number(b.id === tour.agentId) - Number(a.id === tour.agentId));
    for (const agent of agents) {
      let moved: TourRow | undefined;
      try {
        moved = await tx.transaction(async (inner) => {
          const [row] = await inner
            .update(tours)
            .set({
              agentId: agent.id,
              startsAt: slot.startsAt,
              endsAt: new Date(slot.startsAt.getTime() + agent.tourMinutes * 60_000),
              sequence: tour.sequence + 1,
              updatedAt: now,
            })
            .where(eq(tours.id, tour.id))
            .returning();
          return row!;
        });
      } catch (error) {
        if (isAgentBusy(error)) continue;
        throw error;
      }
      await recordLeadEvent(tx, {
        leadId: lead.id,
        kind: 'tour_rescheduled',
        data: {
          tourId: tour.id,
          reference: tour.reference,
          from: tour.startsAt.toISOString(),
          startsAt: moved.startsAt.toISOString(),
          agent: agent.name,
        },
        actor: input.actor,
        at: now,
      });
      // An agent who no longer gives this tour hears that it is off their calendar.
      if (agent.id !== tour.agentId)
        await tellEveryone(
          tx,
          deps,
          { ...lead, email: null },
          { ...tour, colleagues: [], status: 'cancelled', sequence: tour.sequence + 1 },
          await agentEmailOf(tx, tour.agentId),
          'tour.cancelled',
          now,
        );
      await tellEveryone(tx, deps, lead, moved, agent.email, 'tour.changed', now);
      return { ok: true, tour: moved };
    }
    return { ok: false, code: 'tour_slot_taken' };
  });
  if (result.ok) deps.onStored?.();
  return result;
}

/** Cancels a booked tour that has not begun; the slot is free again at once. */
export async function cancelTour(
  deps: TourDeps,
  input: { leadId: string; tourId: string; actor: string; now?: Date },
): Promise<TourResult> {
  const now = input.now ?? new Date();
  const result = await deps.db.transaction(async (tx): Promise<TourResult> => {
    const tour = await changeableTour(tx, input.leadId, input.tourId, now);
    if (tour === 'missing') return { ok: false, code: 'not_found' };
    if (tour === 'past') return { ok: false, code: 'tour_not_changeable' };
    const lead = (await readLead(tx, input.leadId))!;
    const [cancelled] = await tx
      .update(tours)
      .set({ status: 'cancelled', cancelledAt: now, sequence: tour.sequence + 1, updatedAt: now })
      .where(eq(tours.id, tour.id))
      .returning();
    await recordLeadEvent(tx, {
      leadId: lead.id,
      kind: 'tour_cancelled',
      data: { tourId: tour.id, reference: tour.reference, startsAt: tour.startsAt.toISOString() },
      actor: input.actor,
      at: now,
    });
    await tellEveryone(tx, deps, lead, cancelled!, await agentEmailOf(tx, tour.agentId), 'tour.cancelled', now);
    return { ok: true, tour: cancelled! };
  });
  if (result.ok) deps.onStored?.();
  return result;
}

/** Sets the colleagues who come along (names, optional e-mail); they get the invitation too. */
export async function setTourColleagues(
  deps: TourDeps,
  input: {
    leadId: string;
    tourId: string;
    colleagues: Array<{ name: string; email: string | null }>;
    actor: string;
    now?: Date;
  },
): Promise<TourResult> {
  const now = input.now ?? new Date();
  const result = await deps.db.transaction(async (tx): Promise<TourResult> => {
    const tour = await changeableTour(tx, input.leadId, input.tourId, now);
    if (tour === 'missing') return { ok: false, code: 'not_found' };
    if (tour === 'past') return { ok: false, code: 'tour_not_changeable' };
    const lead = (await readLead(tx, input.leadId))!;
    const [changed] = await tx
      .update(tours)
      .set({ colleagues: input.colleagues, sequence: tour.sequence + 1, updatedAt: now })
      .where(eq(tours.id, tour.id))
      .returning();
    await recordLeadEvent(tx, {
      leadId: lead.id,
      kind: 'tour_colleagues',
      data: { tourId: tour.id, reference: tour.reference, colleagues: input.colleagues.map((c) => c.name) },
      actor: input.actor,
      at: now,
    });
    await tellEveryone(tx, deps, lead, changed!, await agentEmailOf(tx, tour.agentId), 'tour.changed', now);
    return { ok: true, tour: changed! };
  });
  if (result.ok) deps.onStored?.();
  return result;
}
