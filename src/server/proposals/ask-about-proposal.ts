/**
 * The tenant asks about a sent proposal version, or asks for changes, from the proposal page. The words go on the
 * lead's timeline and the owner (and the team's channels) are told; the tenant sees their messages on the page.
 * One link may ask at most PROPOSAL_MESSAGES_PER_LEAD times an hour, as each sends notices.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { leadEvents, leads, proposals } from '../db/schema.ts';
import { recordLeadEvent } from '../leads/record-lead-event.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { hitRateLimit, PROPOSAL_MESSAGES_PER_LEAD } from '../security/rate-limit.ts';

export const QUESTION_KINDS = ['question', 'changes'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type AskResult =
  { ok: true } | { ok: false; code: 'not_found' | 'proposal_withdrawn' | 'rate_limited'; retryAfterSeconds?: number };

export async function askAboutProposal(
  deps: { db: Database; notifyChannels: readonly string[]; outbox?: { kick(): void } | undefined },
  proposalId: string,
  question: { kind: QuestionKind; message: string },
  now: Date = new Date(),
): Promise<AskResult> {
  const [proposal] = await deps.db
    .select({ leadId: proposals.leadId, version: proposals.version, status: proposals.status })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  if (!proposal) return { ok: false, code: 'not_found' };
  if (!['sent', 'superseded', 'accepted'].includes(proposal.status)) return { ok: false, code: 'proposal_withdrawn' };
  const limit = await hitRateLimit(deps.db, PROPOSAL_MESSAGES_PER_LEAD, proposal.leadId);
  if (!limit.isAllowed) return { ok: false, code: 'rate_limited', retryAfterSeconds: limit.retryAfterSeconds };
  await deps.db.transaction(async (tx) => {
    await recordLeadEvent(tx, {
      leadId: proposal.leadId,
      kind: 'proposal_question',
      data: { proposalId, version: proposal.version, question: question.kind, message: question.message },
      actor: 'tenant',
      at: now,
    });
    const [owner] = await tx
      .select({ email: staffUsers.email })
      .from(leads)
      .innerJoin(staffUsers, eq(staffUsers.id, leads.ownerId))
      .where(eq(leads.id, proposal.leadId));
    const subject = { event: 'proposal.question', leadId: proposal.leadId, proposalId };
    await enqueueNoticeBatch(tx, [
      { channels: deps.notifyChannels, subject, now },
      ...(owner
        ? [{ channels: deps.notifyChannels, subject, to: { address: owner.email, lang: 'zh' as const }, now }]
        : []),
    ]);
  });
  deps.outbox?.kick();
  return { ok: true };
}

/** The tenant's messages about a lead's proposals, newest first, for the proposal page. */
export async function proposalQuestions(db: Database, leadId: string) {
  const rows = await db
    .select({ at: leadEvents.createdAt, data: leadEvents.data })
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), inArray(leadEvents.kind, ['proposal_question'])))
    .orderBy(desc(leadEvents.createdAt))
    .limit(50);
  return rows.map((row) => {
    const data = (row.data ?? {}) as Record<string, unknown>;
    return {
      at: row.at,
      version: Number(data.version ?? 0),
      kind: data.question === 'changes' ? ('changes' as const) : ('question' as const),
      message: String(data.message ?? ''),
    };
  });
}
