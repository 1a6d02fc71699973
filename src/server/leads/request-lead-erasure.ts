/**
 * Erasing a person's data on request (PIPL; administrators): staff confirm by typing the erase word of their
 * form's language (删除 / erase), then lead-privacy.ts blanks the person's data and keeps deposits' accounting facts.
 */
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { eraseLeadData } from './lead-privacy.ts';

export async function requestLeadErasure(
  deps: { db: Database },
  actor: Actor,
  leadId: string,
  input: { confirm: unknown; lang: Lang },
): Promise<Outcome> {
  if (!/^[0-9a-f-]{36}$/.test(leadId)) return refused('not_found');
  // The word staff were asked to type is the one of their language: the Chinese page asks for 删除.
  if (typeof input.confirm !== 'string' || input.confirm.trim() !== messages(input.lang).console.lead.eraseWord)
    return refused('erase_confirm');
  return (await eraseLeadData(deps.db, actor, leadId)) ? { ok: true } : refused('not_found');
}
