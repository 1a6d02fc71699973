/**
 * A per-process cache of values derived from unit states, validated on every read against the inventory
 * version (inventory-version.ts): one tiny query instead of reading and recomputing, and never a stale answer.
 * Works unchanged with several processes on one database, since each checks the database, not its memory.
 *
 * The version is read before the value is computed: a change landing in between leaves the value filed under
 * the older version, so the next read sees a newer version and recomputes. The opposite order could file an
 * old value under the new version.
 */
import type { Database } from '../db/open-database.ts';
import { readInventoryVersion } from './inventory-version.ts';

interface Entry {
  version: string;
  values: Map<string, Promise<unknown>>;
}

/** How many distinct keys (e.g. search queries) one version keeps; the oldest goes first. */
const MAX_KEYS = 500;

const caches = new WeakMap<Database, Entry>();

/** The value for `key` at the database's current inventory version, computed by `compute` at most once per version. */
export async function cachedByInventory<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
  const version = await readInventoryVersion(db);
  let entry = caches.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, values: new Map() };
    caches.set(db, entry);
  }
  const cached = entry.values.get(key);
  if (cached) return cached as Promise<T>;
  const pending = compute();
  entry.values.set(key, pending);
  if (entry.values.size > MAX_KEYS) entry.values.delete(entry.values.keys().next().value!);
  // A failure is not remembered: the next read tries again.
  const own = entry;
  pending.catch(() => own.values.get(key) === pending && own.values.delete(key));
  return pending;
}
