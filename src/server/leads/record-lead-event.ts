/**
 * Writes one entry of a lead's timeline (the lead page's history) in the caller's transaction. Every change to a
 * lead, its deposits and its holds comes here, so the timeline and the change commit together or not at all.
 */
import type { Tx } from '../db/open-database.ts';
import { leadEvents } from '../db/schema.ts';

/** What a timeline entry records; each has a zh and en label (messages.ts, `console.lead.kinds`). */
type LeadEventKind =
  | 'stage_changed'
  | 'owner_changed'
  | 'note'
  | 'task_added'
  | 'task_done'
  | 'tour_scheduled'
  | 'tour_booked'
  | 'tour_rescheduled'
  | 'tour_cancelled'
  | 'tour_colleagues'
  | 'tour_outcome'
  | 'contact_logged'
  | 'escalated'
  | 'proposal_drafted'
  | 'proposal_approved'
  | 'proposal_rejected'
  | 'proposal_sent'
  | 'proposal_question'
  | 'proposal_accepted'
  | 'proposal_withdrawn'
  | 'merged'
  | 'erased'
  | 'deposit_started'
  | 'deposit_paid'
  | 'deposit_released'
  | 'deposit_late_payment'
  | 'refund_requested'
  | 'refund_retried'
  | 'refund_failed'
  | 'deposit_refunded';

export interface LeadEvent {
  leadId: string;
  kind: LeadEventKind;
  data?: Record<string, unknown>;
  /** A member of staff's email; the portal's own doings are `system`. */
  actor?: string;
  /** When it happened; now when left out. */
  at?: Date;
}

export async function recordLeadEvent(tx: Tx, event: LeadEvent): Promise<void> {
  await tx.insert(leadEvents).values({
    leadId: event.leadId,
    kind: event.kind,
    data: event.data ?? {},
    actor: event.actor ?? 'system',
    ...(event.at ? { createdAt: event.at } : {}),
  });
}
