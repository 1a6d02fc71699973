/**
 * POST /api/reservations: reads the request (the inquiry's fields plus `unitId`) and holds the unit
 * (reserve-unit.ts), with any refusal in the catalogue's terms.
 */
import type { APIContext } from 'astro';
import type { Lang } from '../../i18n/lang.ts';
import type { Outcome } from '../errors/answer-outcome.ts';
import { leadRefusal } from '../leads/describe-refusal.ts';
import { readLeadSubmission } from '../leads/read-lead-submission.ts';
import { reserveDeps } from '../runtime.ts';
import { reserveUnit, type ReserveResult } from './reserve-unit.ts';

type Reserved = Extract<ReserveResult, { ok: true }>;

/** The outcome, the language and the unit asked for (for the page a form post goes back to). */
export async function receiveReservation(
  context: APIContext,
): Promise<{ outcome: Outcome<Omit<Reserved, 'ok'>>; lang: Lang; unitId: string }> {
  const read = await readLeadSubmission(context);
  if (!read.ok) return { outcome: read, lang: context.locals.lang, unitId: '' };
  const { fields, submission } = read;
  const unitId = typeof fields.unitId === 'string' ? fields.unitId.trim().toLowerCase() : '';
  const result = await reserveUnit(reserveDeps(context.locals.runtime), unitId, submission);
  const outcome: Outcome<Omit<Reserved, 'ok'>> = result.ok
    ? result
    : { ok: false, refusal: leadRefusal(result.reason, result.errors, result.retryAfterSeconds) };
  return { outcome, lang: submission.lang, unitId: context.locals.runtime.catalog.unitById.has(unitId) ? unitId : '' };
}
