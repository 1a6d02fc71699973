/**
 * The lead page's changes, one form each (change-lead.ts, merge-leads.ts, work-lead.ts, tours/book-tour.ts): a
 * note, a task, the owner, a task done, a merge with another lead, a contact logged, a tour booked in a free
 * slot, cancelled or its outcome recorded; a proposal drafted, decided or sent; the requirement (requirements/) and
 * a right of first refusal recorded or ended. Refusals are in the catalogue's terms, naming the field at fault.
 */
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { consoleFieldMessage } from '../errors/error-catalogue.ts';
import { textField } from '../security/read-form.ts';
import { addNote, addTask, assignOwner, completeTask, type LeadChangeResult } from './change-lead.ts';
import { mergeLeads } from './merge-leads.ts';
import { logContact, recordTourOutcome } from './work-lead.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { bookTour, cancelTour, type TourResult } from '../tours/book-tour.ts';
import { decideProposal, draftProposal } from '../proposals/draft-proposal.ts';
import { sendProposal } from '../proposals/send-proposal.ts';
import { endFirstRefusal, recordFirstRefusal } from '../requirements/first-refusals.ts';
import { REQUIREMENT_FIELDS, setLeadRequirement } from '../requirements/lead-requirement.ts';

const LEAD_CHANGES = [
  'notes',
  'tasks',
  'owner',
  'task-done',
  'merge',
  'contact',
  'tour',
  'tour-cancel',
  'tour-outcome',
  'proposal',
  'proposal-decision',
  'proposal-send',
  'requirement',
  'first-refusal',
  'first-refusal-end',
] as const;

/** What the lead page's changes need from the running portal. */
export interface LeadChangeDeps {
  db: Database;
  catalog: Catalog;
  /** The configured notification channels (notify/enqueue-notices.ts). */
  notifyChannels: readonly string[];
  outbox?: { kick(): void };
}

