/**
 * Makes text a visitor controls safe to put into a notice to staff, so a lead field cannot become a link, a
 * button-like styled line or a fake line of the notice (phishing aimed at staff). Links in notices come only from
 * the portal itself (the console link, built from PUBLIC_SITE_URL).
 *
 * - Every value becomes one line: line breaks and other control characters are spaces, so a value cannot start
 *   a new markdown block (a quote, a heading, a list) or a fake "编号：" line.
 * - Bare addresses are defused, because WeCom, mail clients and chat apps turn them into links on their own: a
 *   zero-width space (U+200B) goes after "://" and before the letter that follows a dot ("evil.example" →
 *   "evil.\u200Bexample"). Staff still read the same text; nothing is clickable. Numbers ("12.5") are unchanged.
 * - For WeCom markdown, the characters that make links, HTML tags, code, emphasis and headings ([ ] < > ` * # &)
 *   are replaced by their full-width forms, which read the same and mean nothing to markdown.
 */

const ZERO_WIDTH_SPACE = '\u200B';
const MARKDOWN_LOOKALIKES: Record<string, string> = {
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '`': '｀',
  '*': '＊',
  '#': '＃',
  '&': '＆',
};

/** One line of text with no control characters and addresses that no client turns into links. */
export function escapePlainText(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\.(?=\p{L})/gu, `.${ZERO_WIDTH_SPACE}`);
}

/** The same, fit to stand inside WeCom markdown as plain words. */
export function escapeWecomMarkdown(value: string): string {
  return escapePlainText(value).replace(/[[\]<>`*#&]/g, (c) => MARKDOWN_LOOKALIKES[c]!);
}
