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
import { parseLeadInput } from '../../lib/lead-input.ts';
import { resolveUnitRef } from '../../lib/unit-ref.ts';
import { unitChoices } from '../catalog/unit-choices.ts';
import { MIN_FILL_SECONDS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { checkFormToken, FORM_TOKEN_SECRET } from '../security/form-token.ts';
import { queueInquiry } from './lead-intake-queue.ts';
import { refuseLead, type LeadRefused, type LeadSubmission, type SubmitLeadResult } from './lead-submission.ts';
import type { ScreenedLead } from './screen-lead.ts';

export type { SubmitLeadResult };

export interface SubmitLeadDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
  /** Called after a commit so notices go out soon, without the request waiting for them. */
  onStored?: () => void;
}

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, request: LeadSubmission): Promise<SubmitLeadResult> {
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

/** The checks that need no database: validation, the honeypot and the form token's signature and age. */
async function checkLeadInput(
  deps: Pick<SubmitLeadDeps, 'db' | 'catalog'>,
  request: LeadSubmission,
): Promise<{ ok: true; lead: ScreenedLead } | LeadRefused> {
  const now = request.now ?? new Date();
  const parsed = parseLeadInput(request.raw, {
    thisMonth: todayInBeijing(now).slice(0, 7),
    now,
    resolveUnit: (ref) => resolveUnitRef(ref, unitChoices(deps.catalog)),
  });
  if (!parsed.ok) return refuseLead('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuseLead('rejected');
  // Our own pages always send a token; a form post without one is a stale page or a bot. JSON integrations may
  // leave it out and get the stricter limits instead (check-lead-limits.ts).
  if (!lead.formToken && request.isFormPost) return refuseLead('expired_form');
  let spentToken: ScreenedLead['spentToken'];
  if (lead.formToken) {
    // The secret is read from the database once per process, then kept.
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check.status === 'too_fast') return refuseLead('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check.status !== 'ok') return refuseLead('expired_form');
    spentToken = { id: check.id, expiresAt: check.expiresAt };
  }
  return { ok: true, lead: { ...lead, spentToken } };
}
