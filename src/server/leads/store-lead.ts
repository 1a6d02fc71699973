/**
 * The last step of the lead intake, inside the caller's transaction: spends the form token, flags a possible
 * duplicate (find-duplicate-lead.ts), and inserts a new lead in stage New under a reference of its own (another
 * one when the first is taken), its inquiry and the notices to staff (outbox). Existing leads are only read,
 * never changed.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { Tx } from '../db/open-database.ts';
import { inquiries, leads } from '../db/schema.ts';
import { enqueueNotices } from '../notify/enqueue-notices.ts';
import { spendFormTokens } from '../security/spend-form-token.ts';
import type { Touch } from '../../lib/touch.ts';
import { findDuplicateLead } from './find-duplicate-lead.ts';
import { newLeadReference } from './lead-reference.ts';
import type { LeadSubmission } from './lead-submission.ts';
import type { ScreenedLead } from './screen-lead.ts';

/** A screened inquiry with everything storing it needs: no request, no configuration to look up. */
export interface PreparedLead {
  lead: ScreenedLead;
  lang: Lang;
  channel: LeadSubmission['channel'];
  firstTouch: Touch | undefined;
  /** The touch the inquiry is attributed to: the last campaign touch, else the first. */
  touch: Touch | undefined;
  pagePath: string | undefined;
  /** The notification channels configured now; none means notices are held for the console. */
  notifyChannels: readonly string[];
  receivedAt: Date;
}

export interface StoredLead {
  reference: string;
  leadId: string;
  inquiryId: string;
}

export function prepareLead(
  lead: ScreenedLead,
  submission: LeadSubmission,
  notifyChannels: readonly string[],
  receivedAt: Date,
): PreparedLead {
  return {
    lead,
    lang: submission.lang,
    channel: submission.channel,
    firstTouch: submission.firstTouch,
    touch: submission.lastTouch ?? submission.firstTouch,
    pagePath: submission.pagePath,
    notifyChannels,
    receivedAt,
  };
}

/** Stores a prepared inquiry as a new lead with its inquiry and notices. */
export async function storeLead(tx: Tx, prepared: PreparedLead): Promise<StoredLead> {
  const { lead, touch, receivedAt: now } = prepared;
  if (lead.spentToken) await spendFormTokens(tx, [lead.spentToken]);
  const duplicate = await findDuplicateLead(tx, lead, now);

  let row: { id: string; reference: string } | undefined;
  // References are random: one already taken is simply drawn again.
  while (!row) {
    [row] = await tx
      .insert(leads)
      .values({
        reference: newLeadReference(),
        companyName: lead.companyName,
        creditCode: lead.creditCode ?? null,
        contactName: lead.contactName,
        mobile: lead.mobile ?? null,
        email: lead.email ?? null,
        industryTrack: lead.industryTrack,
        lang: prepared.lang,
        firstTouch: prepared.firstTouch ?? touch ?? null,
        lastTouch: touch ?? null,
        createdAt: now,
        updatedAt: now,
        lastInquiryAt: now,
        possibleDuplicateOf: duplicate?.leadId ?? null,
        duplicateReasons: duplicate?.reasons ?? [],
      })
      .onConflictDoNothing({ target: leads.reference })
      .returning({ id: leads.id, reference: leads.reference });
  }
  const { id: leadId, reference } = row;

  const [inquiry] = await tx
    .insert(inquiries)
    .values({
      leadId,
      areaMin: lead.areaMin?.toFixed(2) ?? null,
      areaMax: lead.areaMax?.toFixed(2) ?? null,
      headcount: lead.headcount ?? null,
      moveInMonth: lead.moveInMonth ?? null,
      unitIds: lead.unitIds,
      tourTimes: lead.tourTimes.map((t) => new Date(`${t}:00+08:00`)),
      message: lead.message ?? null,
      touch: touch ?? null,
      pagePath: prepared.pagePath ?? null,
      channel: prepared.channel,
      lang: prepared.lang,
      createdAt: now,
    })
    .returning({ id: inquiries.id });

  await enqueueNotices(tx, prepared.notifyChannels, { event: 'lead.created', leadId, inquiryId: inquiry!.id }, now);
  return { reference, leadId, inquiryId: inquiry!.id };
}
