import type { APIRoute } from 'astro';
import { TRUST_PROXY } from 'astro:env/server';
import { localePath } from '../../i18n/lang.ts';
import { receiveAlertRequest } from '../../server/alerts/receive-alert-request.ts';
import { answerOutcome } from '../../server/errors/answer-outcome.ts';

/**
 * Saves a search for alerts (`action=subscribe`) or changes one with its link's token (`confirm`, `unsubscribe`,
 * `delete`, `delete-all`). JSON gets 200 with what was done; the forms go back to their page (303, or the page
 * with the refusal and what was typed).
 */
export const POST: APIRoute = async (context) => {
  const { runtime } = context.locals;
  const deps = {
    db: runtime.db,
    catalog: runtime.catalog,
    notifyChannels: runtime.notifyChannels,
    outbox: runtime.outbox,
  };
  const { outcome, token, query, values, lang } = await receiveAlertRequest(context, deps, TRUST_PROXY ?? false);
  const page = token ? localePath(lang, `/alerts/${token}`) : localePath(lang, `/alerts/new?${query}`);
  return answerOutcome(context, outcome, {
    json: ({ action }) => Response.json({ action, done: true }),
    form: {
      lang,
      page,
      values,
      next: ({ action }) =>
        action === 'subscribe'
          ? localePath(lang, '/alerts/new?sent=1')
          : `${localePath(lang, `/alerts/${token}`)}?done=${action}`,
    },
  });
};
