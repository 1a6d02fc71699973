import type { APIRoute } from 'astro';
import { TRUST_PROXY } from 'astro:env/server';
import { localePath } from '../../i18n/lang.ts';
import { answerOutcome } from '../../server/errors/answer-outcome.ts';
import { receiveProposalRequest } from '../../server/proposals/receive-proposal-request.ts';

/**
 * Asks about or accepts a proposal version with its link's token (`token`, `action` = `ask` | `accept`). JSON
 * gets 200 with what was done; the proposal page's forms go back to it (303, or the page with the refusal).
 */
export const POST: APIRoute = async (context) => {
  const { runtime } = context.locals;
  const { outcome, token, lang } = await receiveProposalRequest(
    context,
    {
      db: runtime.db,
      catalog: runtime.catalog,
      notifyChannels: runtime.notifyChannels,
      outbox: runtime.outbox,
    },
    TRUST_PROXY ?? false,
  );
  const page = localePath(lang, `/proposals/${token}`);
  return answerOutcome(context, outcome, {
    json: ({ action }) => Response.json({ action, done: true }),
    form: { lang, page, next: ({ action }) => `${page}?done=${action}` },
  });
};
