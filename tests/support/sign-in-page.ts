/** Signing in to the console in Chromium, through the login form as staff do. */
import type pg from 'pg';
import type { Page } from 'playwright-core';
import type { StaffAccount } from './staff-accounts.ts';

/**
 * Clears the sign-in throttle (earlier tests in the file sign in many times), opens the login form on `url` with
 * `next`, signs `account` in and waits until the console shows `next`.
 */
export async function signInPage(
  page: Page,
  url: string,
  sql: pg.Client,
  account: StaffAccount,
  next = '/console',
): Promise<void> {
  await sql.query("delete from rate_limits where key like 'sign-in:%'");
  await page.goto(`${url}/console/login?next=${next}`);
  await page.fill('#email', account.email);
  await page.fill('#password', account.password);
  await page.click('button');
  await page.waitForURL(`**${next}`);
}
