/**
 * A database of one's own for a test file: in-memory PGlite by default, or, when TEST_DATABASE_URL names a
 * PostgreSQL server, a freshly created database on it that is dropped again on close.
 */
import { openDatabase, type DatabaseHandle } from '../../src/server/db/open-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

/** Opens the test file's database (see above); `close()` also drops it on PostgreSQL. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openDatabase({ pgliteDir: 'memory://' });

  const database = await createPostgresDatabase(serverUrl, 'portal_test');
  const handle = await openDatabase({ databaseUrl: database.url, pgliteDir: 'unused' });
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

/** Which database the suite runs on, for test names. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
