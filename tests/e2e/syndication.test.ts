/**
 * The public read API and syndication on a running server: OpenAPI document validity and responses that match
 * it, ETag/304 and CORS, the Atom feed and sitemap as namespaced XML, oEmbed, JSON-LD and Open Graph on unit
 * pages, robots.txt and the printable flyer.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerOnPostgres, type ServerOnPostgres } from '../support/portal-on-postgres.ts';
import { changeNoticed } from '../support/postgres-database.ts';
import type { RunningServer } from '../support/start-server.ts';

let portal: ServerOnPostgres;
let server: RunningServer;
let sql: pg.Client;
let site: string;

beforeAll(async () => {
  ({ server, sql } = portal = await startServerOnPostgres());
  site = server.url;
});
afterAll(() => portal?.stop());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
// Keeps namespace prefixes (xhtml:link) and attributes (@_href) so the tests can check them.
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['entry', 'url', 'xhtml:link'].includes(name),
});

describe('public API', () => {
  let document: Record<string, any>;
  let ajv: Ajv2020;

  beforeAll(async () => {
    document = await (await get('/api/v1/openapi.json')).json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addSchema({ $id: 'https://portal.invalid/openapi.json', components: document.components });
  });
  const check = (schema: string, body: unknown) => {
    const validate = ajv.getSchema(`https://portal.invalid/openapi.json#/components/schemas/${schema}`)!;
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  };

  it('publishes an OpenAPI 3.1 document that a maintained validator accepts', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/buildings', '/units', '/units/{id}', '/tour-slots']);
    expect(document.servers[0].url).toBe(`${site}/api/v1`);
  });

  it('answers every path with JSON that matches its schema, also for errors', async () => {
    const buildings = await get('/api/v1/buildings');
    expect(buildings.status).toBe(200);
    check('BuildingList', await buildings.json());
    const units = await (await get('/api/v1/units?status=all&sort=area-desc')).json();
    check('UnitList', units);
    expect(units.units.length).toBeGreaterThan(0);
    const unit = await get(`/api/v1/units/${units.units[0].id}`);
    check('Unit', await unit.json());
    const bad = await get('/api/v1/units?minArea=lots&building=../../etc');
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    check('Error', badBody);
    expect(badBody.error.code).toBe('invalid');
    expect(badBody.errors.map((e: { field: string }) => e.field)).toContain('minArea');
    const missing = await get('/api/v1/units/no-such-unit');
    expect(missing.status).toBe(404);
    const missingBody = await missing.json();
    check('Error', missingBody);
    expect(missingBody).toMatchObject({ error: { code: 'unknown_unit' }, errors: [] });
    expect((await get('/api/v1/units/%3Cscript%3E')).status).toBe(404);
    const slots = await get('/api/v1/tour-slots?building=rd-1&days=3');
    expect(slots.status).toBe(200);
    check('TourSlotList', await slots.json());
    const badSlots = await get('/api/v1/tour-slots?from=tomorrow&units=%3Cx%3E');
    expect(badSlots.status).toBe(400);
    const badSlotsBody = await badSlots.json();
    check('Error', badSlotsBody);
    expect(badSlotsBody.errors.map((e: { field: string }) => e.field)).toEqual(['units', 'from']);
  });

  it('revalidates with ETag (304 when unchanged, a new ETag after a change) and is open to any origin', async () => {
    const first = await get('/api/v1/units/r1-0807', { origin: 'https://partner.example' });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await get('/api/v1/units/r1-0807', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/api/v1/units/r1-0807', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    await sql.query(
      "update unit_states set list_rent_per_sqm_day = list_rent_per_sqm_day + 0.01, updated_at = now() where unit_id = 'r1-0807'",
    );
    await changeNoticed();
    const changed = await get('/api/v1/units/r1-0807', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const preflight = await fetch(`${server.url}/api/v1/units`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/i);
  });
});

describe('syndication', () => {
  it('serves an Atom feed of units that became available, newest first', async () => {
    await sql.query(
      "update unit_states set status = 'available', updated_at = now() + interval '1 minute' where unit_id = 'r2-0501'",
    );
    await changeNoticed();
    const response = await get('/feeds/units.xml');
    expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = xml.parse(await response.text()).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${site}/feeds/units.xml`);
    expect(feed.entry.length).toBeGreaterThan(3);
    const first = feed.entry[0];
    expect(first.link['@_href']).toBe(`${site}/units/r2-0501`);
    expect(new Date(first.updated).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
    for (const entry of feed.entry) {
      expect(entry.id).toBeTruthy();
      expect(entry.title).toBeTruthy();
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    }
    const english = xml.parse(await (await get('/en/feeds/units.xml')).text()).feed;
    expect(english['@_xml:lang']).toBe('en');
    expect(english.entry[0].link['@_href']).toBe(`${site}/en/units/r2-0501`);
  });

  it('lists every public page in sitemap.xml with zh-CN, en and x-default alternates', async () => {
    const text = await (await get('/sitemap.xml')).text();
    const set = xml.parse(text).urlset;
    expect(set['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(set['@_xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const locs = set.url.map((u: { loc: string }) => u.loc);
    expect(locs).toContain(`${site}/units/r1-0807`);
    expect(locs).toContain(`${site}/en/units/r1-0807`);
    expect(new Set(locs).size).toBe(locs.length);
    for (const url of set.url) {
      expect(url['xhtml:link'].map((l: Record<string, string>) => l['@_hreflang'])).toEqual([
        'zh-CN',
        'en',
        'x-default',
      ]);
    }
    // Every listed page exists.
    for (const loc of locs.filter((_: string, i: number) => i % 40 === 0))
      expect((await fetch(loc.replace(site, server.url))).status, loc).toBe(200);
  });

  it('keeps crawlers out of the console, the API, checkout, widgets and personal links', async () => {
    const robots = await (await get('/robots.txt')).text();
    for (const line of [
      'Disallow: /console',
      'Disallow: /api/',
      'Disallow: /reserve/',
      'Disallow: /embed/',
      'Disallow: /tours/',
      'Disallow: /proposals/',
      `Sitemap: ${site}/sitemap.xml`,
    ])
      expect(robots).toContain(line);
  });

  it('answers oEmbed for unit and listing pages, found through the discovery link, and refuses others', async () => {
    const page = await (await get('/en/units/r1-0807')).text();
    const discovery = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/
      .exec(page)![1]!
      .replace(/&amp;/g, '&');
    const answer = await get(discovery);
    expect(answer.status).toBe(200);
    const body = await answer.json();
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'Fengtai Aerospace Innovation Center',
      width: 400,
      height: 380,
    });
    expect(body.html).toContain(`src="${site}/embed/units/r1-0807?lang=en"`);
    expect(body.title).toMatch(/807$/);
    const listing = await (
      await get(`/oembed?url=${encodeURIComponent(`${site}/units?minArea=200`)}&maxwidth=600`)
    ).json();
    expect(listing.width).toBe(600);
    expect(listing.html).toContain('/embed/listings?minArea=200&amp;lang=zh');
    const listingPage = await (await get('/units')).text();
    expect(listingPage).toContain('type="application/json+oembed"');
    expect((await get(`/oembed?url=${encodeURIComponent(`${site}/units/r1-0807`)}&format=xml`)).status).toBe(501);
    expect((await get(`/oembed?url=${encodeURIComponent('https://evil.example/units/r1-0807')}`)).status).toBe(404);
    expect((await get(`/oembed?url=${encodeURIComponent(`${site}/console`)}`)).status).toBe(404);
    expect((await get('/oembed?url=not%20a%20url')).status).toBe(400);
    expect((await get('/oembed')).status).toBe(400);
    expect((await get(`/oembed?url=${encodeURIComponent(`${site}/units/r1-0807`)}&maxwidth=-5`)).status).toBe(400);
  });

  it('describes a unit page with schema.org JSON-LD and Open Graph tags', async () => {
    const page = await (await get('/units/r1-0807')).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
    const unit = await (await get('/api/v1/units/r1-0807')).json();
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('RealEstateListing');
    expect(ld.url).toBe(`${site}/units/r1-0807`);
    expect(ld.offers['@type']).toBe('Offer');
    expect(ld.offers.priceCurrency).toBe('CNY');
    expect(Number(ld.offers.price)).toBeCloseTo(unit.rentPerMonthFen / 100, 2);
    expect(ld.offers.availability).toBe('https://schema.org/InStock');
    expect(ld.offers.itemOffered['@type']).toBe('Accommodation');
    expect(ld.offers.itemOffered.floorSize).toEqual({
      '@type': 'QuantitativeValue',
      value: unit.grossArea,
      unitCode: 'MTK',
      unitText: 'm²',
    });
    for (const property of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name', 'og:locale'])
      expect(page).toContain(`property="${property}"`);
    expect(page).toContain('<meta property="og:type" content="product">');
    expect(page).toContain('name="twitter:card"');
    expect(page).toContain('type="application/atom+xml"');
  });

  it('prints a bilingual A4 flyer with a QR code to the live unit page', async () => {
    const response = await get('/units/r1-0807/flyer');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(html).toContain(`data-flyer-qr="${site}/units/r1-0807?utm_source=flyer&amp;utm_medium=print"`);
    expect(html).toMatch(/<svg[^>]*viewBox[^>]*>.*<path/s);
    expect(html).toContain('科研1号楼');
    expect(html).toContain('R&amp;D Building 1');
    expect((await get('/units/nope/flyer')).status).toBe(404);
  });
});
