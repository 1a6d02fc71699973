/**
 * Widget views without a write per view: a partner page's traffic spike must not become a database write per
 * request, nor keep the widget out of the response cache. Views are counted in memory per embed and host and
 * written every FLUSH_INTERVAL_MS (or sooner once many hosts wait) as one row per embed and host carrying the
 * count. runtime.ts writes what is left when the server stops gracefully; only a crash loses the last seconds.
 *
 * A view is counted for a widget page that rendered with its embed, and for every copy of such a page the
 * response cache sends (an entry exists only while its embed does: embeds are part of the inventory version).
 */
import { sql } from 'drizzle-orm';
import { splitLangFromPath } from '../../i18n/lang.ts';
import type { Database } from '../db/open-database.ts';
import { log } from '../log.ts';
import { cleanHost } from './embed-links.ts';

const FLUSH_INTERVAL_MS = 5_000;
/** Embed and host pairs waiting at most; more are written at once (hosts come from partner pages' markup). */
const MAX_WAITING = 1_000;

interface Tally {
  /** `${embedId} ${host}` → views not written yet. */
  waiting: Map<string, number>;
  timer: NodeJS.Timeout | undefined;
  /** The write in progress, if any. */
  flushing: Promise<void> | undefined;
}

const tallies = new WeakMap<Database, Tally>();

function tallyOf(db: Database): Tally {
  let tally = tallies.get(db);
  if (!tally) tallies.set(db, (tally = { waiting: new Map(), timer: undefined, flushing: undefined }));
  return tally;
}

/** Counts a view of a widget at `url` (an /embed/ page with its `embed` id), unless it is the console's preview. */
export function countWidgetView(db: Database, url: URL): void {
  const embedId = url.searchParams.get('embed');
  if (!embedId || !/^emb[0-9a-z]{8}$/.test(embedId) || url.searchParams.get('preview') === '1') return;
  if (!splitLangFromPath(url.pathname).path.startsWith('/embed/')) return;
  const tally = tallyOf(db);
  const key = `${embedId} ${cleanHost(url.searchParams.get('host')) ?? ''}`;
  tally.waiting.set(key, (tally.waiting.get(key) ?? 0) + 1);
  if (tally.waiting.size >= MAX_WAITING) void flushEmbedViews(db);
  else tally.timer ??= setTimeout(() => void flushEmbedViews(db), FLUSH_INTERVAL_MS).unref();
}

/** Writes the views counted so far; on failure they wait for the next try. */
export async function flushEmbedViews(db: Database): Promise<void> {
  const tally = tallies.get(db);
  if (!tally) return;
  await tally.flushing;
  clearTimeout(tally.timer);
  tally.timer = undefined;
  if (tally.waiting.size === 0) return;
  const batch = tally.waiting;
  tally.waiting = new Map();
  const rows = [...batch].map(([key, n]) => {
    const [embedId = '', host = ''] = key.split(' ');
    return { embedId, host: host || null, n };
  });
  // The table is named without the embeds table it belongs to: a statement naming that one would count as a
  // change to it (db/write-counter.ts) and make every cached page be checked again.
  tally.flushing = db
    .execute(
      sql`insert into embed_events (embed_id, kind, host, count)
        select embed_id, 'view', host, n from unnest(${sql.param(rows.map((r) => r.embedId))}::text[],
          ${sql.param(rows.map((r) => r.host))}::text[], ${sql.param(rows.map((r) => r.n))}::int[]) as v(embed_id, host, n)`,
    )
    .then(
      () => undefined,
      (error: unknown) => {
        log.warn('embed.views_not_written', { pairs: rows.length }, error);
        for (const [key, n] of batch) tally.waiting.set(key, (tally.waiting.get(key) ?? 0) + n);
        tally.timer ??= setTimeout(() => void flushEmbedViews(db), FLUSH_INTERVAL_MS).unref();
      },
    )
    .finally(() => {
      tally.flushing = undefined;
    });
  await tally.flushing;
}
