/**
 * Every answer's status line carries the standard reason phrase of its code (`404 Not Found`, never `404 OK`),
 * whether Astro rendered it (pages setting Astro.response.status, `new Response(…, { status })`), the body limit
 * refused it, or the response cache replayed it. Raw node:http, so the test reads the status line as sent.
 */
import { request, STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServerOnPglite } from '../support/server-on-pglite.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

let server: RunningServer;
startForFile(startServerOnPglite, (started) => ({ server } = started));

interface StatusLine {
  status: number;
  reason: string;
  etag?: string;
}

/** Sends a request and resolves with the status code and reason phrase as the server wrote them. */
function statusLineOf(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; declaredLength?: number } = {},
): Promise<StatusLine> {
  return new Promise((resolve, reject) => {
    const headers = {
      ...options.headers,
      ...(options.declaredLength ? { 'content-length': String(options.declaredLength) } : {}),
    };
    const req = request(`${server.url}${path}`, { method: options.method ?? 'GET', headers }, (res) => {
      res.resume();
      const answer = { status: res.statusCode ?? 0, reason: res.statusMessage ?? '', etag: res.headers.etag };
      // A declared body is never sent: stop as soon as the head is in.
      if (options.declaredLength) {
        req.destroy();
        resolve(answer);
      } else res.on('end', () => resolve(answer));
    });
    req.on('error', (error) => (options.declaredLength ? undefined : reject(error)));
    if (options.declaredLength) req.flushHeaders();
    else req.end(options.body);
  });
}

const expectStandard = (line: StatusLine, status: number) =>
  expect(line).toMatchObject({ status, reason: STATUS_CODES[status] });

describe('status lines', () => {
  it('answers a missing page with 404 Not Found in both languages', async () => {
    expectStandard(await statusLineOf('/no-such-page'), 404);
    expectStandard(await statusLineOf('/en/no-such-page'), 404);
    expectStandard(await statusLineOf('/en/units/no-such-unit'), 404);
  });

  it('answers a filter it cannot read with 400 Bad Request', async () => {
    expectStandard(await statusLineOf('/api/v1/units?minArea=x'), 400);
  });

  it('answers a body over the limit with 413 Payload Too Large', async () => {
    const line = await statusLineOf('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      declaredLength: 600 * 1024 * 1024,
    });
    expectStandard(line, 413);
  });

  it('answers sign-in attempts past the limit with 429 Too Many Requests, on the page and the API', async () => {
    const form = new URLSearchParams({ email: 'nobody@park.example', password: 'not-the-password-at-all' }).toString();
    const lines: StatusLine[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      lines.push(
        await statusLineOf('/console/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
          body: form,
        }),
      );
    }
    const limited = lines.filter((line) => line.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const line of lines) expectStandard(line, line.status);
    const api = await statusLineOf('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'nobody@park.example', password: 'not-the-password-at-all' }),
    });
    expectStandard(api, 429);
  });

  it('keeps the standard reason phrase on answers replayed from the response cache', async () => {
    const path = '/api/v1/units?building=rd-2';
    expectStandard(await statusLineOf(path), 200);
    const cached = await statusLineOf(path);
    expectStandard(cached, 200);
    expect(cached.etag).toBeDefined();
    expectStandard(await statusLineOf(path, { headers: { 'if-none-match': cached.etag! } }), 304);
    expectStandard(await statusLineOf('/en/'), 200);
    expectStandard(await statusLineOf('/en/'), 200);
  });
});
