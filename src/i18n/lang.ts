/**
 * The two UI languages and their URLs: Chinese at the root, English under /en/.
 */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The `lang` attribute of a page's `<html>` (BCP 47): Simplified Chinese as written in mainland China. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

/** The Open Graph locale of a page (`og:locale`), which wants a region. */
export const OG_LOCALE: Record<Lang, string> = { zh: 'zh_CN', en: 'en_US' };

/** The other UI language: where the language switch leads. */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}

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

/** True for a supported language code. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
