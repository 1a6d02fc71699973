/**
 * The response cache on the built server with the embedded database (PGlite), where freshness rests on this
 * process counting its own writes: a cached answer is the rendered answer (headers, cookies, body, encodings)
 * with per-visitor parts made fresh, and a change made through the portal shows on the very next request.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServerOnPglite } from '../support/server-on-pglite.ts';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

const ADMIN = { email: 'admin@park.example', password: 'a-long-admin-password' };
let server: RunningServer;
startForFile(
  () => startServerOnPglite(adminEnv(ADMIN), { ownSiteUrl: true }),
  (portal) => ({ server } = portal),
);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET (node:http, so the test sees the bytes and headers as sent, with no automatic decompression). */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** How many requests for `path` the cache has answered, by the access log (read once the lines so far are out). */
async function cachedLines(path: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return server
    .output()
    .split('\n')
    .filter((line) => line.includes('"cached":true') && line.includes(`"path":"${path}"`)).length;
}
const TOKEN = /v2\.\d+\.[\w-]{16}\.[\w-]{43}/g;
const PER_RESPONSE = [
  'date',
  'x-request-id',
  'set-cookie',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
];
const stableHeaders = (answer: Answer) =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_RESPONSE.includes(name)));
const cookieShape = (answer: Answer) =>
  ([] as string[]).concat(answer.headers['set-cookie'] ?? []).map((c) => c.replace(/=[^;]*/, '=…'));
const landingOf = (answer: Answer) => {
  const cookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('aic_ft='));
  return cookie
    ? (JSON.parse(Buffer.from(cookie.slice(7).split(';')[0]!, 'base64url').toString()) as { landingPage: string })
        .landingPage
    : undefined;
};

describe('the response cache', () => {
  it('answers the second request from the cache with the same status, headers, cookies and body as the rendered first', async () => {
    for (const path of [
      '/',
      '/en/',
      '/units?building=rd-1',
      '/units/r1-0501',
      '/en/units/r1-0501',
      '/amenities',
      '/api/v1/units',
      '/api/v1/buildings',
      '/api/v1/units/r1-0501',
    ]) {
      const rendered = await get(path);
      const cached = await get(path);
      expect(await cachedLines(path.split('?')[0]!), path).toBe(1);
      expect(cached.status, path).toBe(200);
      expect(stableHeaders(cached), path).toEqual(stableHeaders(rendered));
      expect(cached.headers['x-request-id'], path).not.toBe(rendered.headers['x-request-id']);
      expect(cookieShape(cached), path).toEqual(cookieShape(rendered));
      expect(landingOf(cached), path).toBe(landingOf(rendered));
      const [a, b] = [rendered.body.toString(), cached.body.toString()];
      expect(b.replace(TOKEN, 'TOKEN'), path).toBe(a.replace(TOKEN, 'TOKEN'));
      // A page with the inquiry form gets a token of its own, in every place the form reads it.
      const tokens = new Set(b.match(TOKEN));
      if (a.match(TOKEN)) {
        expect(tokens.size, path).toBe(1);
        expect(a, path).not.toContain([...tokens][0]);
      }
    }
  });

  it('sends the cached answer compressed as the client asks, and 304 for a matching ETag', async () => {
    const plain = (await get('/amenities')).body.toString();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the kept compressed copies are made in the background
    const br = await get('/amenities', { 'accept-encoding': 'gzip;q=0.5, br' });
    const gzip = await get('/amenities', { 'accept-encoding': 'br;q=0, gzip' });
    const none = await get('/amenities', { 'accept-encoding': 'identity' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain);
    expect(gunzipSync(gzip.body).toString()).toBe(plain);
    expect(none.body.toString()).toBe(plain);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);

    // A page with a form is compressed per response, around its own token.
    const unit = await get('/units/r1-0502', { 'accept-encoding': 'br' });
    const unitAgain = await get('/units/r1-0502', { 'accept-encoding': 'gzip' });
    expect(unitAgain.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(unitAgain.body).toString().replace(TOKEN, 'TOKEN')).toBe(
      brotliDecompressSync(unit.body).toString().replace(TOKEN, 'TOKEN'),
    );

    const api = await get('/api/v1/units?building=rd-2');
    const etag = api.headers.etag as string;
    const before = await cachedLines('/api/v1/units');
    const revalidated = await get('/api/v1/units?building=rd-2', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect(await cachedLines('/api/v1/units')).toBe(before + 1);
  });

  it('shows a change made through the portal on the very next request, pages and API alike', async () => {
    const admin = await signInCookie(server.url, ADMIN);
    const unitPage = '/units/r1-0601';
    const search = '/api/v1/units?building=rd-1&minFloor=6&maxFloor=6&status=all';
    const statusIn = async () =>
      (
        (await (await fetch(`${server.url}${search}`)).json()) as {
          units: Array<{ id: string; status: string; listRentPerSqmDay: string }>;
        }
      ).units.find((u) => u.id === 'r1-0601');
    for (let i = 0; i < 2; i++) {
      await get(unitPage);
      await statusIn();
    }
    expect((await get(unitPage)).body.toString()).not.toContain('8.76');
    const change = (status: string, rent: string) =>
      fetch(`${server.url}/api/console/inventory/r1-0601`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, cookie: admin },
        body: JSON.stringify({ action: 'update', status, listRentPerSqmDay: rent }),
      });
    expect((await change('unavailable', '8.76')).status).toBe(200);
    expect((await get(unitPage)).body.toString()).toContain('8.76');
    expect(await statusIn()).toMatchObject({ status: 'unavailable', listRentPerSqmDay: '8.76' });
    expect((await change('available', '8.75')).status).toBe(200);
    expect((await get(unitPage)).body.toString()).toContain('8.75');
    expect(await statusIn()).toMatchObject({ status: 'available', listRentPerSqmDay: '8.75' });
    // …and those answers are cached again until the next change.
    const before = await cachedLines(unitPage);
    await get(unitPage);
    expect(await cachedLines(unitPage)).toBe(before + 1);
  });

  it('renders every time a public page that is not on its list of cacheable routes', async () => {
    // The flyer is a public 200 page like any unit page, but not listed (http/classify-path.ts): so is any new page.
    for (const path of ['/units/r1-0501/flyer', '/en/units/r1-0501/flyer/']) {
      expect((await get(path)).status, path).toBe(200);
      expect((await get(path)).status, path).toBe(200);
      expect(await cachedLines(path), path).toBe(0);
    }
  });

  it('goes on to Astro for what it must not answer: other methods, form actions, embed clicks, a broken Host', async () => {
    await get('/amenities');
    const before = await cachedLines('/amenities');
    expect((await get('/amenities?embed=nope')).status).toBe(200);
    expect((await get('/amenities', { host: '[bad' })).status).toBeLessThan(500);
    const head = await fetch(`${server.url}/amenities`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await cachedLines('/amenities')).toBe(before);
  });
});
