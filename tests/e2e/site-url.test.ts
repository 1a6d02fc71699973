/**
 * PUBLIC_SITE_URL left at its default: a production start is refused with a message naming the variable; any
 * other start warns on the console and in the log; administrators see a banner on every console page, also
 * when requests arrive under another host name than the one configured.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInCookie } from '../support/sign-in-cookie.ts';
import { CHIEF_ADMIN as ADMIN } from '../support/staff-accounts.ts';
import { startServer, startServerExpectingFailure, type RunningServer } from '../support/start-server.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'site-url-'));
  dirs.push(dir);
  return dir;
};
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** GET with a chosen Host header (fetch cannot set one): status and body. */
function getWithHost(url: string, host: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host, ...(cookie ? { cookie } : {}) } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('PUBLIC_SITE_URL', () => {
  it('refuses a production start without it, naming the variable', async () => {
    const { code, output } = await startServerExpectingFailure({
      NODE_ENV: 'production',
      PUBLIC_SITE_URL: '',
      PGLITE_DIR: freshDir(),
      ASTRO_NODE_LOGGING: 'disabled',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('The portal cannot start');
    expect(output).toMatch(/PUBLIC_SITE_URL is not set, and NODE_ENV=production/);
    expect(output).toContain('PUBLIC_SITE_URL=https://');
  });

  it('warns at start-up when it is unset and shows admins a banner on every console page, in zh and en', async () => {
    const server = await startServer({
      PUBLIC_SITE_URL: '',
      PGLITE_DIR: freshDir(),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ASTRO_NODE_LOGGING: 'disabled',
    });
    servers.push(server);
    expect(server.output()).toContain('⚠ PUBLIC_SITE_URL is not set');
    expect(server.output()).toContain('"event":"config.site_url_unset"');
    // Unset, the site URL is http://localhost:4321: the browser-facing origin the portal trusts.
    const cookie = await signInCookie(server.url, ADMIN, 'http://localhost:4321');
    for (const path of [
      '/console',
      '/console/pipeline',
      '/console/inventory',
      '/console/users',
      '/en/console',
      '/en/console/audit',
    ]) {
      const html = await (await fetch(`${server.url}${path}`, { headers: { cookie } })).text();
      expect(html, path).toContain('data-site-url-warning');
      expect(html, path).toContain(
        path.startsWith('/en/')
          ? 'The environment variable PUBLIC_SITE_URL is not set'
          : '环境变量 PUBLIC_SITE_URL 未设置',
      );
    }
  });

  it('logs requests under another host than the configured one, and tells an admin whose own request came so', async () => {
    const dir = freshDir();
    const server = await startServer({
      PUBLIC_SITE_URL: 'http://127.0.0.1:1',
      PGLITE_DIR: dir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ASTRO_NODE_LOGGING: 'disabled',
    });
    servers.push(server);
    const cookie = await signInCookie(server.url, ADMIN, 'http://127.0.0.1:1');
    expect(await (await fetch(`${server.url}/console`, { headers: { cookie } })).text()).not.toContain(
      'data-site-url-warning',
    );
    // Anyone can send any Host: an anonymous request is logged, but never puts its host into the admins' banner.
    expect((await getWithHost(`${server.url}/`, 'leasing.example.cn')).status).toBe(200);
    expect(server.output()).toMatch(/"event":"config\.site_url_other_host".*"host":"leasing\.example\.cn"/);
    expect(await (await fetch(`${server.url}/console`, { headers: { cookie } })).text()).not.toContain(
      'data-site-url-warning',
    );
    // The admin's own console request under another host: the links the portal makes point elsewhere.
    const own = await getWithHost(`${server.url}/console`, 'leasing.example.cn', cookie);
    expect(own.status).toBe(200);
    expect(own.body).toContain('data-site-url-warning');
    expect(own.body).toContain('本门户正通过 leasing.example.cn 访问，但 PUBLIC_SITE_URL 是 http://127.0.0.1:1');
  });
});
