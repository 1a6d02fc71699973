/**
 * The two UI languages and their URLs: Chinese at the root, English under /en/.
 */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh';

/** The language a public path is in, and the path without its language prefix. */
export function splitLangFromPath(pathname: string): { lang: Lang; path: string } {
  if (pathname === '/en' || pathname.startsWith('/en/')) {
    return { lang: 'en', path: pathname.slice(3) || '/' };
  }
  return { lang: 'zh', path: pathname || '/' };
}

/** The public URL of a language-neutral path ("/units/r1-0501") in the given language. */
export function localePath(lang: Lang, path: string): string {
  const normalized = path.startsWith('/') ? path : `/${path}`;
  if (lang === 'zh') return normalized;
  return normalized === '/' ? '/en/' : `/en${normalized}`;
}

/** Picks the text for a language from a catalog `{ zh, en }` pair. */
export function pick(text: { zh: string; en: string }, lang: Lang): string {
  return text[lang];
}

/** True for a supported language code. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
