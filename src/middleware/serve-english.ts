/**
 * English pages live under /en/ and are rendered from the same page files as Chinese: /en/… is rewritten to /…
 * (choose-language.ts has set `locals.lang = 'en'`). The last stage, so every stage before it sees the URL as
 * the visitor asked for it.
 */
import type { APIContext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { splitLangFromPath } from '../i18n/lang.ts';

/**
 * The URL of the page file that answers this request: its path without the language prefix, taken from the
 * request's own (still percent-encoded) path. context.url.pathname is already decoded, and Astro decodes a
 * rewrite target again ("/en/%25" would become "/%", a 500).
 */
export function pageUrl(context: APIContext): URL {
  const { path } = splitLangFromPath(new URL(context.request.url).pathname);
  return new URL(`${path}${context.url.search}`, context.url);
}

export const serveEnglish = defineMiddleware((context, next) =>
  // The URL being rendered: a form action (run-form-action.ts) may have rewritten it to the page already.
  splitLangFromPath(context.url.pathname).lang === 'en' ? next(pageUrl(context)) : next(),
);
