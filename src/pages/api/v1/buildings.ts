import type { APIRoute } from 'astro';
import { preflight, publicJson } from '../../../server/api/public-json.ts';
import { buildingAvailability } from '../../../server/inventory/availability.ts';
import { listUnitStates } from '../../../server/inventory/list-unit-states.ts';

/** The park's buildings with their facts and live availability. */
export const GET: APIRoute = async ({ locals, request }) => {
  const { catalog, db } = locals.runtime;
  const states = await listUnitStates(db);
  return publicJson(request, {
    buildings: catalog.buildings.map((b) => {
      const a = buildingAvailability(catalog, b.id, states);
      return {
        id: b.id,
        slug: b.slug,
        code: b.code,
        kind: b.kind,
        name: b.name,
        tagline: b.tagline,
        grossArea: b.grossArea,
        floorsAboveGround: b.floorsAboveGround,
        floorsBelowGround: b.floorsBelowGround,
        heightM: b.heightM,
        propertyFeePerSqmMonth: b.propertyFeePerSqmMonth,
        availability: {
          unitCount: a.unitCount,
          availableUnits: a.availableUnits,
          leasableArea: a.leasableArea,
          availableArea: a.availableArea,
          lowestRentPerSqmDay: a.lowestRent ?? null,
        },
        sample: b.sample,
      };
    }),
  });
};

export const OPTIONS: APIRoute = () => preflight();
