/**
 * oEmbed (https://oembed.com) for unit pages and the listing page: given one of our URLs, the HTML of the
 * matching widget frame. Only JSON is offered; other URLs are not ours to embed.
 */
import { splitLangFromPath, type Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { xmlEscape } from './xml.ts';
import { formatUnitName } from '../../lib/format.ts';

export type OEmbedOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: 400 | 404 | 501; code: string; zh: string; en: string };

const SIZES = { unit: { width: 400, height: 380 }, listings: { width: 800, height: 760 } };

function dimension(value: string | null): number | null | undefined {
  if (value === null || value === '') return undefined;
  return /^\d{1,5}$/.test(value) && Number(value) >= 100 ? Number(value) : null;
}

export function oembed(
  catalog: Catalog,
  params: URLSearchParams,
  siteUrl: string,
  requestOrigin: string,
): OEmbedOutcome {
  const format = params.get('format');
  if (format !== null && format !== 'json')
    return {
      ok: false,
      status: 501,
      code: 'format_not_supported',
      zh: '只提供 JSON 格式',
      en: 'Only the JSON format is offered',
    };
  const maxWidth = dimension(params.get('maxwidth'));
  const maxHeight = dimension(params.get('maxheight'));
  if (maxWidth === null || maxHeight === null)
    return {
      ok: false,
      status: 400,
      code: 'invalid_size',
      zh: 'maxwidth/maxheight 需为不小于 100 的整数',
      en: 'maxwidth and maxheight must be whole numbers of at least 100',
    };
  const raw = params.get('url');
  let target: URL;
  try {
    if (!raw || raw.length > 2000) throw new Error('missing');
    target = new URL(raw);
  } catch {
    return {
      ok: false,
      status: 400,
      code: 'invalid_url',
      zh: '请用 url 参数给出一个完整的网址',
      en: 'Give a full address in the url parameter',
    };
  }
  const ours = new Set([new URL(siteUrl).origin, requestOrigin]);
  if (!ours.has(target.origin))
    return {
      ok: false,
      status: 404,
      code: 'not_ours',
      zh: '只能嵌入本站的房源页面',
      en: 'Only this site’s unit and listing pages can be embedded',
    };
  const { lang, path } = splitLangFromPath(target.pathname);
  const m = messages(lang);
  const unitMatch = /^\/units\/([a-z0-9-]{1,40})\/?$/.exec(path);
  const unit = unitMatch ? catalog.unitById.get(unitMatch[1]!) : undefined;
  const isListings = /^\/units\/?$/.test(path);
  if (!unit && !isListings)
    return {
      ok: false,
      status: 404,
      code: 'not_embeddable',
      zh: '此页面不能嵌入：请用单元页面或房源列表页面',
      en: 'This page cannot be embedded: use a unit page or the listing page',
    };
  const size = unit ? SIZES.unit : SIZES.listings;
  const width = Math.min(size.width, maxWidth ?? Infinity);
  const height = Math.min(size.height, maxHeight ?? Infinity);
  const origin = new URL(siteUrl).origin;
  const query = new URLSearchParams(unit ? { lang } : [...target.searchParams, ['lang', lang]]);
  const src = `${origin}/embed/${unit ? `units/${unit.id}` : 'listings'}?${query}`;
  const building = unit ? catalog.buildingById.get(unit.building)! : undefined;
  const title =
    unit && building
      ? formatUnitName(building.name[lang as Lang], unit.level, unit.number, lang as Lang)
      : m.embed.title;
  return {
    ok: true,
    body: {
      version: '1.0',
      type: 'rich',
      title,
      provider_name: m.meta.siteName,
      provider_url: `${origin}/`,
      cache_age: 3600,
      width,
      height,
      html: `<iframe src="${xmlEscape(src)}" width="${width}" height="${height}" title="${xmlEscape(title)}" loading="lazy" style="border:0;max-width:100%"></iframe>`,
    },
  };
}
