/**
 * Lead intake: validates an inquiry, applies the abuse checks, and stores it in one transaction as a new lead in
 * stage New, together with the notices to staff (outbox). Nothing is stored when anything is refused. The steps,
 * one file each: check-lead-input.ts (no database: refused at once), then, for many inquiries at a time
 * (lead-intake-queue.ts), check-lead-limits.ts and store-inquiries.ts (which flags duplicates:
 * find-duplicate-leads.ts). A reservation (reserve-unit.ts) takes the same steps for its inquiry.
 *
 * Every inquiry gets a lead and a reference of its own, even when it names the mobile, email or credit code of
 * an existing lead: the sender is not verified, so they may neither add to nor learn about someone else's lead
 * (the answer is the same either way). Such a lead is flagged `possible_duplicate_of` for staff to merge.
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { checkLeadInput } from './check-lead-input.ts';
import { queueInquiry } from './lead-intake-queue.ts';
import type { LeadSubmission, SubmitLeadResult } from './lead-submission.ts';

export type { SubmitLeadResult };

export interface SubmitLeadDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
  /** Called after a commit so notices go out soon, without the request waiting for them. */
  onStored?: () => void;
}

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, request: LeadSubmission): Promise<SubmitLeadResult> {
  const checked = await checkLeadInput(deps, request);
  if (!checked.ok) return checked;
  return queueInquiry(deps.db, {
    lead: checked.lead,
    request,
    now: request.now ?? new Date(),
    channels: deps.channels,
    onStored: deps.onStored,
  });
}
