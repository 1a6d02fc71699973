import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { auditLog, embedEvents, embeds } from '../../src/server/db/schema.ts';
import { loadEmbedView } from '../../src/server/embeds/embed-view.ts';
import { attributionParams, frameAncestors } from '../../src/server/embeds/embed-links.ts';
import {
  createEmbed,
  deleteEmbed,
  listEmbedStats,
  recordEmbedEvent,
  updateEmbed,
} from '../../src/server/embeds/manage-embeds.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const actor = { id: 'staff-m', email: 'market@park.example', role: 'marketing' };
let handle: DatabaseHandle;
const valid = {
  name: '合作伙伴',
  filters: 'building=rd-1&minArea=200',
  themeColor: '#0a7b5c',
  lang: 'en',
  allowedHosts: 'partner.example.com\n*.park.example',
};

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());

describe(`embeds (${testDatabaseKind})`, () => {
  it('validates every field, stores nothing when one is wrong, and audits changes', async () => {
    for (const [field, value] of [
      ['name', ''],
      ['filters', 'minArea=lots'],
      ['filters', 'minArea=500&maxArea=100'],
      ['themeColor', 'red'],
      ['lang', 'fr'],
      ['allowedHosts', 'https://x.example/path'],
    ] as const) {
      const result = await createEmbed(handle.db, actor, { ...valid, [field]: value });
      expect(result, `${field}=${value}`).toMatchObject({ ok: false, field });
    }
    expect(await handle.db.select().from(embeds)).toHaveLength(0);
    const created = await createEmbed(handle.db, actor, valid);
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : '';
    const [row] = await handle.db.select().from(embeds).where(eq(embeds.id, id));
    expect(row!.allowedHosts).toEqual(['partner.example.com', '*.park.example']);
    expect(frameAncestors(row)).toBe("'self' partner.example.com *.park.example");
    expect(frameAncestors(undefined)).toBe('*');
    expect(await updateEmbed(handle.db, actor, id, { ...valid, name: '新名字', allowedHosts: '' })).toEqual({
      ok: true,
      id,
    });
    expect(await updateEmbed(handle.db, actor, 'embxxxxxxxx', valid)).toMatchObject({ ok: false, code: 'not_found' });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((a) => a.action);
    expect(actions.sort()).toEqual(['embed.create', 'embed.update']);
  });

  it('counts views and clicks only for embeds that exist, and leads and reservations by touch', async () => {
    const created = await createEmbed(handle.db, actor, { ...valid, name: 'Stats' });
    const id = created.ok ? created.id : '';
    await recordEmbedEvent(handle.db, id, 'view', 'Partner.Example.com:8080');
    await recordEmbedEvent(handle.db, id, 'view', '<script>');
    await recordEmbedEvent(handle.db, id, 'click', 'partner.example.com');
    await recordEmbedEvent(handle.db, 'embnotthere', 'click', null);
    await recordEmbedEvent(handle.db, "x'; drop table embeds; --", 'click', null);
    const events = await handle.db.select().from(embedEvents).where(eq(embedEvents.embedId, id));
    expect(events.map((e) => e.host).sort()).toEqual([null, 'partner.example.com', 'partner.example.com:8080']);
    const touch = { landingPage: '/contact', embed: { id, host: 'partner.example.com' }, at: new Date().toISOString() };
    const lead = await submitLead(
      { db: handle.db, catalog, channels: [] },
      {
        raw: {
          companyName: '嵌入测试公司',
          contactName: '王',
          email: 'embed@example.com',
          industryTrack: 'navigation',
          consent: true,
        },
        lang: 'zh',
        clientIp: '203.0.113.9',
        channel: 'api',
        firstTouch: touch,
      },
    );
    expect(lead.ok).toBe(true);
    const stats = (await listEmbedStats(handle.db)).find((s) => s.embed.id === id)!;
    expect(stats).toMatchObject({ views: 2, clicks: 1, leads: 1, reservations: 0 });
    expect(await deleteEmbed(handle.db, actor, id)).toBe(true);
    expect(await deleteEmbed(handle.db, actor, id)).toBe(false);
  });

  it('merges the embed’s filters with the page’s, and explains bad filters with no units', async () => {
    const created = await createEmbed(handle.db, actor, { ...valid, name: 'View', allowedHosts: '' });
    const id = created.ok ? created.id : '';
    const view = await loadEmbedView(
      handle.db,
      catalog,
      new URL(`http://x/embed/listings?embed=${id}&maxArea=400&limit=3&host=partner.example.com`),
      'zh',
    );
    expect(view.lang).toBe('en');
    expect(view.errors).toEqual([]);
    expect(view.units.length).toBeLessThanOrEqual(3);
    for (const unit of view.units) {
      expect(unit.building).toBe(catalog.buildingBySlug.get('rd-1')!.id);
      expect(unit.grossArea).toBeGreaterThanOrEqual(200);
      expect(unit.grossArea).toBeLessThanOrEqual(400);
    }
    for (const query of [
      'minArea=abc',
      'building=nowhere',
      'limit=0',
      'limit=99',
      'limit=many',
      'availableBy=tomorrow',
    ]) {
      const bad = await loadEmbedView(handle.db, catalog, new URL(`http://x/embed/listings?${query}`), 'zh');
      expect(bad.errors.length, query).toBeGreaterThan(0);
      expect(bad.units, query).toEqual([]);
    }
    const gone = await loadEmbedView(handle.db, catalog, new URL('http://x/embed/listings?embed=embgone0000'), 'en');
    expect(gone).toMatchObject({ unknownEmbed: true, units: [] });
    expect(String(attributionParams({ id, name: 'View' }, 'partner.example.com'))).toBe(
      `embed=${id}&embed_host=partner.example.com&utm_source=partner.example.com&utm_medium=embed&utm_campaign=${id}`,
    );
  });
});
