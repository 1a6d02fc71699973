/**
 * The console's inventory changes, one form each (manage-unit.ts): `action` = update (price, status), lease
 * (tenant, term), lease-change (a lease's end and whether it is public) or release (a hold). Refusals are in the catalogue's terms, with the unit they are about.
 */
import type { Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import { consoleFieldMessage } from '../errors/error-catalogue.ts';
import { changeLease, leaseUnit, releaseUnitHold, updateUnit, type ManageResult } from './manage-unit.ts';

type InventoryChange = (
  db: Database,
  catalog: Catalog,
  actor: Actor,
  unitId: string,
  fields: Record<string, unknown>,
) => Promise<ManageResult>;

/** The form's `action` and the change it makes. */
const CHANGES = new Map<string, InventoryChange>([
  ['update', updateUnit],
  ['lease', leaseUnit],
  ['lease-change', changeLease],
  ['release', releaseUnitHold],
]);

export async function applyInventoryChange(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  unitId: string,
  fields: Record<string, unknown>,
): Promise<Outcome> {
  const { db, catalog } = deps;
  if (!catalog.unitById.has(unitId)) return refused('not_found');
  // Each change reads only its own fields from the form (its schema drops the rest).
  const change = CHANGES.get(String(fields.action));
  const result: ManageResult = change
    ? await change(db, catalog, actor, unitId, fields)
    : { ok: false, code: 'invalid', field: 'action' };
  if (result.ok) return { ok: true };
  const detail = { unitId };
  if (result.code === 'not_found') return refused('not_found', { detail });
  if (result.code === 'conflict') return refused('unit_on_hold', { detail });
  if (result.code === 'overlap')
    return refused('lease_overlap', { detail: { ...detail, lease: result.lease }, params: result.lease });
  const field = result.field ?? 'action';
  return refused('invalid', {
    detail,
    errors: [
      { field, code: 'invalid', message: consoleFieldMessage(field, (m) => m.console.inventory.errors.invalid!) },
    ],
  });
}

/** Where the inventory page of a unit's building is (for the form's answer). */
export function inventoryPageOf(catalog: Catalog, unitId: string): string {
  const building = catalog.unitById.get(unitId)?.building ?? '';
  return `/console/inventory?building=${building}`;
}
