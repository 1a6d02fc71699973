/**
 * Writes notices into the outbox inside the caller's transaction: one per configured channel, or one `held`
 * notice for the console when no channel is configured.
 */
import type { Tx } from '../db/open-database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { notificationOutbox } from '../db/schema.ts';

export interface NoticeSubject {
  event: string;
  leadId: string;
  inquiryId?: string | undefined;
  depositId?: string | undefined;
}

export async function enqueueNotices(
  tx: Tx,
  channels: readonly string[],
  subject: NoticeSubject,
  now: Date = new Date(),
): Promise<void> {
  await enqueueNoticeBatch(tx, [{ channels, subject, now }]);
}

/** The notices of several subjects in one statement (lead intake stores inquiries in batches). */
export async function enqueueNoticeBatch(
  tx: Tx,
  notices: Array<{ channels: readonly string[]; subject: NoticeSubject; now: Date }>,
): Promise<void> {
  const rows = notices.flatMap(({ channels, subject, now }) =>
    (channels.length > 0 ? channels : ['none']).map((channel) => ({
      event: subject.event,
      leadId: subject.leadId,
      inquiryId: subject.inquiryId ?? null,
      depositId: subject.depositId ?? null,
      channel,
      status: channel === 'none' ? ('held' as const) : ('pending' as const),
      createdAt: now,
      nextAttemptAt: now,
    })),
  );
  await insertRows(tx, notificationOutbox, rows);
}