/** A form's list field (several checkboxes of one name, or one comma-separated text) as trimmed strings. */
function listField(fields: Record<string, unknown>, name: string): string[] {
  const value = fields[name];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** A tour refusal as the lead page's: a taken slot or unit is a 409 of its own, the rest name the field. */
function tourOutcome(result: TourResult): LeadChangeResult | Outcome {
  if (result.ok) return { ok: true };
  if (result.code === 'not_found') return { ok: false, code: 'not_found' };
  if (result.code === 'tour_unit_unavailable') return refused(result.code, { params: { unit: result.unitId ?? '' } });
  return refused(result.code);
}
type LeadChange = (typeof LEAD_CHANGES)[number];

function isLeadChange(value: unknown): value is LeadChange {
  return typeof value === 'string' && (LEAD_CHANGES as readonly string[]).includes(value);
}

async function apply(
  deps: LeadChangeDeps,
  actor: Actor,
  leadId: string,
  change: LeadChange,
  fields: Record<string, unknown>,
): Promise<LeadChangeResult | Outcome> {
  const { db } = deps;
  const text = (name: string) => textField(fields, name);
  const tourDeps = { db, catalog: deps.catalog, channels: deps.notifyChannels, onStored: deps.outbox?.kick };
  switch (change) {
    case 'notes':
      return addNote(db, actor, leadId, { text: text('text') });
    case 'tasks':
      return addTask(db, actor, leadId, {
        title: text('title'),
        dueOn: text('dueOn'),
        assigneeId: text('assigneeId') || undefined,
      });
    case 'owner':
      return assignOwner(db, actor, leadId, text('ownerId'), deps.notifyChannels);
    case 'merge': {
      const merged = await mergeLeads(
        db,
        actor,
        leadId,
        text('reference'),
        text('contactFrom') === 'newer' ? 'newer' : 'older',
      );
      // The other lead is named by its reference: one that does not exist is a mistyped field.
      return merged.ok ? merged : { ok: false, code: 'invalid', field: 'reference' };
    }
    case 'contact':
      return logContact(db, actor, leadId, { channel: text('channel'), note: text('note') || undefined });
    case 'tour': {
      // A slot from the page's list: "YYYY-MM-DDTHH:MM+08:00".
      const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/.test(text('start')) ? new Date(text('start')) : undefined;
      const unitIds = listField(fields, 'unitIds').map((id) => id.toLowerCase());
      if (!start || Number.isNaN(start.getTime())) return { ok: false, code: 'invalid', field: 'start' };
      if (unitIds.some((id) => !deps.catalog.unitById.has(id))) return { ok: false, code: 'invalid', field: 'unitIds' };
      return tourOutcome(
        await bookTour(tourDeps, { leadId, startsAt: start, unitIds, buildingId: null, bookedBy: actor.email }),
      );
    }
    case 'tour-cancel':
      return tourOutcome(await cancelTour(tourDeps, { leadId, tourId: text('tourId'), actor: actor.email }));
    case 'proposal': {
      const from = text('escalationFrom');
      const result = await draftProposal(deps, actor, leadId, {
        unitIds: listField(fields, 'unitIds'),
        rentPerSqmDay: text('rentPerSqmDay'),
        termMonths: text('termMonths'),
        startDate: text('startDate'),
        fitOutMonths: text('fitOutMonths') || '0',
        rentFreeMonths: text('rentFreeMonths') || '0',
        escalations: from ? [{ fromYear: from, percent: text('escalationPercent') }] : [],
        paymentMonths: text('paymentMonths') || '3',
        depositMonths: text('depositMonths') || '3',
        fitOutAllowanceYuan: text('fitOutAllowanceYuan') || '0',
        otherTerms: text('otherTerms'),
      });
      if (result.ok) return { ok: true };
      if (result.code === 'unit_unavailable')
        return refused('proposal_unit_unavailable', { params: { unit: result.unitId } });
      // An escalation is two fields on the form: its first year names both.
      return { ok: false, code: result.code, field: result.field === 'escalations' ? 'escalationFrom' : result.field };
    }
    case 'proposal-decision': {
      const result = await decideProposal(db, actor, text('proposalId'), {
        approve: text('decision') === 'approve',
        reason: text('reason'),
      });
      if (result.ok) return { ok: true };
      if (result.code === 'forbidden') return refused('forbidden');
      if (result.code === 'not_pending') return refused('proposal_decided');
      return result.code === 'not_found'
        ? { ok: false, code: 'not_found' }
        : { ok: false, code: 'invalid', field: 'reason' };
    }
    case 'proposal-send': {
      const result = await sendProposal(deps, actor, leadId, text('proposalId'));
      if (result.ok) return { ok: true };
      if (result.code === 'not_found') return { ok: false, code: 'not_found' };
      return refused(result.code, result.unitId ? { params: { unit: result.unitId } } : {});
    }
    case 'requirement':
      return setLeadRequirement(
        deps,
        actor,
        leadId,
        Object.fromEntries(Object.keys(REQUIREMENT_FIELDS).map((name) => [name, text(name)])),
      );
    case 'first-refusal':
    case 'first-refusal-end': {
      const result =
        change === 'first-refusal'
          ? await recordFirstRefusal(deps, actor, leadId, {
              holderUnitId: text('holderUnitId'),
              unitId: text('unitId'),
              untilOn: text('untilOn'),
              note: text('note') || undefined,
            })
          : await endFirstRefusal(db, actor, leadId, text('rightId'));
      if (result.ok || result.code !== 'first_refusal_taken') return result;
      return refused('first_refusal_taken', { params: { reference: result.reference } });
    }
    case 'tour-outcome':
      return recordTourOutcome(deps, actor, leadId, text('tourId'), {
        attended: text('attended'),
        interest: text('interest') || undefined,
        unitsSeen: listField(fields, 'unitsSeen'),
        nextStep: text('nextStep') || undefined,
      });
    case 'task-done':
      return completeTask(db, actor, leadId, text('taskId'));
  }
}

export async function applyLeadChange(
  deps: LeadChangeDeps,
  actor: Actor,
  leadId: string,
  change: string,
  fields: Record<string, unknown>,
): Promise<Outcome> {
  if (!isLeadChange(change) || !/^[0-9a-f-]{36}$/.test(leadId)) return refused('not_found');
  const result = await apply(deps, actor, leadId, change, fields);
  if (result.ok) return { ok: true };
  if ('refusal' in result) return result;
  if (result.code === 'not_found') return refused('not_found');
  return refused('invalid', {
    errors: [
      {
        field: result.field ?? 'invalid',
        code: 'invalid',
        message: consoleFieldMessage(result.field ?? '', (m) => m.console.lead.error),
      },
    ],
  });
}
