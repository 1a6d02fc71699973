/**
 * The first console account: on a start with no staff account at all, an admin is created from ADMIN_EMAIL and
 * ADMIN_PASSWORD, or, without them, with a generated one-time password printed once to the terminal. When several
 * processes start together on a new database, exactly one account is created (and only its password printed).
 */
import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { staffUsers } from '../db/auth-schema.ts';
import type { Auth } from './create-auth.ts';

export async function ensureFirstAdmin(
  db: Database,
  auth: Auth,
  settings: { email?: string | undefined; password?: string | undefined },
): Promise<void> {
  const [row] = await db.select({ n: count() }).from(staffUsers);
  if ((row?.n ?? 0) > 0) return;
  // A reserved, never-deliverable domain: the account works, and nobody mistakes it for a real address.
  const email = (settings.email ?? 'admin@portal.invalid').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(email))
    throw new Error(
      `ADMIN_EMAIL "${settings.email}" is not an email address. Set it to the first administrator's email, or leave it unset.`,
    );
  const password = settings.password ?? randomBytes(12).toString('base64url');
  try {
    await auth.api.createUser({ body: { email, password, name: 'Administrator', role: 'admin' } });
  } catch (error) {
    // Several processes starting at once on a new database: one of them creates the account, the others find it.
    const [again] = await db.select({ n: count() }).from(staffUsers);
    if ((again?.n ?? 0) > 0) return;
    throw error;
  }
  if (!settings.password) {
    // Printed once, never logged as structured data: it is a secret.
    console.log(
      `\n  Console administrator created: ${email}\n  One-time password: ${password}\n  Sign in at /console/login and choose your own password on /console/account.\n`,
    );
  }
}
