/**
 * Lead intake, step by step: screen the inquiry (screen-lead.ts: validation and the abuse checks), then, in one
 * transaction, store it as a new lead in stage New with its notices to staff (store-lead.ts), flagged when it may
 * duplicate another (find-duplicate-lead.ts). Nothing is stored when anything is refused.
 *
 * Every inquiry gets a lead and a reference of its own, even when it names the mobile, email or credit code of
 * an existing lead: the sender is not verified, so they may neither add to nor learn about someone else's lead
 * (the answer is the same either way). Such a lead is flagged `possible_duplicate_of` for staff to merge.
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { isFormTokenReuse } from '../security/spend-form-token.ts';
import { refuseLead, type LeadRefused, type LeadSubmission } from './lead-submission.ts';
import { screenLead } from './screen-lead.ts';
import { prepareLead, storeLead, type StoredLead } from './store-lead.ts';

export interface SubmitLeadDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
  /** Called after a commit so notices go out soon, without the request waiting for them. */
  onStored?: () => void;
}

export type SubmitLeadResult = ({ ok: true } & StoredLead) | LeadRefused;

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, submission: LeadSubmission): Promise<SubmitLeadResult> {
  const screened = await screenLead(deps, submission);
  if (!screened.ok) return screened;
  const prepared = prepareLead(screened.lead, submission, deps.channels, submission.now ?? new Date());
  let stored: StoredLead;
  try {
    stored = await deps.db.transaction((tx) => storeLead(tx, prepared));
  } catch (error) {
    // Two submissions with one token at the same moment: the second finds the token spent.
    if (isFormTokenReuse(error)) return refuseLead('used_form');
    throw error;
  }
  deps.onStored?.();
  return { ok: true, ...stored };
}
