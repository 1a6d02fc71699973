import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { unitStates } from '../../src/server/db/schema.ts';
import { compareRent } from '../../src/server/inventory/availability.ts';
import { getCompareSelection } from '../../src/server/inventory/get-compare-selection.ts';
import { listUnitStates } from '../../src/server/inventory/list-unit-states.ts';
import { runUnitSearch } from '../../src/server/inventory/run-unit-search.ts';
import { openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openSeededDatabase(catalog);
});
afterAll(() => handle?.close());

const search = (query: string) => runUnitSearch(handle.db, catalog, new URLSearchParams(query));

describe(`unit search against the database (${testDatabaseKind})`, () => {
  it('returns exactly the available units of a building over 500 m² at most 6 元/㎡/天', async () => {
    const { errors, result } = await search('building=rd-1&minArea=500&maxRent=6');
    expect(errors).toEqual([]);
    const states = await listUnitStates(handle.db);
    const expected = catalog.units
      .filter((u) => u.building === 'rd-1' && u.grossArea >= 500)
      .filter(
        (u) => states.get(u.id)?.status === 'available' && compareRent(states.get(u.id)!.listRentPerSqmDay, '6') <= 0,
      )
      .map((u) => u.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.units.map((u) => u.id).sort()).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it('sorts and pages stably', async () => {
    const first = await search('sort=area-desc');
    const second = await search('sort=area-desc&page=2');
    expect(first.result.units).toHaveLength(24);
    const areas = [...first.result.units, ...second.result.units].map((u) => u.grossArea);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    expect(new Set([...first.result.units, ...second.result.units].map((u) => u.id)).size).toBe(
      first.result.units.length + second.result.units.length,
    );
  });

  it('filters on floor, load, ceiling, power, fit-out and move-in date together', async () => {
    const { result } = await search(
      'status=all&minFloor=2&maxFloor=3&minLoad=5&minCeiling=3.6&minPower=50&fitOut=bare&availableBy=2027-06-01',
    );
    expect(result.total).toBeGreaterThan(0);
    for (const u of result.units) {
      expect(u.level).toBeGreaterThanOrEqual(2);
      expect(u.level).toBeLessThanOrEqual(3);
      expect(u.floorLoadKnPerSqm).toBeGreaterThanOrEqual(5);
      expect(u.powerKva).toBeGreaterThanOrEqual(50);
      expect(u.fitOut).toBe('bare');
      expect(u.state.availableFrom <= '2027-06-01').toBe(true);
    }
  });

  it('falls back to the default search and reports bad parameters', async () => {
    const { errors, result } = await search('minArea=abc&building=rd-1');
    expect(errors).toEqual([{ field: 'minArea', code: 'not_a_number' }]);
    expect(result.total).toBe((await search('')).result.total);
    expect((await search('building=nope')).errors).toEqual([{ field: 'building', code: 'invalid_option' }]);
  });

  it('shows a status change on the next search', async () => {
    const { result } = await search('building=rd-3');
    const unit = result.units[0]!;
    await handle.db.update(unitStates).set({ status: 'leased' }).where(eq(unitStates.unitId, unit.id));
    expect((await search('building=rd-3')).result.units.map((u) => u.id)).not.toContain(unit.id);
    const sameFloor = await search(`building=rd-3&status=all&minFloor=${unit.level}&maxFloor=${unit.level}`);
    expect(sameFloor.result.units.find((u) => u.id === unit.id)?.state.status).toBe('leased');
  });

  it('compares at most four known units, reporting the rest', async () => {
    const selection = await getCompareSelection(
      handle.db,
      catalog,
      new URLSearchParams('units=r1-0501,zz-9,r1-0502&units=r2-0401,r2-0402,r2-0403,r1-0501'),
    );
    expect(selection.units.map((u) => u.id)).toEqual(['r1-0501', 'r1-0502', 'r2-0401', 'r2-0402']);
    expect(selection.isTruncated).toBe(true);
    expect(selection.unknownIds).toEqual(['zz-9']);
  });
});
