/**
 * Every request body has a limit, on the built server: one over it gets 413 (JSON on API paths, zh and en)
 * on every kind of POST route, whether it declares its length or streams without one, nothing is stored, and
 * the server stops reading: the connection is closed long before a large body is all sent.
 */
import { request as httpRequest } from 'node:http';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startServerOnPostgres } from '../support/portal-on-postgres.ts';
import { adminEnv, CHIEF_ADMIN } from '../support/staff-accounts.ts';
import { startForFile } from '../support/start-for-file.ts';
import type { RunningServer } from '../support/start-server.ts';

let server: RunningServer, sql: pg.Client;
startForFile(
  () => startServerOnPostgres(adminEnv(CHIEF_ADMIN)),
  (portal) => ({ server, sql } = portal),
);

const LEAD_ID = '00000000-0000-4000-8000-000000000000';
/** One route of each kind that takes a body, with the content type it takes and its limit. */
const ROUTES = [
  { path: '/console/login', type: 'application/x-www-form-urlencoded', limit: 64 * 1024 },
  { path: '/en/console/login/2fa', type: 'application/x-www-form-urlencoded', limit: 64 * 1024 },
  { path: '/api/auth/sign-in/email', type: 'application/json', limit: 64 * 1024 },
  { path: `/api/console/leads/${LEAD_ID}/notes`, type: 'application/json', limit: 64 * 1024 },
  { path: '/_actions/submitLead', type: 'application/x-www-form-urlencoded', limit: 64 * 1024 },
  { path: '/api/leads', type: 'application/json', limit: 64 * 1024 },
  { path: '/api/webhooks/stripe', type: 'application/json', limit: 1024 * 1024 },
];

/** A form or JSON body of about `size` bytes that would be a valid inquiry if it were small. */
function bodyOf(type: string, size: number): string {
  const padding = 'x'.repeat(size);
  const fields = {
    companyName: '超大请求测试公司',
    contactName: '测试',
    email: 'huge@example.com',
    industryTrack: 'remote-sensing',
    consent: 'true',
    message: padding,
    email2: 'a',
    password: 'p',
  };
  return type === 'application/json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
}

interface StreamedAnswer {
  status: number | undefined;
  body: string;
  sentBytes: number;
}

/**
 * Streams `totalBytes` to `path` in 64 KB chunks (with a Content-Length when `declareLength`, chunked
 * otherwise) for as long as the server reads; resolves with the answer and how much was sent before the
 * server answered or closed the connection.
 */
function streamBody(
  path: string,
  totalBytes: number,
  declareLength: boolean,
  extraHeaders: Record<string, string> = {},
): Promise<StreamedAnswer> {
  return new Promise((resolve) => {
    const url = new URL(path, server.url);
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-www-form-urlencoded',
      origin: server.url,
      ...extraHeaders,
    };
    if (declareLength) headers['content-length'] = totalBytes;
    const req = httpRequest(url, { method: 'POST', headers });
    const answer: StreamedAnswer = { status: undefined, body: '', sentBytes: 0 };
    let isDone = false;
    const finish = () => {
      if (isDone) return;
      isDone = true;
      req.destroy();
      resolve(answer);
    };
    req.on('response', (response) => {
      answer.status = response.statusCode;
      response.setEncoding('utf8');
      response.on('data', (text: string) => (answer.body += text));
      response.on('end', finish);
      response.on('error', finish);
    });
    req.on('error', finish);
    req.on('close', () => setTimeout(finish, 50));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!isDone && answer.status === undefined && answer.sentBytes < totalBytes) {
        answer.sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!isDone && answer.status === undefined && answer.sentBytes >= totalBytes) req.end();
    };
    req.flushHeaders();
    pump();
  });
}

describe('request body limits', () => {
  it('answers 413 to a body over the limit on every kind of POST route, in both languages, and stores nothing', async () => {
    const leadsBefore = (await sql.query('select count(*)::int as n from leads')).rows[0].n;
    const wrong: string[] = [];
    for (const { path, type, limit } of ROUTES) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, origin: server.url },
        body: bodyOf(type, limit + 1024),
      });
      const text = await response.text();
      const isApi = path.startsWith('/api/');
      const isExplained =
        /请求内容过大/.test(text) && /too large/.test(text) && (!isApi || JSON.parse(text).error.code === 'too_large');
      if (response.status !== 413 || !isExplained) wrong.push(`${path} → ${response.status} ${text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect((await sql.query('select count(*)::int as n from leads')).rows[0].n).toBe(leadsBefore);
  });

  it('answers 413 to a chunked body without Content-Length once it passes the limit, and stops reading it', async () => {
    const leadsBefore = (await sql.query('select count(*)::int as n from leads')).rows[0].n;
    // Signed in, so that the console endpoint gets as far as reading its body (anonymous posts get 401 unread).
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'chief@park.example', password: 'long-enough-password-1' }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (const path of [
      '/console/login',
      '/api/leads',
      `/api/console/leads/${LEAD_ID}/stage`,
      '/api/auth/sign-in/email',
    ]) {
      const answer = await streamBody(path, 64 * 1024 * 1024, false, { cookie });
      expect(answer.status, path).toBe(413);
      expect(answer.body).toMatch(/请求内容过大[\s\S]*too large/);
      // The server stopped reading at the limit: the client got its answer long before the 64 MB were sent. (Not a
      // tighter bound: after the 413 the server discards what still arrives for a moment (a gentle close), and on
      // loopback the client can push several more MB before it handles the answer; 17 MB was seen on a busy machine.)
      expect(answer.sentBytes, path).toBeLessThan(32 * 1024 * 1024);
    }
    expect((await sql.query('select count(*)::int as n from leads')).rows[0].n).toBe(leadsBefore);
  });

  it('answers a declared 600 MB body at once and closes the connection before it is sent', async () => {
    const answer = await streamBody('/console/login', 600 * 1024 * 1024, true);
    expect(answer.status).toBe(413);
    // Far less than the 600 MB was sent. Not a tighter bound: the server answers before reading, then discards
    // what still arrives for a moment (a gentle close), and on a busy loopback the client pushed 25 MB before it
    // handled the answer. What matters is that the server never takes the body in (bench:body measures its RSS).
    expect(answer.sentBytes).toBeLessThan(64 * 1024 * 1024);
    // The server is still there and well.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('still accepts an ordinary sign-in and an ordinary inquiry', async () => {
    const signIn = await fetch(`${server.url}/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: 'email=chief%40park.example&password=long-enough-password-1',
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    const inquiry = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        companyName: '普通请求测试公司',
        contactName: '测试',
        email: 'normal@example.com',
        industryTrack: 'remote-sensing',
        consent: true,
        message: 'x'.repeat(2000),
      }),
    });
    expect(inquiry.status).toBe(201);
  });
});
