/**
 * Unit states and search results are cached per inventory version: a change must show on the very next read,
 * whoever made it (staff functions, a hand-written UPDATE, another process) and a hold lapsing by time alone.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { readInventoryVersion } from '../../src/server/inventory/inventory-version.ts';
import { listUnitStates, readUnitStates } from '../../src/server/inventory/list-unit-states.ts';
import { leaseUnit, updateUnit } from '../../src/server/inventory/manage-unit.ts';
import { runUnitSearch } from '../../src/server/inventory/run-unit-search.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const actor = AGENT_ACTOR;
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());

const statusOf = async (unitId: string) => (await listUnitStates(handle.db, [unitId])).get(unitId)?.status;
const availableIds = async () => {
  const { result } = await runUnitSearch(handle.db, catalog, new URLSearchParams('status=available&sort=area-asc'));
  const ids = new Set(result.units.map((u) => u.id));
  for (let page = 2; page <= result.pageCount; page++) {
    const next = await runUnitSearch(
      handle.db,
      catalog,
      new URLSearchParams(`status=available&sort=area-asc&page=${page}`),
    );
    for (const u of next.result.units) ids.add(u.id);
  }
  return ids;
};
/** A unit that is available now. */
async function availableUnit(): Promise<string> {
  const states = await readUnitStates(handle.db);
  const id = [...states].find(([, s]) => s.status === 'available')?.[0];
  if (!id) throw new Error('no available unit');
  return id;
}

describe(`inventory cache (${testDatabaseKind})`, () => {
  it('answers the same as the database while nothing changes, and the version stays put', async () => {
    const before = await readInventoryVersion(handle.db);
    expect(await listUnitStates(handle.db)).toEqual(await readUnitStates(handle.db));
    expect(await listUnitStates(handle.db)).toEqual(await readUnitStates(handle.db));
    expect(await readInventoryVersion(handle.db)).toBe(before);
  });

  it('shows a hand-written UPDATE (even one that leaves updated_at alone) on the next read', async () => {
    const id = await availableUnit();
    expect(await statusOf(id)).toBe('available');
    expect((await availableIds()).has(id)).toBe(true);
    await handle.db.execute(sql`update unit_states set status = 'unavailable' where unit_id = ${id}`);
    expect(await statusOf(id)).toBe('unavailable');
    expect((await availableIds()).has(id)).toBe(false);
    await handle.db.execute(sql`update unit_states set status = 'available' where unit_id = ${id}`);
    expect(await statusOf(id)).toBe('available');
    expect((await availableIds()).has(id)).toBe(true);
  });

  it('shows staff changes (price, status, lease) on the next read', async () => {
    const id = await availableUnit();
    await listUnitStates(handle.db);
    expect(
      await updateUnit(handle.db, catalog, actor, id, { listRentPerSqmDay: '9.87', status: 'unavailable' }),
    ).toEqual({ ok: true });
    const after = (await listUnitStates(handle.db, [id])).get(id);
    expect(after).toMatchObject({ status: 'unavailable', listRentPerSqmDay: '9.87' });
    expect((await availableIds()).has(id)).toBe(false);
    expect(await updateUnit(handle.db, catalog, actor, id, { listRentPerSqmDay: '9.87', status: 'available' })).toEqual(
      { ok: true },
    );
    expect((await availableIds()).has(id)).toBe(true);
    expect(
      await leaseUnit(handle.db, catalog, actor, id, {
        tenant: '测试租户有限公司',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
      }),
    ).toEqual({ ok: true });
    expect(await statusOf(id)).toBe('leased');
    expect((await availableIds()).has(id)).toBe(false);
  });

  it('sees a write inside a transaction once it commits, never before', async () => {
    const id = await availableUnit();
    const before = await readInventoryVersion(handle.db);
    let during: string | undefined;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`update unit_states set status = 'unavailable' where unit_id = ${id}`);
      // Not committed yet: whoever asks now must not file old rows under a new version, nor see the new state.
      during = await readInventoryVersion(handle.db);
    });
    expect(during).toBe(before);
    expect(await readInventoryVersion(handle.db)).not.toBe(before);
    expect(await statusOf(id)).toBe('unavailable');
    // A rolled-back write may count as a change (one more query), but what readers see stays as it was.
    await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`update unit_states set status = 'available' where unit_id = ${id}`);
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    expect(await statusOf(id)).toBe('unavailable');
    expect((await readUnitStates(handle.db, [id])).get(id)?.status).toBe('unavailable');
    await handle.db.execute(sql`update unit_states set status = 'available' where unit_id = ${id}`);
    expect(await statusOf(id)).toBe('available');
  });

  it('shows a hold as available on the first read after it lapses, with no write in between', async () => {
    const id = await availableUnit();
    await handle.db.execute(
      sql`update unit_states set status = 'held', hold_expires_at = now() + interval '1500 milliseconds' where unit_id = ${id}`,
    );
    expect(await statusOf(id)).toBe('held');
    expect((await availableIds()).has(id)).toBe(false);
    // Reads while the hold runs are served from the cache...
    expect(await statusOf(id)).toBe('held');
    await new Promise((resolve) => setTimeout(resolve, 1700));
    // ...and the first read after it lapses is not.
    expect(await statusOf(id)).toBe('available');
    expect((await availableIds()).has(id)).toBe(true);
    expect((await readUnitStates(handle.db, [id])).get(id)?.status).toBe('available');
  });

  it('shows a unit the sweep releases, and a new hold, on the next read', async () => {
    const id = await availableUnit();
    await handle.db.execute(
      sql`update unit_states set status = 'held', hold_expires_at = now() + interval '1 hour' where unit_id = ${id}`,
    );
    expect(await statusOf(id)).toBe('held');
    await handle.db.execute(
      sql`update unit_states set status = 'available', hold_expires_at = null where unit_id = ${id}`,
    );
    expect(await statusOf(id)).toBe('available');
  });
});
