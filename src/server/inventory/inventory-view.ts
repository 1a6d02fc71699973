/**
 * What the console's inventory page shows for one building: its stacking plan and units with their live state,
 * the lead behind each reserved unit, and what the signed-in staff member may do there (console-access.ts).
 */
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { todayInBeijing } from '../../lib/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { isAllowed } from '../auth/console-access.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Building } from '../catalog/schemas.ts';
import type { Database } from '../db/open-database.ts';
import { deposits, unitLeases, unitStates } from '../db/schema.ts';
import { buildingAvailability, type FloorAvailability } from './availability.ts';
import { listUnitStates } from './list-unit-states.ts';
import { firstRefusalHolders } from '../requirements/first-refusals.ts';
import { leadsFittingUnits, type FittingLead } from '../requirements/requirement-view.ts';

export interface InventoryView {
  buildings: ReadonlyArray<Pick<Building, 'id' | 'name'>>;
  building: Building;
  floors: FloorAvailability[];
  unitNames: Map<string, string>;
  /** The lead that reserved a unit (paid deposit), by unit id. */
  reservedBy: Map<string, string>;
  /** Each unit's current or next lease (tenant and term), by unit id. */
  leases: Map<
    string,
    { id: string; tenant: string; startsOn: string; endsOn: string; leadId: string | null; expiryPublic: boolean }
  >;
  /** The open leads whose requirement each unit fits (requirements/), by unit id. */
  fitting: Map<string, FittingLead[]>;
  /** A running right of first refusal on a unit: who holds it and until when. */
  firstRefusals: Map<string, { leadId: string; reference: string; untilOn: string }>;
  /** 底价 by unit id, where set: console only, never shown to tenants. */
  floorPrices: Map<string, string>;
  may: { edit: boolean; refund: boolean; openLeads: boolean; export: boolean };
}

/** The building asked for (the first one for an unknown id). */
export async function inventoryView(
  deps: { db: Database; catalog: Catalog },
  staff: { role: string } | undefined,
  buildingId: string | null,
  lang: Lang,
): Promise<InventoryView> {
  const { db, catalog } = deps;
  const building = catalog.buildingById.get(buildingId ?? '') ?? catalog.buildings[0]!;
  const unitIds = catalog.units.filter((u) => u.building === building.id).map((u) => u.id);
  const states = await listUnitStates(db, unitIds);
  const reservations =
    states.size === 0
      ? []
      : await db
          .select({ unitId: deposits.unitId, leadId: deposits.leadId })
          .from(deposits)
          .where(and(eq(deposits.status, 'reserved'), inArray(deposits.unitId, [...states.keys()])));
  const leases =
    unitIds.length === 0
      ? []
      : await db
          .select({
            id: unitLeases.id,
            expiryPublic: unitLeases.expiryPublic,
            unitId: unitLeases.unitId,
            tenant: unitLeases.tenant,
            startsOn: unitLeases.startsOn,
            endsOn: unitLeases.endsOn,
            leadId: unitLeases.leadId,
          })
          .from(unitLeases)
          .where(and(inArray(unitLeases.unitId, unitIds), gte(unitLeases.endsOn, todayInBeijing())))
          .orderBy(asc(unitLeases.startsOn));
  const floors =
    unitIds.length === 0
      ? []
      : await db
          .select({ unitId: unitStates.unitId, floor: unitStates.floorRentPerSqmDay })
          .from(unitStates)
          .where(inArray(unitStates.unitId, unitIds));
  const may = (path: string, method: 'GET' | 'POST') => (staff ? isAllowed(path, method, staff.role) : false);
  return {
    buildings: catalog.buildings,
    building,
    floors: buildingAvailability(catalog, building.id, states).floors,
    unitNames: new Map(unitIds.map((id) => [id, unitDisplayName(catalog, id, lang)])),
    reservedBy: new Map(reservations.map((d) => [d.unitId, d.leadId])),
    // The earliest lease still running or to come (ordered by start: the first one kept wins).
    leases: new Map(leases.toReversed().map(({ unitId, ...lease }) => [unitId, lease])),
    fitting: await leadsFittingUnits(db, unitIds),
    firstRefusals: await firstRefusalHolders(db, unitIds),
    floorPrices: new Map(floors.flatMap((f) => (f.floor ? [[f.unitId, f.floor] as const] : []))),
    may: {
      edit: may('/api/console/inventory/x', 'POST'),
      // Refunds need a reason and a confirmation: they are made on the lead page, which this page links to.
      refund: may('/api/console/deposits/x/refund', 'POST'),
      openLeads: may('/console/leads/x', 'GET'),
      export: may('/api/console/exports/x.csv', 'GET'),
    },
  };
}
