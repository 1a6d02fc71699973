/**
 * The console's role × route table (CONSOLE_ROUTES in src/server/auth/console-access.ts), checked cell by cell
 * against the running server with real sessions of every role and without one: every route file under
 * src/pages/console and src/pages/api/console, GET and POST, anonymous, admin, agent and marketing. A route
 * file the table does not list fails the test, so a new route cannot be forgotten.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES, type ConsoleRoute } from '../../src/server/auth/console-access.ts';
import { startPortalOnPostgres, type PortalOnPostgres } from '../support/portal-on-postgres.ts';
import { postLead } from '../support/portal-api.ts';
import { createStaffAccount, signInCookie } from '../support/sign-in-cookie.ts';
import { adminEnv, CHIEF_ADMIN as ADMIN, type StaffAccount } from '../support/staff-accounts.ts';
import type { RunningServer } from '../support/start-server.ts';

const ROLES = ['admin', 'agent', 'marketing'] as const;
type Role = (typeof ROLES)[number];
const ACCOUNTS: Record<Role, StaffAccount> = {
  admin: ADMIN,
  agent: { email: 'agent@park.example', password: 'agent-long-password' },
  marketing: { email: 'market@park.example', password: 'market-long-password' },
};
const pagesDir = join(import.meta.dirname, '..', '..', 'src', 'pages');
const LEAD = {
  companyName: '权限矩阵测试卫星有限公司',
  contactName: '孙测试',
  mobile: '13912345678',
  email: 'matrix-person@example.com',
  industryTrack: 'remote-sensing',
  consent: true,
  message: '只给招商看的留言 matrix-secret-message',
};

let portal: PortalOnPostgres;
let server: RunningServer;
const sessions = {} as Record<Role, string>;
let leadId: string;

/** Signs in through the API and returns the session cookie. */
const signIn = (account: StaffAccount) => signInCookie(server.url, account);

beforeAll(async () => {
  ({ server } = portal = await startPortalOnPostgres(adminEnv(ADMIN)));
  sessions.admin = await signIn(ADMIN);
  for (const role of ['agent', 'marketing'] as const) {
    await createStaffAccount(server.url, sessions.admin, { ...ACCOUNTS[role], name: role, role });
    sessions[role] = await signIn(ACCOUNTS[role]);
  }
  const intake = await postLead(server.url, LEAD);
  expect(intake.status).toBe(201);
  const { reference } = await intake.json();
  leadId = (await portal.sql.query('select id from leads where reference = $1', [reference])).rows[0].id;
});
afterAll(() => portal?.stop());

/** Every route file under the console folders, relative to src/pages. */
function consoleRouteFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
    );
  return [...walk(join(pagesDir, 'console')), ...walk(join(pagesDir, 'api', 'console'))].map((file) =>
    relative(pagesDir, file),
  );
}

/** A URL for a route file, its parameters filled with a real lead and unit where there are some. */
function urlOf(route: ConsoleRoute): string {
  const path = `/${route.file}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '');
  return path
    .replace('[id]', route.file.includes('deposits') ? '00000000-0000-4000-8000-000000000000' : leadId)
    .replace('[action]', 'notes')
    .replace('[file]', 'inventory.csv')
    .replace('[unitId]', 'r1-0807')
    .replace('[tourId]', '00000000-0000-4000-8000-000000000000');
}

/** How the server answered one cell: 'login' (sent to sign in), 'forbidden' (403) or 'allowed' (anything else). */
async function answerOf(url: string, method: 'GET' | 'POST', cookie: string | undefined): Promise<string> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    redirect: 'manual',
    headers: {
      origin: server.url,
      ...(cookie ? { cookie } : {}),
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(method === 'POST' ? { body: '' } : {}),
  });
  await response.body?.cancel();
  if (response.status >= 500) return `error ${response.status}`;
  if (
    response.status === 401 ||
    (response.status === 303 && (response.headers.get('location') ?? '').includes('/console/login?next='))
  )
    return 'login';
  return response.status === 403 ? 'forbidden' : 'allowed';
}

describe('the console access table', () => {
  it('lists every console route file, and nothing that does not exist', () => {
    expect(consoleRouteFiles().sort()).toEqual(CONSOLE_ROUTES.map((r) => r.file).sort());
  });

  it('holds in every cell on the running server: route × GET/POST × anonymous, admin, agent, marketing', async () => {
    const wrong: string[] = [];
    for (const route of CONSOLE_ROUTES.filter((r) => !r.isPublic)) {
      for (const method of ['GET', 'POST'] as const) {
        const url = urlOf(route);
        const anonymous = await answerOf(url, method, undefined);
        if (anonymous !== 'login') wrong.push(`${method} ${route.file} anonymous: ${anonymous}, expected login`);
        for (const role of ROLES) {
          const expected = route.methods[method]?.includes(role) ? 'allowed' : 'forbidden';
          // Signing out ends the session it is sent with: use a fresh one, and check it is dead afterwards.
          const cookie =
            route.file === 'console/logout.ts' && expected === 'allowed'
              ? await signIn(ACCOUNTS[role])
              : sessions[role];
          const answer = await answerOf(url, method, cookie);
          if (answer !== expected) wrong.push(`${method} ${route.file} ${role}: ${answer}, expected ${expected}`);
          if (
            route.file === 'console/logout.ts' &&
            expected === 'allowed' &&
            (await answerOf('/console', 'GET', cookie)) !== 'login'
          )
            wrong.push(`${role}: the session still works after signing out`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows marketing counts and attribution, never who a lead is', async () => {
    const contact = [LEAD.companyName, LEAD.contactName, LEAD.mobile, LEAD.email, 'matrix-secret-message'];
    for (const path of ['/console', '/console/pipeline', '/console/inventory', '/console/embeds', '/console/account']) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: sessions.marketing } });
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(
        contact.filter((text) => html.includes(text)),
        path,
      ).toEqual([]);
      expect(html, path).not.toContain(`/console/leads/${leadId}`);
    }
    // Leasing staff see the lead on the board and open it.
    expect(
      await (await fetch(`${server.url}/console/pipeline`, { headers: { cookie: sessions.agent } })).text(),
    ).toContain(LEAD.companyName);
    expect(
      await (await fetch(`${server.url}/console/leads/${leadId}`, { headers: { cookie: sessions.agent } })).text(),
    ).toContain(LEAD.mobile);
  });

  it('lets marketing turn on two-step sign-in on its own account', async () => {
    const response = await fetch(`${server.url}/console/account`, {
      method: 'POST',
      headers: { origin: server.url, cookie: sessions.marketing, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'enable', password: ACCOUNTS.marketing.password }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('otpauth://totp/');
  });
});
