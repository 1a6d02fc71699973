/**
 * The abuse checks of lead intake that ask the database, for many inquiries at once: a form token already spent,
 * and the per-address and per-contact rate limits. One statement per check for the whole batch; each inquiry is
 * judged as if it had come alone, in order (a later one in the batch sees the hits of the earlier ones).
 */
import type { Database, Tx } from '../db/open-database.ts';
import {
  hitRateLimits,
  LEAD_LIMITS_PER_CONTACT,
  LEAD_LIMITS_PER_IP,
  LEAD_LIMITS_PER_IP_WITHOUT_TOKEN,
  type RateLimit,
} from '../security/rate-limit.ts';
import { findUsedFormTokens } from '../security/spend-form-token.ts';
import type { LeadRefused, LeadSubmission } from './lead-submission.ts';
import type { ScreenedLead } from './check-lead-input.ts';

type Refusal = LeadRefused;

/** The refusal of each inquiry, or undefined for one that passed. */
export async function checkLeadLimits(
  db: Database | Tx,
  items: ReadonlyArray<{ lead: ScreenedLead; request: LeadSubmission }>,
): Promise<Array<Refusal | undefined>> {
  const refusals: Array<Refusal | undefined> = items.map(() => undefined);
  const tokenIds = items.flatMap(({ lead }) => (lead.spentToken ? [lead.spentToken.id] : []));
  const used = await findUsedFormTokens(db, tokenIds);
  items.forEach(({ lead }, i) => {
    if (!lead.spentToken) return;
    // A token twice in one batch: the first goes on, the second is a replay.
    if (used.has(lead.spentToken.id)) refusals[i] = { ok: false, reason: 'used_form', errors: [] };
    used.add(lead.spentToken.id);
  });

  // Per address first (more strictly without a form token), then per contact *from this address*: a person
  // re-sending is slowed down, but nobody can block someone else's mobile (or learn from a 429 that that person
  // inquired within the hour) by sending inquiries in their name. A refused inquiry is not counted further.
  const stages: Array<[RateLimit, (lead: ScreenedLead) => boolean, (item: (typeof items)[number]) => string]> = [
    [LEAD_LIMITS_PER_IP, () => true, ({ request }) => request.clientIp],
    [LEAD_LIMITS_PER_IP_WITHOUT_TOKEN, (lead) => !lead.spentToken, ({ request }) => request.clientIp],
    [
      LEAD_LIMITS_PER_CONTACT,
      () => true,
      ({ lead, request }) => `${request.clientIp}|${lead.mobile ?? lead.email ?? ''}`,
    ],
  ];
  for (const [rule, applies, subject] of stages) {
    const counted = items.flatMap((item, i) => (!refusals[i] && applies(item.lead) ? [i] : []));
    const hits = await hitRateLimits(
      db,
      rule,
      counted.map((i) => subject(items[i]!)),
    );
    counted.forEach((i, k) => {
      const hit = hits[k]!;
      if (!hit.isAllowed)
        refusals[i] = { ok: false, reason: 'rate_limited', errors: [], retryAfterSeconds: hit.retryAfterSeconds };
    });
  }
  return refusals;
}
