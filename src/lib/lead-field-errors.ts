/**
 * What the browser needs of an inquiry without the schema: the field-error shape and the message parameters of
 * an error. Kept apart from `lead-input.ts` so that the
 * LeadForm island loads zod only when a visitor submits (zod is most of the island's weight).
 */

export type LeadErrorCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'invalid_credit_code'
  | 'invalid_mobile'
  | 'invalid_email'
  | 'contact_required'
  | 'invalid_option'
  | 'not_a_number'
  | 'out_of_range'
  | 'reversed_range'
  | 'invalid_month'
  | 'month_in_past'
  | 'invalid_tour_time'
  | 'tour_in_past'
  | 'too_many'
  | 'invalid_unit'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'consent_required'
  | 'invalid_type';

export interface LeadFieldError {
  field: string;
  code: LeadErrorCode;
  /** What the message names: the typed value, the choices of an ambiguous unit (`choices_zh`, `choices_en`). */
  params?: Record<string, string>;
}

/** The message parameters of a field error in one language (`choices` picked from `choices_<lang>`). */
export function errorParams(error: LeadFieldError, lang: 'zh' | 'en'): Record<string, string> {
  const params = error.params ?? {};
  return { ...params, choices: params[`choices_${lang}`] ?? '' };
}
