/**
 * Where a new lead is checked for duplicates. Duplicates are flagged, never joined: an inquiry that shares its
 * credit code, mobile or email with a lead whose last inquiry was within DUPLICATE_WINDOW_DAYS still becomes a lead
 * of its own, marked `possible_duplicate_of` that lead with the reasons, for staff to merge (merge-leads.ts).
 *
 * It works on a batch of inquiries (lead-intake-queue.ts stores many at once, reserve-unit.ts one): an inquiry may
 * also duplicate one stored earlier in the same batch.
 */
import { sql } from 'drizzle-orm';
import type { LeadInput } from '../../lib/lead-input.ts';
import { executeRows } from '../db/execute-rows.ts';
import type { Tx } from '../db/open-database.ts';

export const DUPLICATE_WINDOW_DAYS = 90;

type DuplicateReason = 'credit_code' | 'mobile' | 'email';
const REASONS: DuplicateReason[] = ['credit_code', 'mobile', 'email'];

/** The earlier lead a new one may duplicate, and what they share. */
export interface PossibleDuplicate {
  leadId: string;
  reasons: DuplicateReason[];
}

type Contact = Pick<LeadInput, 'creditCode' | 'mobile' | 'email'>;
type Identity = Record<DuplicateReason, string | null | undefined>;

/** What an inquiry may share with an earlier lead, by reason. */
function identityOf(contact: Contact): Identity {
  return { credit_code: contact.creditCode, mobile: contact.mobile, email: contact.email };
}

interface Earlier {
  id: string;
  at: number;
  identity: Identity;
}

/**
 * For each inquiry (in the order they will be stored, each to become the lead `leadId`), the most recent lead of
 * the last DUPLICATE_WINDOW_DAYS sharing an identity with it, in the database or earlier in the batch. Run it in
 * the transaction that then stores the new leads: it locks each identity until that transaction ends, so two
 * inquiries sent at once (from two processes), naming the same company or person, still see each other.
 */
export async function findDuplicateLeads(
  tx: Tx,
  items: ReadonlyArray<{ contact: Contact; leadId: string; now: Date }>,
): Promise<Array<PossibleDuplicate | undefined>> {
  if (items.length === 0) return [];
  // In one order everywhere, so two batches never wait for each other's locks.
  const lockKeys = [
    ...new Set(
      items.flatMap(({ contact }) =>
        Object.entries(identityOf(contact)).flatMap(([reason, value]) => (value ? [`${reason}:${value}`] : [])),
      ),
    ),
  ].sort((a, b) => a.localeCompare(b));
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sql.param(lockKeys)}::text[]) as k`,
  );

  // The latest lead of the window sharing any identity, per inquiry (the schema requires a mobile or an email).
  const found = await executeRows<{
    n: number;
    id: string;
    credit_code: string | null;
    mobile: string | null;
    email: string | null;
    at_ms: number;
  }>(
    tx,
    sql`
    select i.n, l.id, l.credit_code, l.mobile, l.email, (extract(epoch from l.last_inquiry_at) * 1000)::float8 as at_ms
    from unnest(${sql.param(items.map(({ contact }) => contact.creditCode ?? null))}::text[],
      ${sql.param(items.map(({ contact }) => contact.mobile ?? null))}::text[],
      ${sql.param(items.map(({ contact }) => contact.email ?? null))}::text[],
      ${sql.param(items.map(({ now }) => new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString()))}::timestamptz[])
      with ordinality as i(credit_code, mobile, email, since, n)
    cross join lateral (
      select id, credit_code, mobile, email, last_inquiry_at from leads
      where last_inquiry_at > i.since and (credit_code = i.credit_code or mobile = i.mobile or email = i.email)
      order by last_inquiry_at desc limit 1) l`,
  );

  const stored: Earlier[] = [];
  return items.map(({ contact, leadId, now }, i) => {
    const identity = identityOf(contact);
    const sharedWith = (other: Earlier) =>
      REASONS.filter((r) => identity[r] !== undefined && identity[r] !== null && other.identity[r] === identity[r]);
    const inDatabase = found.find((row) => Number(row.n) === i + 1);
    // An inquiry stored earlier in this batch is as recent as any lead in the database, or more.
    const candidates: Earlier[] = [
      ...(inDatabase
        ? [
            {
              id: inDatabase.id,
              at: Number(inDatabase.at_ms),
              identity: { credit_code: inDatabase.credit_code, mobile: inDatabase.mobile, email: inDatabase.email },
            },
          ]
        : []),
      ...stored.filter((other) => sharedWith(other).length > 0),
    ];
    const earlier = candidates.reduce<Earlier | undefined>((a, b) => (a && a.at > b.at ? a : b), undefined);
    stored.push({ id: leadId, at: now.getTime(), identity });
    return earlier ? { leadId: earlier.id, reasons: sharedWith(earlier) } : undefined;
  });
}
