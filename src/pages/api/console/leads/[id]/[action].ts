import type { APIRoute } from 'astro';
import { localePath } from '../../../../../i18n/lang.ts';
import {
  addNote,
  addTask,
  assignOwner,
  completeTask,
  scheduleTour,
  type LeadChangeResult,
} from '../../../../../server/leads/change-lead.ts';
import { mergeLeads } from '../../../../../server/leads/merge-leads.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../../../../../server/security/read-fields.ts';

const ACTIONS = ['notes', 'tasks', 'owner', 'task-done', 'merge', 'tour'] as const;

/** Lead changes from the lead page (form posts redirect back to it; JSON callers get JSON). */
export const POST: APIRoute = async ({ params, request, locals, redirect }) => {
  const action = params.action as (typeof ACTIONS)[number];
  if (!ACTIONS.includes(action)) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const fields = await readFields(request, FORM_BODY_LIMIT_BYTES).catch(() => 'invalid_json' as const);
  if (typeof fields === 'string')
    return Response.json({ error: { code: fields } }, { status: fields === 'unsupported_media_type' ? 415 : 400 });
  const { db } = locals.runtime;
  const actor = locals.staff!;
  const leadId = params.id ?? '';
  // Only a lead id: it goes into the redirects below.
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return Response.json({ error: { code: 'not_found' } }, { status: 404 });
  const lang = fields.lang === 'en' ? 'en' : 'zh';
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : '');
  let result: LeadChangeResult;
  if (action === 'notes') result = await addNote(db, actor, leadId, { text: text('text') });
  else if (action === 'tasks')
    result = await addTask(db, actor, leadId, {
      title: text('title'),
      dueOn: text('dueOn'),
      assigneeId: text('assigneeId') || undefined,
    });
  else if (action === 'owner') result = await assignOwner(db, actor, leadId, text('ownerId'));
  else if (action === 'merge') {
    const merged = await mergeLeads(
      db,
      actor,
      leadId,
      text('reference'),
      text('contactFrom') === 'newer' ? 'newer' : 'older',
    );
    result = merged.ok
      ? merged
      : { ok: false, code: merged.code === 'not_found' ? 'invalid' : 'invalid', field: 'reference' };
  } else if (action === 'tour')
    result = await scheduleTour(db, actor, leadId, {
      startsAt: text('startsAt'),
      minutes: text('minutes'),
      unitIds: text('unitIds'),
    });
  else result = await completeTask(db, actor, leadId, text('taskId'));
  const isForm = !(request.headers.get('content-type') ?? '').startsWith('application/json');
  if (!result.ok) {
    const status = result.code === 'not_found' ? 404 : 400;
    if (isForm && result.code !== 'not_found')
      return redirect(`${localePath(lang, `/console/leads/${leadId}`)}?error=${result.field ?? 'invalid'}`, 303);
    return Response.json({ error: { code: result.code, field: result.field } }, { status });
  }
  if (isForm) return redirect(localePath(lang, `/console/leads/${leadId}`), 303);
  return Response.json({ ok: true });
};
