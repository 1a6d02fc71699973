/**
 * The page's language from its URL (Chinese at /, English under /en/) and the path without it, for every page
 * to read from locals. serve-english.ts then renders /en/… from the same page files.
 */
import { defineMiddleware } from 'astro:middleware';
import { passOf } from './request-pass.ts';

export const chooseLanguage = defineMiddleware((context, next) => {
  const { lang, path } = passOf(context).target;
  // A later pass (a page's rewrite) keeps the language the visitor asked for.
  context.locals.lang ??= lang;
  context.locals.pathWithoutLang ??= path;
  return next();
});
