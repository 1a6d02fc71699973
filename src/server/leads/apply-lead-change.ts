/**
 * The lead page's changes, one form each (change-lead.ts, merge-leads.ts): a note, a task, the owner, a task
 * done, a merge with another lead, a tour. Refusals are in the catalogue's terms, naming the field at fault.
 */
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { dictionary } from '../errors/error-catalogue.ts';
import { textField } from '../security/read-form.ts';
import { addNote, addTask, assignOwner, completeTask, scheduleTour, type LeadChangeResult } from './change-lead.ts';
import { mergeLeads } from './merge-leads.ts';

const LEAD_CHANGES = ['notes', 'tasks', 'owner', 'task-done', 'merge', 'tour'] as const;
type LeadChange = (typeof LEAD_CHANGES)[number];

function isLeadChange(value: unknown): value is LeadChange {
  return typeof value === 'string' && (LEAD_CHANGES as readonly string[]).includes(value);
}

async function apply(
  db: Database,
  actor: Actor,
  leadId: string,
  change: LeadChange,
  text: (name: string) => string,
): Promise<LeadChangeResult> {
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
      return assignOwner(db, actor, leadId, text('ownerId'));
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
    case 'tour':
      return scheduleTour(db, actor, leadId, {
        startsAt: text('startsAt'),
        minutes: text('minutes'),
        unitIds: text('unitIds'),
      });
    case 'task-done':
      return completeTask(db, actor, leadId, text('taskId'));
  }
}

export async function applyLeadChange(
  deps: { db: Database },
  actor: Actor,
  leadId: string,
  change: string,
  fields: Record<string, unknown>,
): Promise<Outcome> {
  if (!isLeadChange(change) || !/^[0-9a-f-]{36}$/.test(leadId)) return refused('not_found');
  const result = await apply(deps.db, actor, leadId, change, (name) => textField(fields, name));
  if (result.ok) return { ok: true };
  if (result.code === 'not_found') return refused('not_found');
  return refused('invalid', {
    errors: [{ field: result.field ?? 'invalid', code: 'invalid', message: dictionary((m) => m.console.lead.error) }],
  });
}
