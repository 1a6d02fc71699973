/**
 * A stage move from the pipeline board (move-lead.ts), with its refusal in the catalogue's terms. Moving a lead
 * with a paid deposit back is refused with the amount, so staff can confirm they keep the deposit (`keepDeposit`).
 */
import { formatYuan } from '../../lib/format.ts';
import type { Stage } from '../../lib/pipeline.ts';
import type { Actor } from '../audit/record-audit.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { textField } from '../security/read-form.ts';
import { moveLead } from './move-lead.ts';

export async function applyStageMove(
  deps: { db: Database },
  actor: Actor,
  leadId: string,
  fields: Record<string, unknown>,
): Promise<Outcome<{ stage: Stage; from: Stage }>> {
  const result = await moveLead(deps.db, actor, leadId, textField(fields, 'to'), {
    reason: textField(fields, 'reason') || undefined,
    keepDeposit: fields.keepDeposit === true || fields.keepDeposit === 'true',
  });
  if (result.ok) return result;
  const { deposit } = result;
  if (result.code === 'deposit_paid' && deposit) {
    const amount = { zh: formatYuan(BigInt(deposit.amountFen), 'zh'), en: formatYuan(BigInt(deposit.amountFen), 'en') };
    return refused('deposit_paid', { params: { amount }, detail: { deposit } });
  }
  return refused(result.code === 'deposit_paid' ? 'not_allowed' : result.code);
}
