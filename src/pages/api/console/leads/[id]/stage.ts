import type { APIRoute } from 'astro';
import { answerOutcome } from '../../../../../server/errors/answer-outcome.ts';
import { applyStageMove } from '../../../../../server/pipeline/apply-stage-move.ts';
import { readForm } from '../../../../../server/security/read-form.ts';

/** Moves a lead on the pipeline (apply-stage-move.ts; JSON or form: `to`, `reason` for Lost, `keepDeposit`). */
export const POST: APIRoute = async (context) => {
  const { params, locals } = context;
  const read = await readForm(context.request);
  const outcome = read.ok ? await applyStageMove(locals.runtime, locals.staff!, params.id ?? '', read.fields) : read;
  return answerOutcome(context, outcome, { json: ({ stage, from }) => Response.json({ stage, from }) });
};
