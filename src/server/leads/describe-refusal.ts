/**
 * A refused inquiry or reservation in the catalogue's terms (errors/error-catalogue.ts): the reason as the code,
 * and each field's problem worded in both languages.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import { messages } from '../../i18n/messages.ts';
import { errorParams, type LeadFieldError } from '../../lib/lead-field-errors.ts';
import type { FieldProblem, Refusal } from '../errors/error-catalogue.ts';

export type RefusalReason =
  | 'invalid'
  | 'rejected'
  | 'too_fast'
  | 'expired_form'
  | 'used_form'
  | 'rate_limited'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'unit_taken'
  | 'unit_first_refusal'
  | 'unknown_unit'
  | 'payment_unavailable'
  | 'unavailable';

/** Field messages in both languages. */
export function describeFieldErrors(errors: readonly LeadFieldError[]): FieldProblem[] {
  return errors.map((e) => {
    const word = (lang: 'zh' | 'en') =>
      formatMessage(messages(lang).lead.errors[e.code], {
        ...errorParams(e, lang),
        label: (messages(lang).lead.fields as Record<string, string>)[e.field] ?? e.field,
      });
    return { field: e.field, code: e.code, message: { zh: word('zh'), en: word('en') } };
  });
}

/** The refusal of an inquiry or a reservation. */
export function leadRefusal(
  reason: RefusalReason,
  errors: readonly LeadFieldError[] = [],
  retryAfterSeconds?: number,
): Refusal {
  return { code: reason, errors: describeFieldErrors(errors), retryAfterSeconds };
}
