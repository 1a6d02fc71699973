/**
 * Share cards as PNG, drawn once per change of what they show. Per inventory version (inventory-version.ts)
 * the card's SVG is built again, which is cheap; it is rasterised only when that SVG differs from the one kept,
 * so a status change on one floor redraws the cards that show it, not all four hundred. The SVG's hash is the
 * card's ETag and the version in its URL. Kept per process; a second process draws its own copy.
 *
 * Rasterised by sharp (librsvg): text through fontconfig, so the server needs the fonts of card-text.ts
 * (Debian: fonts-noto-cjk), or Chinese is drawn as empty boxes.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Lang } from '../../i18n/lang.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { readInventoryVersion } from '../inventory/inventory-version.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { log } from '../log.ts';
import { shareCardModel, type ShareCardRef } from './card-model.ts';
import { CARD_HEIGHT, CARD_WIDTH, shareCardSvg } from './card-svg.ts';

export interface ShareCard {
  /** A hash of the card's drawing: equal hashes, equal pictures. */
  hash: string;
  alt: string;
  width: number;
  height: number;
  /** The PNG, drawn on first use. */
  png(): Promise<Buffer>;
}

interface Kept {
  version: string;
  card: ShareCard;
}

/** Cards kept per process: every card of the sample park (about 7 KB of SVG each); the least recently used goes first. */
const MAX_CARDS = 600;
/** PNGs kept (about 65 KB each, 10 MB in all); the least recently asked for is dropped and drawn again if asked. */
const MAX_DRAWN = 150;
const kept = new WeakMap<Database, Map<string, Kept>>();
/** Forgets a card's PNG, by the cards whose PNG is kept, least recently asked for first. */
const drawnCards = new Map<ShareCard, () => void>();

/**
 * The card as a lossless PNG (about 60 KB). A palette would make it a third of that but takes eight times as
 * long (about 450 ms against 60 ms, scripts/bench-share.ts), on the request that finds a card out of date.
 */
export async function rasterise(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

/** The key of a card: what it shows and in which language. */
function shareCardKey(ref: ShareCardRef, lang: Lang): string {
  return `${lang}:${ref.kind}:${ref.kind === 'building' ? ref.slug : ref.kind === 'unit' ? ref.id : ''}`;
}

/** The card drawn as PNG, with a log line (how often cards are drawn, and how long it takes). */
async function draw(key: string, hash: string, svg: string): Promise<Buffer> {
  const started = performance.now();
  const png = await rasterise(svg);
  log.info('share_card.drawn', { card: key, hash, ms: Math.round(performance.now() - started), bytes: png.length });
  return png;
}

function newCard(key: string, svg: string, hash: string, alt: string): ShareCard {
  let drawn: Promise<Buffer> | undefined;
  const card: ShareCard = {
    hash,
    alt,
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    png() {
      drawn ??= draw(key, hash, svg);
      // A failed drawing is tried again on the next request.
      drawn.catch(() => (drawn = undefined));
      drawnCards.delete(card);
      drawnCards.set(card, () => (drawn = undefined));
      if (drawnCards.size > MAX_DRAWN) {
        const [oldest, forget] = drawnCards.entries().next().value!;
        drawnCards.delete(oldest);
        forget();
      }
      return drawn;
    },
  };
  return card;
}

/** The current card `ref` names, or null when it names nothing in the catalog. */
export async function getShareCard(
  db: Database,
  catalog: Catalog,
  ref: ShareCardRef,
  lang: Lang,
  siteUrl: string,
): Promise<ShareCard | null> {
  // Read before the states: a change landing in between files this card under the older version.
  const version = await readInventoryVersion(db);
  let cards = kept.get(db);
  if (!cards) kept.set(db, (cards = new Map()));
  const key = shareCardKey(ref, lang);
  const last = cards.get(key);
  if (last?.version === version) return last.card;
  const model = shareCardModel(catalog, ref, await listUnitStates(db), lang, new URL(siteUrl).host);
  if (!model) return null;
  const svg = shareCardSvg(model);
  const hash = createHash('sha256').update(svg).digest('base64url').slice(0, 16);
  const card = last?.card.hash === hash ? last.card : newCard(key, svg, hash, model.alt);
  cards.delete(key);
  cards.set(key, { version, card });
  if (cards.size > MAX_CARDS) cards.delete(cards.keys().next().value!);
  return card;
}
