import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { unitStates } from '../../src/server/db/schema.ts';
import { listUnitStates } from '../../src/server/inventory/list-unit-states.ts';
import { seedUnitStates } from '../../src/server/inventory/seed-unit-states.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe(`seeding unit states (${testDatabaseKind})`, () => {
  it('inserts every catalog unit once, and nothing the second time', async () => {
    expect(await seedUnitStates(handle.db, catalog)).toEqual({
      units: catalog.units.length,
      inserted: catalog.units.length,
    });
    expect(await seedUnitStates(handle.db, catalog)).toEqual({ units: catalog.units.length, inserted: 0 });
    const states = await listUnitStates(handle.db);
    expect(states.size).toBe(catalog.units.length);
    const unit = catalog.unitById.get('r1-0501')!;
    expect(states.get('r1-0501')).toEqual({
      status: unit.initialStatus,
      listRentPerSqmDay: unit.listRentPerSqmDay,
      availableFrom: unit.availableFrom,
      expiryPublic: true,
    });
  });

  it('never overwrites what staff changed, but follows the catalog where nobody did', async () => {
    await handle.db
      .update(unitStates)
      .set({ listRentPerSqmDay: '6.10', status: 'unavailable' })
      .where(eq(unitStates.unitId, 'r1-0501'));
    const changedCatalog = {
      ...catalog,
      units: catalog.units.map((u) =>
        u.id === 'r1-0501'
          ? { ...u, listRentPerSqmDay: '5.55', availableFrom: '2027-02-01' }
          : u.id === 'r1-0502'
            ? { ...u, listRentPerSqmDay: '5.45' }
            : u,
      ),
    };
    await seedUnitStates(handle.db, changedCatalog);
    const states = await listUnitStates(handle.db, ['r1-0501', 'r1-0502']);
    // Staff's price and status stay; the date nobody touched follows the catalog.
    expect(states.get('r1-0501')).toEqual({
      status: 'unavailable',
      listRentPerSqmDay: '6.10',
      availableFrom: '2027-02-01',
      expiryPublic: true,
    });
    expect(states.get('r1-0502')?.listRentPerSqmDay).toBe('5.45');
  });

  it('leaves a held unit held when the seed runs again', async () => {
    await handle.db.update(unitStates).set({ status: 'held' }).where(eq(unitStates.unitId, 'r2-0501'));
    await seedUnitStates(handle.db, catalog);
    expect((await listUnitStates(handle.db, ['r2-0501'])).get('r2-0501')?.status).toBe('held');
  });

  it('refuses a non-positive rent at the database', async () => {
    await expect(
      handle.db.update(unitStates).set({ listRentPerSqmDay: '0' }).where(eq(unitStates.unitId, 'r1-0503')),
    ).rejects.toThrow();
  });

  it('returns nothing for an empty list of ids', async () => {
    expect((await listUnitStates(handle.db, [])).size).toBe(0);
  });
});
