/**
 * Where a new lead is checked for duplicates. Duplicates are flagged, never joined: an inquiry that shares its
 * credit code, mobile or email with a lead whose last inquiry was within DUPLICATE_WINDOW_DAYS still becomes a lead
 * of its own, marked `possible_duplicate_of` that lead with the reasons, for staff to merge (merge-leads.ts).
 */
import { and, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { LeadInput } from '../../lib/lead-input.ts';
import type { Tx } from '../db/open-database.ts';
import { leads } from '../db/schema.ts';

export const DUPLICATE_WINDOW_DAYS = 90;

type DuplicateReason = 'credit_code' | 'mobile' | 'email';

/** The earlier lead a new one may duplicate, and what they share. */
export interface PossibleDuplicate {
  leadId: string;
  reasons: DuplicateReason[];
}

/** Something an inquiry may share with an earlier lead: the reason staff see, the value, and its condition. */
interface Identity {
  reason: DuplicateReason;
  value: string;
  matches: SQL;
}

function identities(contact: Pick<LeadInput, 'creditCode' | 'mobile' | 'email'>): Identity[] {
  const found: Identity[] = [];
  if (contact.creditCode)
    found.push({ reason: 'credit_code', value: contact.creditCode, matches: eq(leads.creditCode, contact.creditCode) });
  if (contact.mobile)
    found.push({ reason: 'mobile', value: contact.mobile, matches: eq(leads.mobile, contact.mobile) });
  if (contact.email) found.push({ reason: 'email', value: contact.email, matches: eq(leads.email, contact.email) });
  return found;
}

/**
 * The most recent lead of the last DUPLICATE_WINDOW_DAYS sharing an identity with `contact`, if any. Run it in the
 * transaction that then stores the new lead: it locks each identity until that transaction ends, so two inquiries
 * sent at once, naming the same company or person, still see each other.
 */
export async function findDuplicateLead(
  tx: Tx,
  contact: Pick<LeadInput, 'creditCode' | 'mobile' | 'email'>,
  now: Date,
): Promise<PossibleDuplicate | undefined> {
  const keys = identities(contact);
  // Sorted, so two transactions take the locks of the identities they share in the same order.
  for (const key of [...keys].sort((a, b) => `${a.reason}:${a.value}`.localeCompare(`${b.reason}:${b.value}`))) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${key.reason}:${key.value}`}, 0))`);
  }

  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  // The schema requires a mobile or an email, so there is always at least one identity to match.
  const [earlier] = await tx
    .select({ id: leads.id, creditCode: leads.creditCode, mobile: leads.mobile, email: leads.email })
    .from(leads)
    .where(and(gt(leads.lastInquiryAt, since), or(sql`false`, ...keys.map((k) => k.matches))))
    .orderBy(desc(leads.lastInquiryAt))
    .limit(1);
  if (!earlier) return undefined;
  const reasons = keys
    .filter((k) => (k.reason === 'credit_code' ? earlier.creditCode : earlier[k.reason]) === k.value)
    .map((k) => k.reason);
  return { leadId: earlier.id, reasons };
}
