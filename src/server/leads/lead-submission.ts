/**
 * What the lead intake takes and how it says no: a submission (the fields as sent, and what the HTTP request
 * tells about them), the reasons for refusing one and their HTTP statuses. Shared by the steps of the intake
 * (check-lead-input.ts, check-lead-limits.ts, store-inquiries.ts), which the form, the API and a reservation
 * take alike.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { LeadFieldError } from '../../lib/lead-field-errors.ts';
import type { Touch } from '../../lib/touch.ts';
import type { StoredInquiry } from './store-inquiries.ts';

export interface LeadSubmission {
  raw: unknown;
  lang: Lang;
  clientIp: string;
  channel: 'form' | 'api';
  /** An HTML form post (the page's form without JavaScript, or a form body to the API): it must carry a form token. */
  isFormPost?: boolean;
  firstTouch?: Touch | undefined;
  lastTouch?: Touch | undefined;
  pagePath?: string | undefined;
  now?: Date;
}

export type SubmitLeadRefusal = 'invalid' | 'rejected' | 'too_fast' | 'expired_form' | 'used_form' | 'rate_limited';

export interface LeadRefused {
  ok: false;
  reason: SubmitLeadRefusal;
  errors: LeadFieldError[];
  retryAfterSeconds?: number;
}

export function refuseLead(reason: SubmitLeadRefusal, extra: Partial<LeadRefused> = {}): LeadRefused {
  return { ok: false, reason, errors: [], ...extra };
}

/** What the intake answers: the new lead's reference, or why it was refused. */
export type SubmitLeadResult = ({ ok: true } & StoredInquiry) | LeadRefused;
