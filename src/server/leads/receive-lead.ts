/**
 * POST /api/leads: reads the request (JSON or form body, cookies, client address) and runs the intake
 * (submit-lead.ts), with any refusal in the catalogue's terms.
 */
import type { APIContext } from 'astro';
import type { Lang } from '../../i18n/lang.ts';
import type { Outcome } from '../errors/answer-outcome.ts';
import { leadRefusal } from './describe-refusal.ts';
import { readLeadSubmission } from './read-lead-submission.ts';
import { submitLead } from './submit-lead.ts';
import { acknowledgeLead, pickedTour, type Acknowledgement } from './acknowledge-lead.ts';
import { tourDeps } from '../runtime.ts';

/** The outcome, and the language the person wrote in (for the page a form post goes on to). */
export async function receiveLead(
  context: APIContext,
): Promise<{ outcome: Outcome<{ reference: string; acknowledgement: Acknowledgement }>; lang: Lang }> {
  const read = await readLeadSubmission(context);
  if (!read.ok) return { outcome: read, lang: context.locals.lang };
  const { runtime } = context.locals;
  const result = await submitLead(
    { db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick },
    read.submission,
  );
  const outcome: Outcome<{ reference: string; acknowledgement: Acknowledgement }> = result.ok
    ? {
        ok: true,
        reference: result.reference,
        acknowledgement: await acknowledgeLead(
          runtime.db,
          result,
          read.submission.lang,
          pickedTour(read.submission.raw, tourDeps(runtime)),
        ),
      }
    : { ok: false, refusal: leadRefusal(result.reason, result.errors, result.retryAfterSeconds) };
  return { outcome, lang: read.submission.lang };
}
