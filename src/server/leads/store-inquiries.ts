/**
 * Stores screened inquiries inside the caller's transaction, as many as come at once (lead-intake-queue.ts
 * stores a batch per transaction, reserve-unit.ts one): each as a new lead with its own reference and its own
 * contact fields, flagged when it shares an identity with a lead of the last 90 days (one stored earlier in the
 * same batch included), with its inquiry and its notices. Existing leads are only read, never changed.
 *
 * One statement per step for the whole batch, not per inquiry: on the embedded database a statement costs far
 * more than a row, and it runs on the thread that also answers every reader.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { executeRows } from '../db/execute-rows.ts';
import { inquiries, leads } from '../db/schema.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { spendFormTokens } from '../security/spend-form-token.ts';
import { newLeadReference } from './lead-reference.ts';
import type { Tx } from '../db/open-database.ts';
import type { LeadSubmission } from './lead-submission.ts';
import type { ScreenedLead } from './screen-lead.ts';
import { DUPLICATE_WINDOW_DAYS } from './find-duplicate-lead.ts';

export interface InquiryToStore {
  lead: ScreenedLead;
  request: LeadSubmission;
  now: Date;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
}

interface StoredInquiry {
  reference: string;
  leadId: string;
  inquiryId: string;
}

type Reason = 'credit_code' | 'mobile' | 'email';
const REASONS: Reason[] = ['credit_code', 'mobile', 'email'];

/** What an inquiry may share with an earlier lead, by reason. */
function identityOf(lead: ScreenedLead): Record<Reason, string | undefined> {
  return { credit_code: lead.creditCode, mobile: lead.mobile, email: lead.email };
}

interface Earlier {
  id: string;
  at: number;
  identity: Record<Reason, string | null | undefined>;
}

export async function storeInquiries(tx: Tx, items: InquiryToStore[]): Promise<StoredInquiry[]> {
  if (items.length === 0) return [];
  await spendFormTokens(
    tx,
    items.flatMap(({ lead }) => (lead.spentToken ? [lead.spentToken] : [])),
  );
  // Serialise inquiries naming the same company or person, so two sent at once (from two processes) still see
  // each other; in one order everywhere, so two batches never wait for each other's locks.
  const lockKeys = [
    ...new Set(
      items.flatMap(({ lead }) =>
        REASONS.flatMap((reason) => (identityOf(lead)[reason] ? [`${reason}:${identityOf(lead)[reason]}`] : [])),
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
    from unnest(${sql.param(items.map(({ lead }) => lead.creditCode ?? null))}::text[],
      ${sql.param(items.map(({ lead }) => lead.mobile ?? null))}::text[],
      ${sql.param(items.map(({ lead }) => lead.email ?? null))}::text[],
      ${sql.param(items.map(({ now }) => new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString()))}::timestamptz[])
      with ordinality as i(credit_code, mobile, email, since, n)
    cross join lateral (
      select id, credit_code, mobile, email, last_inquiry_at from leads
      where last_inquiry_at > i.since and (credit_code = i.credit_code or mobile = i.mobile or email = i.email)
      order by last_inquiry_at desc limit 1) l`,
  );
  const stored: Earlier[] = [];
  const rows = items.map(({ lead, request, now }, i) => {
    const identity = identityOf(lead);
    const shares = (other: Earlier) =>
      REASONS.some((r) => identity[r] !== undefined && other.identity[r] === identity[r]);
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
      ...stored.filter(shares),
    ];
    const earlier = candidates.reduce<Earlier | undefined>((a, b) => (a && a.at > b.at ? a : b), undefined);
    const id = randomUUID();
    stored.push({ id, at: now.getTime(), identity });
    const touch = request.lastTouch ?? request.firstTouch;
    return {
      id,
      reference: newLeadReference(),
      companyName: lead.companyName,
      creditCode: lead.creditCode ?? null,
      contactName: lead.contactName,
      mobile: lead.mobile ?? null,
      email: lead.email ?? null,
      industryTrack: lead.industryTrack,
      lang: request.lang,
      firstTouch: request.firstTouch ?? touch ?? null,
      lastTouch: touch ?? null,
      createdAt: now,
      updatedAt: now,
      lastInquiryAt: now,
      possibleDuplicateOf: earlier?.id ?? null,
      duplicateReasons: earlier
        ? REASONS.filter((r) => identity[r] !== undefined && earlier.identity[r] === identity[r])
        : [],
    };
  });

  // References are random: one already taken gets a new one (the leads that did go in stay in).
  for (let waiting = rows; waiting.length > 0;) {
    const inserted = await tx
      .insert(leads)
      .values(waiting)
      .onConflictDoNothing({ target: leads.reference })
      .returning({ id: leads.id });
    const done = new Set(inserted.map((row) => row.id));
    waiting = waiting.filter((row) => !done.has(row.id)).map((row) => ({ ...row, reference: newLeadReference() }));
    for (const row of waiting) rows[rows.findIndex((r) => r.id === row.id)] = row;
  }

  const inquiryIds = items.map(() => randomUUID());
  await tx.insert(inquiries).values(
    items.map(({ lead, request, now }, i) => ({
      id: inquiryIds[i],
      leadId: rows[i]!.id,
      areaMin: lead.areaMin?.toFixed(2) ?? null,
      areaMax: lead.areaMax?.toFixed(2) ?? null,
      headcount: lead.headcount ?? null,
      moveInMonth: lead.moveInMonth ?? null,
      unitIds: lead.unitIds,
      tourTimes: lead.tourTimes.map((t) => new Date(`${t}:00+08:00`)),
      message: lead.message ?? null,
      touch: request.lastTouch ?? request.firstTouch ?? null,
      pagePath: request.pagePath ?? null,
      channel: request.channel,
      lang: request.lang,
      createdAt: now,
    })),
  );
  await enqueueNoticeBatch(
    tx,
    items.map(({ channels, now }, i) => ({
      channels,
      subject: { event: 'lead.created', leadId: rows[i]!.id, inquiryId: inquiryIds[i] },
      now,
    })),
  );
  return rows.map((row, i) => ({ reference: row.reference, leadId: row.id, inquiryId: inquiryIds[i]! }));
}
