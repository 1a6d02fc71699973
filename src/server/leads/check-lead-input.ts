/**
 * The first step of lead intake, for every inquiry (the form, the API, a reservation): the checks that need no
 * database, so a flood of garbage is refused before it costs a statement: validation (the zod schema the form
 * shares), the honeypot, and the form token's signature and age. What asks the database (a token already spent,
 * the rate limits) is check-lead-limits.ts.
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
import { refuseLead, type LeadRefused, type LeadSubmission } from './lead-submission.ts';

/** An inquiry that passed these checks, with the form token it spends when it is stored. */
export type ScreenedLead = LeadInput & {
  spentToken?: { id: string; expiresAt: Date } | undefined;
  /** The buildings of the units asked about, for assignment by building. */
  buildingIds: string[];
};

/** The inquiry to go on with, or why it is refused. */
export async function checkLeadInput(
  deps: { db: Database; catalog: Catalog },
  submission: LeadSubmission,
): Promise<{ ok: true; lead: ScreenedLead } | LeadRefused> {
  const now = submission.now ?? new Date();
  const parsed = parseLeadInput(submission.raw, {
    thisMonth: todayInBeijing(now).slice(0, 7),
    now,
    resolveUnit: (ref) => resolveUnitRef(ref, unitChoices(deps.catalog)),
    policyProfiles: deps.catalog.policyProfiles.map((p) => p.key),
  });
  if (!parsed.ok) return refuseLead('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuseLead('rejected');
  // Our own pages always send a token; a form post without one is a stale page or a bot. JSON integrations may
  // leave it out and get the stricter limits instead (check-lead-limits.ts).
  if (!lead.formToken && submission.isFormPost) return refuseLead('expired_form');
  let spentToken: ScreenedLead['spentToken'];
  if (lead.formToken) {
    // The secret is read from the database once per process, then kept.
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check.status === 'too_fast') return refuseLead('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check.status !== 'ok') return refuseLead('expired_form');
    spentToken = { id: check.id, expiresAt: check.expiresAt };
  }
  const buildingIds = [...new Set(lead.unitIds.flatMap((id) => deps.catalog.unitById.get(id)?.building ?? []))];
  return { ok: true, lead: { ...lead, spentToken, buildingIds } };
}
