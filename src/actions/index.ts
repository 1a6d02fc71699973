/**
 * Astro actions. `submitLead` is the inquiry form without JavaScript: the browser posts the form to the page
 * it is on, this runs the same intake as POST /api/leads, and the page renders the outcome (lead-action-outcome.ts,
 * with the status of the refusal's code in errors/error-catalogue.ts).
 */
import { defineAction, type ActionAPIContext } from 'astro:actions';
import { formFields } from '../lib/form-fields.ts';
import { leadSubmissionFrom } from '../server/leads/read-lead-submission.ts';
import { submitLead, type SubmitLeadResult } from '../server/leads/submit-lead.ts';
import { acknowledgeLead, pickedTour } from '../server/leads/acknowledge-lead.ts';
import { log } from '../server/log.ts';
import { reserveDeps, tourDeps } from '../server/runtime.ts';
import { reserveUnit, type ReserveResult } from '../server/payments/reserve-unit.ts';

const SAFE_TO_ECHO = [
  'companyName',
  'creditCode',
  'contactName',
  'mobile',
  'email',
  'industryTrack',
  'areaMin',
  'areaMax',
  'headcount',
  'moveInMonth',
  'unitIds',
  'tourTimes',
  'message',
];

type RawForm = Record<string, string | string[]>;

function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/** The posted form as a lead submission, with the request's touches, address and language. */
function formSubmission(context: ActionAPIContext, raw: RawForm) {
  const { request, cookies, locals } = context;
  return leadSubmissionFrom(
    { request, cookies, clientAddress: clientAddressOf(context), lang: locals.lang },
    raw,
    'form',
  );
}

/**
 * A refusal as the page's outcome. The typed values (those safe to echo) go back to the same person's page, so
 * nothing has to be typed again.
 */
function notDone<Reason extends string, Problem>(
  raw: RawForm,
  refusal: { reason: Reason; errors: Problem[]; retryAfterSeconds?: number | null },
) {
  return {
    ok: false as const,
    reason: refusal.reason,
    errors: refusal.errors,
    retryAfterSeconds: refusal.retryAfterSeconds ?? null,
    values: Object.fromEntries(Object.entries(raw).filter(([key]) => SAFE_TO_ECHO.includes(key))),
  };
}

/**
 * A failure while storing (the database, a bug) as the page's outcome: Astro would otherwise turn it into an
 * ActionError carrying the error's message (a database error's quotes what the person typed) and log nothing.
 * The cause is logged by its kind only; the person keeps what they typed and is asked to try again.
 */
function unavailable(action: string, error: unknown, raw: RawForm) {
  log.error('lead.action_failed', { action }, error);
  return notDone(raw, { reason: 'unavailable', errors: [] });
}

export const server = {
  submitLead: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const raw = formFields(form);
      const { runtime } = context.locals;
      const request = formSubmission(context, raw);
      let result: SubmitLeadResult;
      try {
        result = await submitLead(
          { db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick },
          request,
        );
      } catch (error) {
        return unavailable('submitLead', error, raw);
      }
      if (result.ok)
        return {
          ok: true as const,
          reference: result.reference,
          acknowledgement: await acknowledgeLead(runtime.db, result, request.lang, pickedTour(raw, tourDeps(runtime))),
        };
      return notDone(raw, result);
    },
  }),
  /** Reserving without JavaScript: on success the middleware sends the browser on to Checkout. */
  reserveUnit: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const raw = formFields(form);
      const unitId = typeof raw.unitId === 'string' ? raw.unitId : '';
      const request = formSubmission(context, raw);
      let result: ReserveResult;
      try {
        result = await reserveUnit(reserveDeps(context.locals.runtime), unitId, request);
      } catch (error) {
        return unavailable('reserveUnit', error, raw);
      }
      if (result.ok) return { ok: true as const, reference: result.reference, redirectTo: result.stepUrl };
      return notDone(raw, result);
    },
  }),
};
