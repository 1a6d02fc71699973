/**
 * The first step of the lead intake, before anything is stored: validation (the zod schema the form shares) and
 * the abuse checks: the honeypot, the form token (too fast, expired, used) and the rate limits per address and
 * per contact from that address.
 */
import { parseLeadInput, type LeadInput } from '../../lib/lead-input.ts';
import { MIN_FILL_SECONDS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import { resolveUnitRef } from '../../lib/unit-ref.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitChoices } from '../catalog/unit-choices.ts';
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { checkFormToken, FORM_TOKEN_SECRET } from '../security/form-token.ts';
import {
  hitRateLimit,
  LEAD_LIMITS_PER_CONTACT,
  LEAD_LIMITS_PER_IP,
  LEAD_LIMITS_PER_IP_WITHOUT_TOKEN,
} from '../security/rate-limit.ts';
import { findUsedFormTokens } from '../security/spend-form-token.ts';
import { refuseLead, type LeadRefused, type LeadSubmission } from './lead-submission.ts';

/** An inquiry that passed screening, with the form token it spends when it is stored. */
export type ScreenedLead = LeadInput & { spentToken?: { id: string; expiresAt: Date } | undefined };

/** Validates a submission and applies the abuse checks: the lead to store, or why not. */
export async function screenLead(
  deps: { db: Database; catalog: Catalog },
  submission: LeadSubmission,
): Promise<{ ok: true; lead: ScreenedLead } | LeadRefused> {
  const now = submission.now ?? new Date();
  const parsed = parseLeadInput(submission.raw, {
    thisMonth: todayInBeijing(now).slice(0, 7),
    now,
    resolveUnit: (ref) => resolveUnitRef(ref, unitChoices(deps.catalog)),
  });
  if (!parsed.ok) return refuseLead('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuseLead('rejected');
  // Our own pages always send a token; a form post without one is a stale page or a bot. JSON integrations may
  // leave it out and get the stricter limits below instead.
  if (!lead.formToken && submission.isFormPost) return refuseLead('expired_form');
  let spentToken: ScreenedLead['spentToken'];
  if (lead.formToken) {
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check.status === 'too_fast') return refuseLead('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check.status !== 'ok') return refuseLead('expired_form');
    if ((await findUsedFormTokens(deps.db, [check.id])).has(check.id)) return refuseLead('used_form');
    spentToken = { id: check.id, expiresAt: check.expiresAt };
  }

  const ipLimits = spentToken ? [LEAD_LIMITS_PER_IP] : [LEAD_LIMITS_PER_IP, LEAD_LIMITS_PER_IP_WITHOUT_TOKEN];
  for (const rule of ipLimits) {
    const perIp = await hitRateLimit(deps.db, rule, submission.clientIp);
    if (!perIp.isAllowed) return refuseLead('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
  }
  // Per contact *from this address*: a person re-sending is slowed down, but nobody can block someone else's mobile
  // (or learn from a 429 that that person inquired within the hour) by sending inquiries in their name.
  const perContact = await hitRateLimit(
    deps.db,
    LEAD_LIMITS_PER_CONTACT,
    `${submission.clientIp}|${lead.mobile ?? lead.email ?? ''}`,
  );
  if (!perContact.isAllowed) return refuseLead('rate_limited', { retryAfterSeconds: perContact.retryAfterSeconds });
  return { ok: true, lead: { ...lead, spentToken } };
}
