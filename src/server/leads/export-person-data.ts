/**
 * A PIPL access request from the console: everything held about the person behind a lead (lead-privacy.ts),
 * as a JSON download named by the lead's reference. Every export is audited.
 */
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { exportLeadData } from './lead-privacy.ts';

/** The document and its file name, or undefined for no such lead. */
export async function exportPersonData(
  deps: { db: Database },
  actor: Actor,
  leadId: string,
): Promise<{ json: string; filename: string } | undefined> {
  const data = /^[0-9a-f-]{36}$/.test(leadId) ? await exportLeadData(deps.db, leadId) : undefined;
  if (!data) return undefined;
  await recordAudit(deps.db, actor, 'lead.export', 'lead', leadId, null, null);
  return { json: JSON.stringify(data, null, 2), filename: `${data.lead.reference}.json` };
}
