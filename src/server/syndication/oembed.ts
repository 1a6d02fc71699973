/**
 * oEmbed (https://oembed.com) for unit pages and the listing page: given one of our URLs, the HTML of the
 * matching widget frame. Only JSON is offered; other URLs are not ours to embed.
 */
import { splitLangFromPath, type Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { xmlEscape } from './xml.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { formatUnitName } from '../../lib/format.ts';

/** The oEmbed answer, or why not (the codes' statuses and words are in errors/error-catalogue.ts). */
export type OEmbedOutcome = Outcome<{ body: Record<string, unknown> }>;

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
  if (format !== null && format !== 'json') return refused('format_not_supported');
  const maxWidth = dimension(params.get('maxwidth'));
  const maxHeight = dimension(params.get('maxheight'));
  if (maxWidth === null || maxHeight === null) return refused('invalid_size');
  const raw = params.get('url');
  let target: URL;
  try {
    if (!raw || raw.length > 2000) throw new Error('missing');
    target = new URL(raw);
  } catch {
    return refused('invalid_url');
  }
  const ours = new Set([new URL(siteUrl).origin, requestOrigin]);
  if (!ours.has(target.origin)) return refused('not_ours');
  const { lang, path } = splitLangFromPath(target.pathname);
  const m = messages(lang);
  const unitMatch = /^\/units\/([a-z0-9-]{1,40})\/?$/.exec(path);
  const unit = unitMatch ? catalog.unitById.get(unitMatch[1]!) : undefined;
  const isListings = /^\/units\/?$/.test(path);
  if (!unit && !isListings) return refused('not_embeddable');
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
