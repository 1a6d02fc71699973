/** Signing in to the console through better-auth's API, as a script would. */
import { expect } from 'vitest';
import type { StaffAccount } from './staff-accounts.ts';

/** Signs `account` in at the portal on `url` (the request claiming `origin`), expects 200, returns the cookies as one Cookie header. */
export async function signInCookie(url: string, account: StaffAccount, origin = url): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** An administrator (signed in with `adminCookie`) creates a console account through better-auth's admin API. */
export async function createStaffAccount(
  url: string,
  adminCookie: string,
  account: StaffAccount & { name: string; role: 'admin' | 'agent' | 'marketing' },
): Promise<void> {
  const created = await fetch(`${url}/api/auth/admin/create-user`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie: adminCookie },
    body: JSON.stringify(account),
  });
  expect(created.status).toBe(200);
}
