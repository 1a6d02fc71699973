/**
 * POST /api/alerts: a saved search's sign-up (`action=subscribe`: the search's query, e-mail, horizon, consent)
 * and what the subscriber does on their page with its signed link (`confirm`, `unsubscribe`, `delete`,
 * `delete-all`). A form from the portal's pages (answer-outcome.ts sends it back) or JSON.
 */
import type { APIContext } from 'astro';
import type { Lang } from '../../i18n/lang.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { clientIp } from '../security/client-ip.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../security/read-fields.ts';
import { typedValues } from '../security/read-form.ts';
import { checkAlertToken } from './alert-link.ts';
import {
  changeSubscription,
  subscribeToAlerts,
  type AlertDeps,
  type SubscriptionChange,
} from './manage-subscriptions.ts';

const CHANGES: readonly SubscriptionChange[] = ['confirm', 'unsubscribe', 'delete', 'delete-all'];

export type AlertAction = 'subscribe' | SubscriptionChange;

function clientAddressOf(context: APIContext): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/**
 * Reads and carries out one POST. Besides the outcome it returns what the answer page needs: the link's token,
 * `query` for the sign-up page (the search), what a refused sign-up had typed, and the language.
 */
export async function receiveAlertRequest(
  context: APIContext,
  deps: AlertDeps,
  trustProxy: boolean,
): Promise<{
  outcome: Outcome<{ action: AlertAction }>;
  token: string;
  query: string;
  values?: Record<string, string>;
  lang: Lang;
}> {
  const fields = await readFields(context.request, FORM_BODY_LIMIT_BYTES);
  const pageLang = context.locals.lang;
  if (typeof fields === 'string') return { outcome: refused(fields), token: '', query: '', lang: pageLang };
  const lang: Lang = fields.lang === 'en' ? 'en' : fields.lang === 'zh' ? 'zh' : pageLang;
  const token = typeof fields.token === 'string' ? fields.token : '';
  const query = typeof fields.query === 'string' ? fields.query.slice(0, 1000) : '';
  const action = fields.action;
  if (action === 'subscribe') {
    const ip = clientIp(context.request.headers, clientAddressOf(context), trustProxy);
    const outcome = await subscribeToAlerts(deps, { fields, lang, clientIp: ip });
    if (outcome.ok) return { outcome: { ok: true, action }, token, query, lang };
    // A refused sign-up comes back to its page with the address typed and the horizon chosen (not the consent:
    // that is ticked again on purpose).
    return { outcome, token, query, values: typedValues(fields, ['email', 'horizonDays']), lang };
  }
  if (!(CHANGES as readonly unknown[]).includes(action))
    return {
      outcome: refused('invalid', {
        errors: [{ field: 'action', code: 'invalid', message: { zh: '未知的操作。', en: 'Unknown action.' } }],
      }),
      token,
      query,
      lang,
    };
  const check = await checkAlertToken(deps.db, token);
  if (check.status !== 'ok') return { outcome: refused('invalid_link'), token, query, lang };
  const outcome = await changeSubscription(deps.db, check.id, action as SubscriptionChange);
  return { outcome: outcome.ok ? { ok: true, action: outcome.change } : outcome, token, query, lang };
}
