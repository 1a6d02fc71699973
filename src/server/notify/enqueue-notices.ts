/**
 * Writes notices into the outbox inside the caller's transaction: one per configured channel, or one `held`
 * notice for the console when no channel is configured.
 */
import type { Tx } from '../db/open-database.ts';
import { insertRows } from '../db/insert-rows.ts';
import { notificationOutbox } from '../db/schema.ts';

export interface NoticeSubject {
  event: string;
  /** The lead it is about; none for a saved search's alerts. */
  leadId?: string | undefined;
  inquiryId?: string | undefined;
  depositId?: string | undefined;
  tourId?: string | undefined;
  proposalId?: string | undefined;
  subscriptionId?: string | undefined;
}

/**
 * The channel that writes to one person by e-mail (notify/channels.ts): configured with an SMTP server. Notices
 * to the team go to every other configured channel; a notice to a person goes here, or is held without it.
 */
export const PERSONAL_CHANNEL = 'mail';

/** A notice to one person rather than to the team: their address and language. */
export interface Recipient {
  address: string;
  lang: 'zh' | 'en';
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
  notices: Array<{
    channels: readonly string[];
    subject: NoticeSubject;
    now: Date;
    /** For one person; the team's channels when left out. */
    to?: Recipient | undefined;
    /** Not before this moment (a reminder); now when left out. */
    sendAt?: Date | undefined;
  }>,
): Promise<void> {
  const rows = notices.flatMap(({ channels, subject, now, to, sendAt }) => {
    const teamChannels = channels.filter((c) => c !== PERSONAL_CHANNEL);
    const targets = to ? (channels.includes(PERSONAL_CHANNEL) ? [PERSONAL_CHANNEL] : []) : teamChannels;
    return (targets.length > 0 ? targets : ['none']).map((channel) => ({
      event: subject.event,
      leadId: subject.leadId ?? null,
      inquiryId: subject.inquiryId ?? null,
      depositId: subject.depositId ?? null,
      tourId: subject.tourId ?? null,
      proposalId: subject.proposalId ?? null,
      subscriptionId: subject.subscriptionId ?? null,
      recipient: to?.address ?? null,
      lang: to?.lang ?? null,
      channel,
      status: channel === 'none' ? ('held' as const) : ('pending' as const),
      createdAt: now,
      nextAttemptAt: sendAt ?? now,
    }));
  });
  await insertRows(tx, notificationOutbox, rows);
}
