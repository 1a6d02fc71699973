/**
 * The outcome of a form post without JavaScript, for the page that shows it: the action's result, and the
 * HTTP status the page should answer with (400/429 when refused).
 */
import type { LeadOutcome } from '../../islands/LeadForm.tsx';

interface ActionResultLike {
  data?: unknown;
  error?: unknown;
}

export function leadActionOutcome(result: ActionResultLike | undefined): { outcome?: LeadOutcome; status?: number } {
  const data = result?.data as (LeadOutcome & { status?: number }) | undefined;
  if (!data) return result?.error ? { status: 400 } : {};
  return data.ok ? { outcome: data } : { outcome: data, status: data.status ?? 400 };
}
