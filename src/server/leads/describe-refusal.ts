/**
 * A refused inquiry as JSON for API clients: the reason and each field's problem, worded in both languages.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import { messages } from '../../i18n/messages.ts';
import { errorParams, type LeadFieldError } from '../../lib/lead-field-errors.ts';

type Bilingual = { zh: string; en: string };
export type RefusalReason =
  | 'invalid'
  | 'rejected'
  | 'too_fast'
  | 'expired_form'
  | 'used_form'
  | 'rate_limited'
  | 'too_large'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'unit_taken'
  | 'unknown_unit'
  | 'payment_unavailable';

const extra: Record<'unsupported_media_type' | 'invalid_json', Bilingual> = {
  unsupported_media_type: {
    zh: '请以 JSON（application/json）或表单格式提交。',
    en: 'Send the inquiry as JSON (application/json) or as a form.',
  },
  invalid_json: { zh: '请求内容不是有效的 JSON 对象。', en: 'The request body is not a valid JSON object.' },
};

function both(pick: (lang: 'zh' | 'en') => string): Bilingual {
  return { zh: pick('zh'), en: pick('en') };
}

/** Field messages in both languages. */
function describeFieldErrors(errors: readonly LeadFieldError[]) {
  return errors.map((e) => ({
    field: e.field,
    code: e.code,
    message: both((lang) =>
      formatMessage(messages(lang).lead.errors[e.code], {
        ...errorParams(e, lang),
        label: (messages(lang).lead.fields as Record<string, string>)[e.field] ?? e.field,
      }),
    ),
  }));
}

/** The JSON body of a refusal. */
export function describeRefusal(
  reason: RefusalReason,
  errors: readonly LeadFieldError[] = [],
  retryAfterSeconds?: number,
) {
  const template = (lang: 'zh' | 'en') => {
    const m = messages(lang);
    return (
      (m.lead.refusals as Record<string, string>)[reason] ??
      (m.reserve.refusals as Record<string, string>)[reason] ??
      m.lead.refusals.invalid
    );
  };
  const message =
    reason in extra
      ? extra[reason as keyof typeof extra]
      : both((lang) =>
          formatMessage(template(lang), { minutes: Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60)) }),
        );
  return { error: { code: reason, message }, errors: describeFieldErrors(errors) };
}
