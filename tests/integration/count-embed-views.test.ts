/**
 * Widget views are counted in memory and written in batches (src/server/embeds/count-embed-views.ts): one row
 * per embed and host with its count, none for the console's preview or a page that is not a widget, and every
 * view counted once, also when a write fails and is tried again.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { embedEvents } from '../../src/server/db/schema.ts';
import { countWidgetView, flushEmbedViews } from '../../src/server/embeds/count-embed-views.ts';
import { createEmbed, listEmbedStats } from '../../src/server/embeds/manage-embeds.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const actor = { id: 'staff-1', email: 'marketing@park.example', role: 'marketing' };
let handle: DatabaseHandle;
let id: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  const created = await createEmbed(handle.db, actor, {
    name: '计数',
    filters: '',
    themeColor: '#13233d',
    lang: 'zh',
    allowedHosts: '',
  });
  id = created.ok ? created.id : '';
});
afterAll(async () => {
  await handle?.close();
});

const rows = () =>
  handle.db
    .select({ host: embedEvents.host, count: embedEvents.count })
    .from(embedEvents)
    .where(eq(embedEvents.embedId, id));

describe(`widget views (${testDatabaseKind})`, () => {
  it('writes the views of a batch as one row per embed and host, and none for previews or other pages', async () => {
    for (let i = 0; i < 5; i++)
      countWidgetView(handle.db, new URL(`http://x/embed/listings?embed=${id}&host=A.example`));
    countWidgetView(handle.db, new URL(`http://x/en/embed/units/r1-0501?embed=${id}`));
    countWidgetView(handle.db, new URL(`http://x/embed/listings?embed=${id}&preview=1`));
    countWidgetView(handle.db, new URL(`http://x/units?embed=${id}`));
    countWidgetView(handle.db, new URL('http://x/embed/listings?embed=nonsense'));
    expect(await rows()).toEqual([]);
    // The console's figures include what this process has not written yet.
    expect((await listEmbedStats(handle.db)).find((s) => s.embed.id === id)?.views).toBe(6);
    expect((await rows()).sort((a, b) => b.count - a.count)).toEqual([
      { host: 'a.example', count: 5 },
      { host: null, count: 1 },
    ]);
  });

  it('keeps the views of a write that failed and writes them with the next', async () => {
    countWidgetView(handle.db, new URL(`http://x/embed/listings?embed=${id}&host=b.example`));
    await handle.db.execute(sql`alter table embed_events rename to embed_events_away`);
    try {
      await flushEmbedViews(handle.db);
    } finally {
      await handle.db.execute(sql`alter table embed_events_away rename to embed_events`);
    }
    countWidgetView(handle.db, new URL(`http://x/embed/listings?embed=${id}&host=b.example`));
    await flushEmbedViews(handle.db);
    expect((await rows()).filter((row) => row.host === 'b.example')).toEqual([{ host: 'b.example', count: 2 }]);
  });
});
