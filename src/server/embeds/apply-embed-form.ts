/**
 * The embed manager's form posts (marketing and admins; manage-embeds.ts): create an embed, change one, delete
 * one. A refused form is shown again with what was typed (`draft`) and the field at fault.
 */
import type { messages } from '../../i18n/messages.ts';
import { filtersFromFields, hasFilterFields } from '../../lib/embed-filter-fields.ts';
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { dictionary } from '../errors/error-catalogue.ts';
import { readForm, textField } from '../security/read-form.ts';
import { createEmbed, deleteEmbed, updateEmbed, type EmbedResult } from './manage-embeds.ts';

export interface EmbedDraft {
  id: string;
  name: string;
  filters: string;
  themeColor: string;
  lang: string;
  allowedHosts: string;
}

export interface EmbedChanged {
  /** The embed to open in the editor next ('' after a deletion). */
  id: string;
  done: 'created' | 'saved' | 'deleted';
}

type EmbedField = keyof ReturnType<typeof messages>['embeds']['errors'];

function fieldRefusal(field: string, code: string) {
  const known = ['name', 'filters', 'themeColor', 'lang', 'allowedHosts', 'id'].includes(field);
  const key = (known ? field : 'name') as EmbedField;
  return refused(code === 'not_found' ? 'not_found' : 'invalid', {
    errors: [{ field, code, message: dictionary((m) => m.embeds.errors[key]) }],
  });
}

export async function applyEmbedForm(
  deps: { db: Database },
  actor: Actor,
  request: Request,
): Promise<{ outcome: Outcome<EmbedChanged>; draft?: EmbedDraft }> {
  const read = await readForm(request);
  if (!read.ok) return { outcome: read };
  const { fields } = read;
  const get = (name: string) => textField(fields, name);
  const draft: EmbedDraft = {
    id: get('id'),
    name: get('name'),
    // The filter fields of the form, or a query string (from a script).
    filters: hasFilterFields(fields) ? filtersFromFields(fields) : get('filters'),
    themeColor: get('themeColor'),
    lang: get('lang'),
    allowedHosts: get('allowedHosts'),
  };
  const { id, ...raw } = draft;
  const action = get('action');
  let result: EmbedResult;
  if (action === 'create') result = await createEmbed(deps.db, actor, raw);
  else if (action === 'update') result = await updateEmbed(deps.db, actor, id, raw);
  else if (action === 'delete')
    result = (await deleteEmbed(deps.db, actor, id))
      ? { ok: true, id: '' }
      : { ok: false, field: 'id', code: 'not_found' };
  else result = { ok: false, field: 'name', code: 'invalid' };
  if (!result.ok) return { outcome: fieldRefusal(result.field, result.code), draft };
  const done = action === 'create' ? 'created' : action === 'delete' ? 'deleted' : 'saved';
  return { outcome: { ok: true, id: result.id, done } };
}
