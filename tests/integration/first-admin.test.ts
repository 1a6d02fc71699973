/**
 * The first console account: created once on a new database, also when several processes start at the same
 * moment (here: several starts racing on one database), and never again once any staff account exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/server/auth/create-auth.ts';
import { ensureFirstAdmin } from '../../src/server/auth/ensure-first-admin.ts';
import { staffUsers } from '../../src/server/db/auth-schema.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe(`the first administrator (${testDatabaseKind})`, () => {
  it('is created exactly once when several starts race on a new database', async () => {
    // Each start has its own auth instance, as each process would.
    const starts = Array.from({ length: 4 }, () =>
      createAuth(handle.db, { siteUrl: 'http://127.0.0.1:4321', secret: 'a-test-secret-that-is-long-enough-0123' }),
    );
    const settings = { email: 'Admin@Park.example', password: 'a-long-admin-password' };
    await Promise.all(starts.map((auth) => ensureFirstAdmin(handle.db, auth, settings)));
    const users = await handle.db.select({ email: staffUsers.email, role: staffUsers.role }).from(staffUsers);
    expect(users).toEqual([{ email: 'admin@park.example', role: 'admin' }]);
    // Later starts leave the accounts alone, whatever the settings say now.
    await ensureFirstAdmin(handle.db, starts[0]!, {
      email: 'someone-else@park.example',
      password: 'another-long-password',
    });
    expect(await handle.db.select({ email: staffUsers.email }).from(staffUsers)).toEqual([
      { email: 'admin@park.example' },
    ]);
  });

  it('refuses an ADMIN_EMAIL that is not an address, saying which setting to fix', async () => {
    const fresh = await openTestDatabase();
    try {
      const auth = createAuth(fresh.db, {
        siteUrl: 'http://127.0.0.1:4321',
        secret: 'a-test-secret-that-is-long-enough-0123',
      });
      await expect(
        ensureFirstAdmin(fresh.db, auth, { email: 'not-an-address', password: 'a-long-admin-password' }),
      ).rejects.toThrow(/ADMIN_EMAIL "not-an-address"/);
      expect(await fresh.db.select().from(staffUsers)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
