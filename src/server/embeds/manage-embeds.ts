/**
 * Embeds: creating, changing and deleting them (audited), reading one for the widget, and counting what each
 * brought: views, clicks, leads and reservations.
 */
import { randomInt } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { executeRows } from '../db/execute-rows.ts';
import { embeds, type EmbedRow } from '../db/schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import { flushEmbedViews } from './count-embed-views.ts';
import { embedInput } from './embed-input.ts';
import { cleanHost } from './embed-links.ts';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function newEmbedId(): string {
  let id = 'emb';
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export type EmbedResult = { ok: true; id: string } | { ok: false; field: string; code: string };

function invalid(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): EmbedResult {
  const issue = error.issues[0]!;
  return { ok: false, field: String(issue.path[0] ?? 'name'), code: issue.message };
}

export async function createEmbed(db: Database, actor: Actor, raw: unknown): Promise<EmbedResult> {
  const parsed = embedInput.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  const id = newEmbedId();
  await db.transaction(async (tx) => {
    await tx.insert(embeds).values({ id, ...parsed.data, createdBy: actor.id });
    await recordAudit(tx, actor, 'embed.create', 'embed', id, null, parsed.data);
  });
  return { ok: true, id };
}

export async function updateEmbed(db: Database, actor: Actor, id: string, raw: unknown): Promise<EmbedResult> {
  const parsed = embedInput.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(embeds).where(eq(embeds.id, id)).for('update');
    if (!before) return { ok: false as const, field: 'id', code: 'not_found' };
    await tx
      .update(embeds)
      .set({ ...parsed.data, updatedAt: new Date() })
      .where(eq(embeds.id, id));
    await recordAudit(
      tx,
      actor,
      'embed.update',
      'embed',
      id,
      {
        name: before.name,
        filters: before.filters,
        themeColor: before.themeColor,
        lang: before.lang,
        allowedHosts: before.allowedHosts,
      },
      parsed.data,
    );
    return { ok: true as const, id };
  });
}

export async function deleteEmbed(db: Database, actor: Actor, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(embeds).where(eq(embeds.id, id)).returning({ name: embeds.name });
    if (gone) await recordAudit(tx, actor, 'embed.delete', 'embed', id, { name: gone.name }, null);
    return Boolean(gone);
  });
}

export async function getEmbed(db: Database, id: string | null): Promise<EmbedRow | undefined> {
  if (!id || !/^emb[0-9a-z]{8}$/.test(id)) return undefined;
  const [row] = await db.select().from(embeds).where(eq(embeds.id, id));
  return row;
}

/**
 * Records a click-through (or a single view) at once; the host is trimmed to a plain host name. Widget pages
 * count their views in memory instead (count-embed-views.ts).
 */
export async function recordEmbedEvent(
  db: Database,
  embedId: string,
  kind: 'view' | 'click',
  host: string | null,
): Promise<void> {
  if (!/^emb[0-9a-z]{8}$/.test(embedId)) return;
  // Only for embeds that exist: a link with a made-up id counts for nothing.
  await db.execute(sql`insert into embed_events (embed_id, kind, host)
    select ${embedId}, ${kind}, ${cleanHost(host)} where exists (select 1 from embeds where id = ${embedId})`);
}

export interface EmbedStats {
  embed: EmbedRow;
  views: number;
  clicks: number;
  leads: number;
  reservations: number;
}

/**
 * Every embed with what it brought. A lead counts for the embed of its first or its latest touch. Views this
 * process counted are written first; other processes' follow within seconds.
 */
export async function listEmbedStats(db: Database): Promise<EmbedStats[]> {
  await flushEmbedViews(db);
  const rows = await db.select().from(embeds).orderBy(desc(embeds.createdAt));
  const events = await executeRows<{ embed_id: string; kind: string; n: number }>(
    db,
    sql`select embed_id, kind, sum(count)::int as n from embed_events group by 1, 2`,
  );
  const leadCounts = await executeRows<{ embed_id: string; leads: number; reservations: number }>(
    db,
    sql`
    select e.embed_id, count(distinct l.id)::int as leads,
           count(distinct d.id) filter (where d.status in ('reserved', 'refund_pending', 'refunded', 'refund_failed'))::int as reservations
    from (select id, coalesce(first_touch->'embed'->>'id', last_touch->'embed'->>'id') as embed_id from leads) e
    join leads l on l.id = e.id
    left join deposits d on d.lead_id = l.id
    where e.embed_id is not null group by 1`,
  );
  return rows.map((embed) => ({
    embed,
    views: events.find((e) => e.embed_id === embed.id && e.kind === 'view')?.n ?? 0,
    clicks: events.find((e) => e.embed_id === embed.id && e.kind === 'click')?.n ?? 0,
    leads: leadCounts.find((c) => c.embed_id === embed.id)?.leads ?? 0,
    reservations: leadCounts.find((c) => c.embed_id === embed.id)?.reservations ?? 0,
  }));
}
