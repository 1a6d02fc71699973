/**
 * The HTTP side of share cards: their URLs (with the drawing's hash, so a chat app that keeps an image by its
 * URL shows the new one after a change), what pages declare about them, and the image response.
 */
import type { APIContext } from 'astro';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { etagMatches } from '../api/public-json.ts';
import { localePath, type Lang } from '../../i18n/lang.ts';
import type { ShareCardRef } from './card-model.ts';
import { getShareCard } from './render-share-card.ts';

/** What a page declares about its card (og:image and its width, height and alt). */
export interface ShareCardMeta {
  url: string;
  width: number;
  height: number;
  alt: string;
  type: 'image/png';
}

/** The card's path without a language: /share/park.png, /share/buildings/<slug>.png, /share/units/<id>.png. */
export function shareCardPath(ref: ShareCardRef): string {
  if (ref.kind === 'park') return '/share/park.png';
  return ref.kind === 'building'
    ? `/share/buildings/${encodeURIComponent(ref.slug)}.png`
    : `/share/units/${encodeURIComponent(ref.id)}.png`;
}

/** The card of `ref` as pages declare it, or the park's when `ref` names nothing (a page answering 404). */
export async function shareCardMeta(
  db: Database,
  catalog: Catalog,
  ref: ShareCardRef,
  lang: Lang,
  siteUrl: string,
): Promise<ShareCardMeta> {
  const found = await getShareCard(db, catalog, ref, lang, siteUrl);
  const [card, cardRef] = found
    ? [found, ref]
    : [(await getShareCard(db, catalog, { kind: 'park' }, lang, siteUrl))!, { kind: 'park' } as const];
  const url = new URL(`${localePath(lang, shareCardPath(cardRef))}?v=${card.hash}`, siteUrl).href;
  return { url, width: card.width, height: card.height, alt: card.alt, type: 'image/png' };
}

/** Catalog ids and slugs: anything else names no card (and is not looked up). */
const CARD_PATH = /^\/share\/(?:park|(buildings|units)\/([a-z0-9][a-z0-9-]{0,63}))\.png$/;

/**
 * The card a path without its language names (/share/units/r1-0501.png), or null. Read from the path, not
 * from route parameters: Astro hands an endpoint reached through the /en/ rewrite no parameters.
 */
function parseShareCardPath(path: string): ShareCardRef | null {
  const match = CARD_PATH.exec(path);
  if (!match) return null;
  const [, kind, id] = match;
  if (!kind || !id) return { kind: 'park' };
  return kind === 'buildings' ? { kind: 'building', slug: id } : { kind: 'unit', id };
}

function notFound(lang: Lang): Response {
  const text = lang === 'zh' ? '没有这张分享卡片 · No such share card' : 'No such share card · 没有这张分享卡片';
  return new Response(text, {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The card as image/png with a strong ETag. A URL carrying the current hash (as pages declare it) never
 * changes and may be kept for a year; without it, or with an older hash, the image is the current one and is
 * kept five minutes, then revalidated (a 304 when unchanged).
 */
async function shareCardResponse(
  request: Request,
  db: Database,
  catalog: Catalog,
  ref: ShareCardRef | null,
  lang: Lang,
  siteUrl: string,
): Promise<Response> {
  const card = ref && (await getShareCard(db, catalog, ref, lang, siteUrl));
  if (!card) return notFound(lang);
  const etag = `"${card.hash}"`;
  const isPinned = new URL(request.url).searchParams.get('v') === card.hash;
  const headers = new Headers({
    'content-type': 'image/png',
    etag,
    'cache-control': isPinned
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=300, stale-while-revalidate=3600',
    'content-language': lang === 'zh' ? 'zh-CN' : 'en',
  });
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  const png = await card.png();
  return new Response(new Uint8Array(png), { status: 200, headers });
}

/** The GET of every share-card route: the card its path names (read without the language), in its language. */
export function answerShareCard({ request, locals }: APIContext, siteUrl: string): Promise<Response> {
  const { runtime, lang, pathWithoutLang } = locals;
  return shareCardResponse(request, runtime.db, runtime.catalog, parseShareCardPath(pathWithoutLang), lang, siteUrl);
}
