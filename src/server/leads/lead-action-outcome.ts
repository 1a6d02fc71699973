/**
 * The outcome of an inquiry or reservation form posted without JavaScript, for the page that shows it: what the
 * form shows (the reference, or the refusal with each field's problem and the values typed), and the refusal in
 * the catalogue's terms, which the page answers with (showRefusal: its status and Retry-After). The refusal comes
 * from the page's own Astro action, or from POST /api/leads or /api/reservations, which show a refused form post
 * on the form's page (answer-outcome.ts).
 */
import type { LeadFieldError } from '../../lib/lead-field-errors.ts';
import { isErrorCode, refusalMessage, type Refusal } from '../errors/error-catalogue.ts';
import { describeFieldErrors, type RefusalReason } from './describe-refusal.ts';
import type { Acknowledgement } from './acknowledge-lead.ts';

/** What the LeadForm island takes as its `initial` outcome. */
export type LeadFormOutcome =
  | { ok: true; reference: string; acknowledgement?: Acknowledgement | undefined }
  | {
      ok: false;
      reason: string;
      /** The refusal in words, when it comes from the API (the form words its own refusals otherwise). */
      message?: string;
      /** A field's message comes with it when the form cannot word it itself (a refusal from the API). */
      errors: Array<LeadFieldError & { message?: string }>;
      retryAfterSeconds: number | null;
      values: Record<string, string | string[]>;
    };

interface ActionResultLike {
  data?: unknown;
  error?: unknown;
}

/** The action's data on refusal (src/actions/index.ts). */
interface RefusedData {
  ok: false;
  reason: RefusalReason;
  errors: LeadFieldError[];
  retryAfterSeconds: number | null;
  values: Record<string, string | string[]>;
}

export function leadActionOutcome(
  result: ActionResultLike | undefined,
  handedOver: {
    refusal?: Refusal | undefined;
    reference?: string | null;
    /** From `?ack=`: the acknowledgement of the lead a form post to POST /api/leads stored. */
    acknowledgement?: Acknowledgement | undefined;
    lang: 'zh' | 'en';
  } = { lang: 'zh' },
): { outcome?: LeadFormOutcome; refusal?: Refusal } {
  const data = result?.data as
    { ok: true; reference: string; acknowledgement?: Acknowledgement } | RefusedData | undefined;
  if (data?.ok) return { outcome: { ok: true, reference: data.reference, acknowledgement: data.acknowledgement } };
  if (data)
    return {
      outcome: data,
      refusal: {
        code: isErrorCode(data.reason) ? data.reason : 'invalid',
        errors: describeFieldErrors(data.errors),
        retryAfterSeconds: data.retryAfterSeconds ?? undefined,
      },
    };
  // Astro refused the action itself (its input could not be read).
  if (result?.error) return { refusal: { code: 'invalid_json' } };
  const { refusal, lang, reference, acknowledgement } = handedOver;
  // POST /api/leads sends a form post on to its page with the new reference (`?ref=AIC-…`) and its link's token.
  if (!refusal && reference && /^AIC-[0-9A-Z]{6}$/.test(reference))
    return {
      outcome: {
        ok: true,
        reference,
        acknowledgement: acknowledgement?.reference === reference ? acknowledgement : undefined,
      },
    };
  if (!refusal) return {};
  return {
    refusal,
    outcome: {
      ok: false,
      reason: refusal.code,
      message: refusalMessage(refusal, lang),
      errors: (refusal.errors ?? []).map((e) => ({
        field: e.field,
        code: e.code as LeadFieldError['code'],
        message: e.message[lang],
      })),
      retryAfterSeconds: refusal.retryAfterSeconds ?? null,
      values: {},
    },
  };
}
