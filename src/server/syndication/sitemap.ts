/**
 * sitemap.xml: every public page in Chinese and English, each listing its language versions as xhtml:link
 * alternates (zh-CN, en, x-default) as search engines ask.
 */
import { localePath, LANGS } from '../../i18n/lang.ts';
import { levelParam } from '../../lib/levels.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { xmlEscape } from './xml.ts';

const STATIC_PATHS = ['/', '/units', '/buildings', '/map', '/amenities', '/contact', '/privacy'];

function publicPaths(catalog: Catalog): string[] {
  return [
    ...STATIC_PATHS,
    ...catalog.buildings.map((b) => `/buildings/${b.slug}`),
    ...catalog.floors.map(
      (f) => `/buildings/${catalog.buildingById.get(f.building)!.slug}/floors/${levelParam(f.level)}`,
    ),
    ...catalog.units.map((u) => `/units/${u.id}`),
  ];
}

export function sitemap(catalog: Catalog, siteUrl: string): string {
  const abs = (lang: 'zh' | 'en', path: string) => xmlEscape(new URL(localePath(lang, path), siteUrl).href);
  const urls = publicPaths(catalog).flatMap((path) =>
    LANGS.map(
      (lang) => `  <url>
    <loc>${abs(lang, path)}</loc>
    <xhtml:link rel="alternate" hreflang="zh-CN" href="${abs('zh', path)}"/>
    <xhtml:link rel="alternate" hreflang="en" href="${abs('en', path)}"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="${abs('zh', path)}"/>
  </url>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>
`;
}
