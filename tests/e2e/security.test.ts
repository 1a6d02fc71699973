/**
 * Security on the built server: headers and the Content-Security-Policy on every kind of route, no CSP
 * violation on real pages in Chromium, no secret in what browsers receive, and hostile input at every public
 * endpoint answered with a 4xx (never a 5xx, never a stack trace).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryString } from '../support/binary-string.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { changeNoticed } from '../support/postgres-database.ts';
import type { RunningServer } from '../support/start-server.ts';
import { wakeIslands } from '../support/wake-islands.ts';

const SECRETS = {
  ADMIN_PASSWORD: 'Sup3r-secret-admin-pw!',
  SMTP_URL: 'smtp://mailer:smtp-secret-pw-7@127.0.0.1:2525',
  WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-secret-key-42',
};
let portal: PortalOnPostgres;
let server: RunningServer;
let database: PortalOnPostgres['database'];
let browser: Browser;

beforeAll(async () => {
  portal = await startPortalOnPostgres({
    ADMIN_EMAIL: 'admin@park.example',
    TRUST_PROXY: 'true',
    LEADS_NOTIFY_EMAIL: 'leasing@park.example',
    ...SECRETS,
  });
  ({ server, browser, database } = portal);
});
afterAll(() => portal?.stop());

const PAGES = [
  '/',
  '/en/',
  '/map',
  '/buildings/rd-1',
  '/buildings/rd-1/floors/5',
  '/units',
  '/units/r1-0807',
  '/en/units/r1-0807',
  '/compare?units=r1-0806,r1-0807',
  '/amenities',
  '/contact',
  '/privacy',
  '/reserve/r1-0807',
  '/units/r1-0807/flyer',
  '/console/login',
  '/embed/listings',
];

describe('security headers', () => {
  it('sends a strict CSP and the usual headers on pages, and refuses framing outside /embed/', async () => {
    for (const path of PAGES) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      const script = /script-src([^;]*)/.exec(csp)?.[1] ?? '';
      expect(script, path).toContain("'self'");
      expect(script, path).not.toContain('unsafe-inline');
      expect(script, path).not.toContain('unsafe-eval');
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain(path.startsWith('/embed/') ? 'frame-ancestors *' : "frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(response.headers.get('x-request-id'), path).toMatch(/^[\w-]{8,}$/);
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const api = await fetch(`${server.url}/api/v1/units`);
    expect(api.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    // Behind a trusted proxy that terminated HTTPS: HSTS.
    const proxied = await fetch(`${server.url}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    // A load balancer's request id is kept.
    expect(
      (await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'lb-0123456789' } })).headers.get(
        'x-request-id',
      ),
    ).toBe('lb-0123456789');
  });

  it('shows every page in Chromium without a single CSP violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    for (const path of PAGES) {
      await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    }
    // Islands hydrated under the policy: the search island answers, the map draws.
    await page.goto(`${server.url}/map`, { waitUntil: 'networkidle' });
    await wakeIslands(page);
    await page.locator('.leaflet-container').waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('sends no secret to browsers: not in the client build, not in any page', async () => {
    const clientDir = join(import.meta.dirname, '..', '..', 'dist', 'client');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    const values = [...Object.values(SECRETS), 'smtp-secret-pw-7', 'wecom-secret-key-42', database.url];
    const names = [
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
      'DATABASE_URL',
      'ADMIN_PASSWORD',
      'SMTP_URL',
      'WECOM_WEBHOOK_URL',
      'BETTER_AUTH_SECRET',
    ];
    for (const file of walk(clientDir).filter((f) => /\.(js|css|html|json|mjs)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const name of names) expect(text.includes(name), `${name} in ${file}`).toBe(false);
      expect(text).not.toMatch(/sk_(test|live)_[A-Za-z0-9]{6,}|whsec_[A-Za-z0-9]{6,}/);
    }
    for (const path of PAGES) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      for (const value of values) expect(html.includes(value), `${value} in ${path}`).toBe(false);
    }
  });
});

describe('cached pages', () => {
  it('serve each visitor a fresh form token and cookies, and show a change in the database on the next request', async () => {
    const token = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1];
    const first = await fetch(`${server.url}/units/r1-0806`);
    const second = await fetch(`${server.url}/units/r1-0806`);
    const [a, b] = [await first.text(), await second.text()];
    expect(token(a)).toBeTruthy();
    expect(token(b)).not.toBe(token(a));
    expect(b.split(token(b)!).length - 1).toBe(2); // the form field and the island's props
    for (const response of [first, second])
      expect(response.headers.getSetCookie().some((c) => c.startsWith('aic_ft='))).toBe(true);
    expect(b).not.toContain('9.87');
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    await sql.query("update unit_states set list_rent_per_sqm_day = 9.87 where unit_id = 'r1-0806'");
    await sql.end();
    await changeNoticed();
    expect(await (await fetch(`${server.url}/units/r1-0806`)).text()).toContain('9.87');
    expect(await (await fetch(`${server.url}/en/units?building=rd-1&sort=rent-desc`)).text()).toContain('9.87');
  });
});

describe('hostile input', () => {
  const noLeak = async (response: Response, what: string) => {
    const text = await response.text();
    expect(response.status, `${what} → ${response.status}: ${text.slice(0, 200)}`).toBeLessThan(500);
    expect(text, what).not.toMatch(
      /\n\s+at [\w.<]+ \(|node_modules|\/src\/server\/|DrizzleQueryError|PostgresError|syntax error at/,
    );
  };

  const fragments = [
    "' OR 1=1 --",
    '"; drop table leads; --',
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '%00',
    '%C3%28',
    '%E0%80%AF',
    '\u0000',
    '𝕏'.repeat(50),
    'a'.repeat(5000),
    '{{7*7}}',
    '${7*7}',
    '-1',
    '1e309',
    'NaN',
    '[]',
    '{"a":1}',
  ];
  const getPaths = [
    '/units',
    '/api/v1/units',
    '/embed/listings',
    '/oembed',
    '/compare',
    '/map',
    '/contact',
    '/feeds/units.xml',
    '/console/login',
  ];
  const params = [
    'building',
    'minArea',
    'maxRent',
    'fitOut',
    'availableBy',
    'page',
    'sort',
    'units',
    'url',
    'embed',
    'host',
    'lang',
    'limit',
    'unit',
    'next',
    'maxwidth',
  ];

  it('answers hostile query strings and paths with 4xx or a normal page, never 5xx or a stack trace', async () => {
    for (const path of getPaths) {
      for (const param of params) {
        for (const fragment of fragments.slice(0, 10)) {
          await noLeak(
            await fetch(`${server.url}${path}?${param}=${encodeURIComponent(fragment)}`),
            `${path}?${param}=${fragment}`,
          );
        }
      }
      // Raw invalid percent-encoding and UTF-8 in the query.
      await noLeak(
        await fetch(`${server.url}${path}?minArea=%E0%A4%A&building=%C3%28&units=%FF%FE`),
        `${path} invalid encoding`,
      );
    }
    // Astro's image endpoint, which would try to resize any file of the build.
    for (const query of [
      'href=%2Ffavicon.svg&w=100&f=webp',
      'href=%2F..%2F..%2Fetc%2Fpasswd&w=100&f=webp',
      'href=%2F_astro%2Fx.js&w=10&f=avif',
      'w=-1',
      '',
    ]) {
      await noLeak(await fetch(`${server.url}/_image?${query}`), `/_image?${query}`);
    }
    for (const fragment of fragments) {
      const encoded = fragment.startsWith('%') ? fragment : encodeURIComponent(fragment);
      for (const prefix of [
        '/units/',
        '/units/',
        '/buildings/',
        '/embed/units/',
        '/api/v1/units/',
        '/reserve/',
        '/en/units/',
        '/api/console/leads/',
      ]) {
        await noLeak(await fetch(`${server.url}${prefix}${encoded}`, { redirect: 'manual' }), `${prefix}${fragment}`);
      }
    }
    for (const traversal of [
      '/..%2f..%2fetc%2fpasswd',
      '/_astro/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/units/r1-0807/..%2f..%2f..%2fpackage.json',
      '/favicon.svg%00.js',
    ]) {
      const response = await fetch(`${server.url}${traversal}`, { redirect: 'manual' });
      const text = await response.text();
      expect(response.status, traversal).toBeLessThan(500);
      expect(text, traversal).not.toContain('"dependencies"');
      expect(text, traversal).not.toContain('root:x:0:0');
    }
  });

  it('answers %25, line breaks and NUL in /en/ and console paths with 404 or 400, signed in or not', async () => {
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'admin@park.example', password: SECRETS.ADMIN_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = JSON.stringify({ confirm: 'erase', to: 'qualified', text: 'x', status: 'available' });
    const wrong: string[] = [];
    for (const hostile of [
      '%25',
      '%2525',
      'a%25b',
      '%25%0A',
      '%0A',
      '%0D',
      '%0D%0A',
      '%00',
      '%09',
      '%7F',
      '%250A',
      'x%0D%0ALocation:%20%2F%2Fevil.example',
    ]) {
      const gets = [
        `/en/${hostile}`,
        `/en/units/${hostile}`,
        `/en/buildings/${hostile}`,
        `/en/units/r1-0807/${hostile}`,
        `/${hostile}`,
        `/console/leads/${hostile}`,
        `/en/console/leads/${hostile}`,
        `/api/console/leads/${hostile}/export.json`,
        `/api/console/leads/${hostile}/tours/${hostile}.ics`,
        `/api/console/exports/${hostile}`,
      ];
      const posts = [
        `/api/console/leads/${hostile}/stage`,
        `/api/console/leads/${hostile}/notes`,
        `/api/console/leads/${hostile}/erase`,
        `/api/console/leads/${hostile}/tour`,
        `/api/console/deposits/${hostile}/refund`,
        `/api/console/inventory/${hostile}`,
      ];
      for (const [method, paths] of [
        ['GET', gets],
        ['POST', posts],
      ] as const) {
        for (const path of paths) {
          for (const form of [false, true]) {
            const headers = {
              cookie,
              origin: server.url,
              'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
            };
            const sent =
              method === 'POST'
                ? form
                  ? new URLSearchParams(JSON.parse(body) as Record<string, string>).toString()
                  : body
                : undefined;
            const response = await fetch(`${server.url}${path}`, { method, headers, body: sent, redirect: 'manual' });
            const text = await response.text();
            if (![400, 404].includes(response.status))
              wrong.push(`${method} ${path}${form ? ' (form)' : ''} → ${response.status} ${text.slice(0, 80)}`);
            if (method === 'GET') break;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a NUL character or a lone surrogate in otherwise valid submissions with 400, storing nothing', async () => {
    const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'admin@park.example', password: SECRETS.ADMIN_PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const inquiry = {
      companyName: 'NUL测试有限公司',
      contactName: '测试',
      email: 'nul@example.com',
      industryTrack: 'remote-sensing',
      consent: true,
    };
    const created = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inquiry),
    });
    expect(created.status).toBe(201);
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const {
      rows: [lead],
    } = await sql.query<{ id: string }>(`select id from leads where company_name = 'NUL测试有限公司'`);
    const before = await sql.query(
      'select (select count(*) from leads) as leads, (select count(*) from lead_events) as events, (select count(*) from deposits) as deposits',
    );
    const sends: [string, string, Record<string, unknown>][] = [
      ['/api/leads', 'json', { ...inquiry, message: 'hi\u0000there' }],
      ['/api/leads', 'json', { ...inquiry, companyName: 'NUL\u0000公司' }],
      // Half of a surrogate pair: JSON.stringify sends it as the escape "\ud800", which JSON.parse gives back alone.
      ['/api/leads', 'json', { ...inquiry, companyName: 'Lone \ud800 公司' }],
      ['/api/reservations', 'json', { ...inquiry, unitId: 'r1-0807', message: 'x\udfff' }],
      [`/api/console/leads/${lead!.id}/notes`, 'json', { text: '\ud83d' }],
      ['/api/reservations', 'json', { ...inquiry, unitId: 'r1-0807', contactName: '测\u0000试' }],
      [`/api/console/leads/${lead!.id}/notes`, 'json', { text: 'note\u0000' }],
      [`/api/console/leads/${lead!.id}/notes`, 'form', { text: 'note\u0000' }],
      [`/api/console/leads/${lead!.id}/tasks`, 'form', { title: 'call\u0000', dueOn: '2030-01-01' }],
      ['/console/login', 'form', { email: 'admin@park.example\u0000', password: 'x' }],
      ['/console/users', 'form', { action: 'create', name: 'N\u0000', email: 'n@park.example', role: 'agent' }],
      ['/contact?_action=submitLead', 'form', { ...inquiry, consent: 'on', message: 'a\u0000b' }],
    ];
    const wrong: string[] = [];
    for (const [path, kind, fields] of sends) {
      const body =
        kind === 'json'
          ? JSON.stringify(fields)
          : new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie,
          origin: server.url,
          'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
        },
        body,
      });
      const text = await response.text();
      if (response.status !== 400 || !/NUL/.test(text))
        wrong.push(`${path} (${kind}) → ${response.status} ${text.slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
    const after = await sql.query(
      'select (select count(*) from leads) as leads, (select count(*) from lead_events) as events, (select count(*) from deposits) as deposits',
    );
    expect(after.rows).toEqual(before.rows);
    await sql.end();
  });

  it('answers random and hostile bodies at every POST endpoint with 4xx (property-based)', async () => {
    const endpoints = [
      '/api/leads',
      '/api/reservations',
      '/api/reservations/demo',
      '/api/tours',
      '/api/webhooks/stripe',
      '/console/login',
      '/api/auth/sign-in/email',
      '/console/embeds',
      '/units/r1-0807?_action=submitLead',
      '/contact?_action=submitLead',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.oneof(
          fc.json().map((body) => ({ body, type: 'application/json' })),
          fc
            .dictionary(
              fc.constantFrom(
                'companyName',
                'email',
                'unitId',
                'unitIds',
                'formToken',
                'consent',
                'password',
                'name',
                'filters',
                'depositId',
                'code',
                'action',
                'id',
                'token',
                'start',
                'tour',
                'colleagues',
                'colleagueName',
              ),
              fc.oneof(fc.constantFrom(...fragments), fc.jsonValue()),
            )
            .map((o) => ({ body: JSON.stringify(o), type: 'application/json' })),
          fc
            .dictionary(fc.string(), fc.constantFrom(...fragments))
            .map((o) => ({ body: new URLSearchParams(o).toString(), type: 'application/x-www-form-urlencoded' })),
          fc
            .uint8Array({ maxLength: 400 })
            .map((bytes) => ({ body: new Blob([new Uint8Array(bytes)]), type: 'multipart/form-data; boundary=xyz' })),
          binaryString.map((s) => ({ body: s, type: 'text/plain' })),
        ),
        async (path, { body, type }) => {
          const response = await fetch(`${server.url}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': type, origin: server.url, 'stripe-signature': 't=1,v1=00' },
            body,
          });
          await noLeak(response, `POST ${path} (${type})`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses state-changing requests from other sites, whatever the content type', async () => {
    for (const [path, type, body] of [
      ['/api/leads', 'application/json', '{}'],
      ['/api/reservations', 'application/json', '{}'],
      ['/api/tours', 'application/json', '{}'],
      ['/api/leads', 'application/x-www-form-urlencoded', 'a=1'],
      ['/api/console/leads/x/stage', 'application/json', '{}'],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': type },
        body,
      });
      expect(response.status, path).toBe(403);
    }
    const sneaky = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(sneaky.status).toBe(403);
    // Same-origin and server-to-server requests reach their own validation.
    expect(
      (
        await fetch(`${server.url}/api/leads`, {
          method: 'POST',
          headers: { origin: server.url, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${server.url}/api/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBeLessThan(500);
  });

  it('refuses huge headers and bodies without falling over', async () => {
    const huge = await fetch(`${server.url}/units`, {
      headers: { cookie: `aic_ft=${'x'.repeat(40_000)}`, 'x-custom': 'y'.repeat(10_000) },
    }).catch((error: Error) => error);
    if (huge instanceof Response) expect(huge.status).toBeGreaterThanOrEqual(400);
    const bigBody = await fetch(`${server.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ message: 'x'.repeat(2_000_000) }),
    });
    expect(bigBody.status).toBe(413);
    // Garbage on the socket: the server answers 400 and keeps serving.
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () =>
        socket.end('GARBAGE / HTTP/9.9\r\n\xff\xfe\r\n\r\n'),
      );
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
