/**
 * Stores screened inquiries inside the caller's transaction, as many as come at once (lead-intake-queue.ts
 * stores a batch per transaction, reserve-unit.ts one): each as a new lead with its own reference and its own
 * contact fields, flagged when it shares an identity with a lead of the last 90 days (one stored earlier in the
 * same batch included), with its inquiry and its notices. Existing leads are only read, never changed.
 *
 * One statement per step for the whole batch, not per inquiry: on the embedded database a statement costs far
 * more than a row, and statements run one at a time.
 */
import { randomUUID } from 'node:crypto';
import { insertRows } from '../db/insert-rows.ts';
import { inquiries, leads } from '../db/schema.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { spendFormTokens } from '../security/spend-form-token.ts';
import { newLeadReference } from './lead-reference.ts';
import type { Tx } from '../db/open-database.ts';
import type { LeadSubmission } from './lead-submission.ts';
import type { ScreenedLead } from './check-lead-input.ts';
import { findDuplicateLeads } from './find-duplicate-leads.ts';
import { assignOwners } from '../assignment/assign-owners.ts';
import { responseDueAt, type LeasingSettings } from '../assignment/leasing-settings.ts';

export interface InquiryToStore {
  lead: ScreenedLead;
  request: LeadSubmission;
  now: Date;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
}

export interface StoredInquiry {
  reference: string;
  leadId: string;
  inquiryId: string;
  /** Who will answer, and by when (the acknowledgement the tenant sees). */
  owner: { name: string; email: string; workPhone: string | null } | null;
  responseDueAt: Date;
  /** The rules the promise was made under (for the acknowledgement's words). */
  settings: LeasingSettings;
}

/** `settings`: the leasing rules (assignment, the response target), read by the caller outside the transaction. */
export async function storeInquiries(
  tx: Tx,
  items: InquiryToStore[],
  settings: LeasingSettings,
): Promise<StoredInquiry[]> {
  if (items.length === 0) return [];
  await spendFormTokens(
    tx,
    items.flatMap(({ lead }) => (lead.spentToken ? [lead.spentToken] : [])),
  );
  const leadIds = items.map(() => randomUUID());
  const duplicates = await findDuplicateLeads(
    tx,
    items.map(({ lead, now }, i) => ({ contact: lead, leadId: leadIds[i]!, now })),
  );
  const assignments = await assignOwners(
    tx,
    items.map(({ lead }) => lead),
    settings,
    items[0]!.now,
  );
  const rows = items.map(({ lead, request, now }, i) => {
    const duplicate = duplicates[i];
    const touch = request.lastTouch ?? request.firstTouch;
    return {
      id: leadIds[i]!,
      reference: newLeadReference(),
      companyName: lead.companyName,
      creditCode: lead.creditCode ?? null,
      contactName: lead.contactName,
      mobile: lead.mobile ?? null,
      email: lead.email ?? null,
      industryTrack: lead.industryTrack,
      policyProfile: lead.policyProfile,
      lang: request.lang,
      firstTouch: request.firstTouch ?? touch ?? null,
      lastTouch: touch ?? null,
      createdAt: now,
      updatedAt: now,
      lastInquiryAt: now,
      possibleDuplicateOf: duplicate?.leadId ?? null,
      duplicateReasons: duplicate?.reasons ?? [],
      ownerId: assignments[i]!.owner?.id ?? null,
      responseDueAt: responseDueAt(settings, now),
    };
  });

  // References are random: one already taken gets a new one (the leads that did go in stay in).
  for (let waiting = rows; waiting.length > 0;) {
    const done = new Set(await insertRows(tx, leads, waiting, { skipConflictsOn: leads.reference }));
    waiting = waiting.filter((row) => !done.has(row.id)).map((row) => ({ ...row, reference: newLeadReference() }));
    for (const row of waiting) rows[rows.findIndex((r) => r.id === row.id)] = row;
  }

  const inquiryIds = items.map(() => randomUUID());
  await insertRows(
    tx,
    inquiries,
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
    items.flatMap(({ channels, now, lead, request }, i) => {
      const subject = { leadId: rows[i]!.id, inquiryId: inquiryIds[i] };
      const owner = assignments[i]!.owner;
      return [
        { channels, subject: { ...subject, event: 'lead.created' }, now },
        // The tenant's acknowledgement, and the owner's own notice that the lead is theirs.
        ...(lead.email
          ? [
              {
                channels,
                subject: { ...subject, event: 'lead.acknowledged' },
                now,
                to: { address: lead.email, lang: request.lang },
              },
            ]
          : []),
        ...(owner
          ? [
              {
                channels,
                subject: { ...subject, event: 'lead.assigned' },
                now,
                to: { address: owner.email, lang: 'zh' as const },
              },
            ]
          : []),
      ];
    }),
  );
  return rows.map((row, i) => {
    const owner = assignments[i]!.owner;
    return {
      reference: row.reference,
      leadId: row.id,
      inquiryId: inquiryIds[i]!,
      owner: owner ? { name: owner.name, email: owner.email, workPhone: owner.workPhone } : null,
      responseDueAt: row.responseDueAt,
      settings,
    };
  });
}
