/**
 * Astro actions. `submitLead` is the inquiry form without JavaScript: the browser posts the form to the page
 * it is on, this runs the same intake as POST /api/leads, and the page renders the outcome (lead-action-outcome.ts,
 * with the status of the refusal's code in errors/error-catalogue.ts).
 */
import { defineAction } from 'astro:actions';
import { formFields } from '../lib/form-fields.ts';
import { leadSubmissionFrom } from '../server/leads/read-lead-submission.ts';
import { submitLead, type SubmitLeadResult } from '../server/leads/submit-lead.ts';
import { log } from '../server/log.ts';
import { reserveDeps } from '../server/runtime.ts';
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

function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

function echoValues(raw: Record<string, string | string[]>) {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => SAFE_TO_ECHO.includes(key)));
}

/**
 * A failure while storing (the database, a bug) as the page's outcome: Astro would otherwise turn it into an
 * ActionError carrying the error's message (a database error's quotes what the person typed) and log nothing.
 * The cause is logged by its kind only; the person keeps what they typed and is asked to try again.
 */
function unavailable(action: string, error: unknown, raw: Record<string, string | string[]>) {
  log.error('lead.action_failed', { action }, error);
  return {
    ok: false as const,
    reason: 'unavailable' as const,
    errors: [],
    retryAfterSeconds: null,
    values: echoValues(raw),
  };
}

export const server = {
  submitLead: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const raw = formFields(form);
      const { runtime } = context.locals;
      const request = leadSubmissionFrom(
        {
          request: context.request,
          cookies: context.cookies,
          clientAddress: clientAddressOf(context),
          lang: context.locals.lang,
        },
        raw,
        'form',
      );
      let result: SubmitLeadResult;
      try {
        result = await submitLead(
          { db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick },
          request,
        );
      } catch (error) {
        return unavailable('submitLead', error, raw);
      }
      if (result.ok) return { ok: true as const, reference: result.reference };
      // The typed values go back to the same person's page so nothing has to be typed again.
      return {
        ok: false as const,
        reason: result.reason,
        errors: result.errors,
        retryAfterSeconds: result.retryAfterSeconds ?? null,
        values: echoValues(raw),
      };
    },
  }),
  /** Reserving without JavaScript: on success the middleware sends the browser on to Checkout. */
  reserveUnit: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const raw = formFields(form);
      const unitId = typeof raw.unitId === 'string' ? raw.unitId : '';
      const request = leadSubmissionFrom(
        {
          request: context.request,
          cookies: context.cookies,
          clientAddress: clientAddressOf(context),
          lang: context.locals.lang,
        },
        raw,
        'form',
      );
      let result: ReserveResult;
      try {
        result = await reserveUnit(reserveDeps(context.locals.runtime), unitId, request);
      } catch (error) {
        return unavailable('reserveUnit', error, raw);
      }
      if (result.ok) return { ok: true as const, reference: result.reference, redirectTo: result.stepUrl };
      return {
        ok: false as const,
        reason: result.reason,
        errors: result.errors,
        retryAfterSeconds: result.retryAfterSeconds ?? null,
        values: echoValues(raw),
      };
    },
  }),
};
