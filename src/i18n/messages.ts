/**
 * The UI strings of a page: one dictionary per language in `messages/` (`zh.ts` sets the shape, `en.ts` follows
 * it key for key; `tests/unit/messages-parity.test.ts` checks the two at run time too).
 */
import { en } from './messages/en.ts';
import { zh, type Messages } from './messages/zh.ts';

export type { Messages };

const dictionaries: Record<'zh' | 'en', Messages> = { zh, en };

/** The UI strings of a language. */
export function messages(lang: 'zh' | 'en'): Messages {
  return dictionaries[lang];
}
