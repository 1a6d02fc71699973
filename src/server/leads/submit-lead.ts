/**
 * Lead intake: validates an inquiry, applies the abuse checks, and stores it in one transaction as a new lead in
 * stage New, together with the notices to staff (outbox). Nothing is stored when anything is refused. What needs
 * no database (validation, the honeypot, the form token's signature) is refused at once; the rest is done for
 * many inquiries at a time (lead-intake-queue.ts: check-lead-limits.ts, then store-inquiries.ts).
 *
 * Every inquiry gets a lead and a reference of its own, even when it names the mobile, email or credit code of
 * an existing lead: the sender is not verified, so they may neither add to nor learn about someone else's lead
 * (the answer is the same either way). Such a lead is flagged `possible_duplicate_of` for staff to merge.
 */
import type { Lang } from '../../i18n/lang.ts';
import { parseLeadInput, type LeadInput } from '../../lib/lead-input.ts';
import type { LeadFieldError } from '../../lib/lead-field-errors.ts';
import { resolveUnitRef } from '../../lib/unit-ref.ts';
import { unitChoices } from '../catalog/unit-choices.ts';
import { MIN_FILL_SECONDS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { checkFormToken } from '../security/form-token.ts';
import type { Touch } from './attribution.ts';
import { checkLeadLimits } from './check-lead-limits.ts';
import { queueInquiry } from './lead-intake-queue.ts';
import { storeInquiries } from './store-inquiries.ts';

export { DUPLICATE_WINDOW_DAYS } from './store-inquiries.ts';
export const FORM_TOKEN_SECRET = 'form-token';

export interface SubmitLeadDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
  /** Called after a commit so notices go out soon, without the request waiting for them. */
  onStored?: () => void;
}

export interface SubmitLeadRequest {
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

export type SubmitLeadResult =
  | { ok: true; reference: string; leadId: string; inquiryId: string }
  | { ok: false; reason: SubmitLeadRefusal; errors: LeadFieldError[]; retryAfterSeconds?: number };

/** HTTP status for each refusal. */
export const REFUSAL_STATUS: Record<SubmitLeadRefusal, number> = {
  invalid: 400,
  rejected: 400,
  too_fast: 429,
  expired_form: 400,
  used_form: 409,
  rate_limited: 429,
};

/** An inquiry that passed screening, with the form token it spends when it is stored. */
export type ScreenedLead = LeadInput & { spentToken?: { id: string; expiresAt: Date } | undefined };

function refuse(
  reason: SubmitLeadRefusal,
  extra: Partial<Extract<SubmitLeadResult, { ok: false }>> = {},
): Extract<SubmitLeadResult, { ok: false }> {
  return { ok: false, reason, errors: [], ...extra };
}

/** A transaction (or the database itself) to run statements in. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, request: SubmitLeadRequest): Promise<SubmitLeadResult> {
  const checked = await checkLeadInput(deps, request);
  if (!checked.ok) return checked;
  return queueInquiry(deps.db, {
    lead: checked.lead,
    request,
    now: request.now ?? new Date(),
    channels: deps.channels,
    onStored: deps.onStored,
  });
}

/** Validation and the abuse checks, before anything is stored. */
export async function screenLead(
  deps: Pick<SubmitLeadDeps, 'db' | 'catalog'>,
  request: SubmitLeadRequest,
): Promise<{ ok: true; lead: ScreenedLead } | Extract<SubmitLeadResult, { ok: false }>> {
  const checked = await checkLeadInput(deps, request);
  if (!checked.ok) return checked;
  const [refusal] = await checkLeadLimits(deps.db, [{ lead: checked.lead, request }]);
  return refusal ?? checked;
}

/** The checks that need no database: validation, the honeypot and the form token's signature and age. */
async function checkLeadInput(
  deps: Pick<SubmitLeadDeps, 'db' | 'catalog'>,
  request: SubmitLeadRequest,
): Promise<{ ok: true; lead: ScreenedLead } | Extract<SubmitLeadResult, { ok: false }>> {
  const now = request.now ?? new Date();
  const parsed = parseLeadInput(request.raw, {
    thisMonth: todayInBeijing(now).slice(0, 7),
    now,
    resolveUnit: (ref) => resolveUnitRef(ref, unitChoices(deps.catalog)),
  });
  if (!parsed.ok) return refuse('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuse('rejected');
  // Our own pages always send a token; a form post without one is a stale page or a bot. JSON integrations may
  // leave it out and get the stricter limits instead (check-lead-limits.ts).
  if (!lead.formToken && request.isFormPost) return refuse('expired_form');
  let spentToken: ScreenedLead['spentToken'];
  if (lead.formToken) {
    // The secret is read from the database once per process, then kept.
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check.status === 'too_fast') return refuse('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check.status !== 'ok') return refuse('expired_form');
    spentToken = { id: check.id, expiresAt: check.expiresAt };
  }
  return { ok: true, lead: { ...lead, spentToken } };
}

/**
 * Stores a screened inquiry inside the caller's transaction (store-inquiries.ts): always a new lead with its own
 * reference and contact fields, flagged when it shares an identity with a lead of the last 90 days; with its notices.
 */
export async function storeInquiry(
  tx: Tx,
  notifyChannels: readonly string[],
  lead: ScreenedLead,
  request: SubmitLeadRequest,
  now: Date,
) {
  const [stored] = await storeInquiries(tx, [{ lead, request, now, channels: notifyChannels }]);
  return stored!;
}
