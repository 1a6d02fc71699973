/**
 * Astro actions. `submitLead` is the inquiry form without JavaScript: the browser posts the form to the page
 * it is on, this runs the same intake as POST /api/leads, and the page renders the outcome.
 */
import { defineAction } from 'astro:actions';
import { formDataToLeadRaw } from '../lib/lead-input.ts';
import { leadRequestFrom } from '../server/leads/lead-request.ts';
import { REFUSAL_STATUS, submitLead } from '../server/leads/submit-lead.ts';

const SAFE_TO_ECHO = ['companyName', 'creditCode', 'contactName', 'mobile', 'email', 'industryTrack', 'areaMin', 'areaMax', 'headcount', 'moveInMonth', 'unitIds', 'tourTimes', 'message'];

export const server = {
  submitLead: defineAction({
    accept: 'form',
    handler: async (form, context) => {
      const raw = formDataToLeadRaw(form);
      const { runtime } = context.locals;
      let clientAddress: string | undefined;
      try {
        clientAddress = context.clientAddress;
      } catch {
        clientAddress = undefined;
      }
      const request = leadRequestFrom({ request: context.request, cookies: context.cookies, clientAddress, lang: context.locals.lang }, raw, 'form');
      const result = await submitLead({ db: runtime.db, catalog: runtime.catalog, channels: runtime.notifyChannels, onStored: runtime.outbox.kick }, request);
      if (result.ok) return { ok: true as const, reference: result.reference, isNewLead: result.isNewLead };
      // The typed values go back to the same person's page so nothing has to be typed again.
      const values = Object.fromEntries(Object.entries(raw).filter(([key]) => SAFE_TO_ECHO.includes(key)));
      return { ok: false as const, status: REFUSAL_STATUS[result.reason], reason: result.reason, errors: result.errors, retryAfterSeconds: result.retryAfterSeconds ?? null, values };
    },
  }),
};
