/**
 * Secrets the portal makes for itself: created once in the database on first use (random, 32 bytes) and read
 * by every process, so nobody has to configure them and several processes agree.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { appSecrets } from '../db/schema.ts';

const cache = new WeakMap<Database, Map<string, string>>();

/** The named secret, created on first use. */
export async function getAppSecret(db: Database, name: string): Promise<string> {
  const known = cache.get(db)?.get(name);
  if (known) return known;
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
  const value = row!.value;
  cache.set(db, (cache.get(db) ?? new Map()).set(name, value));
  return value;
}
