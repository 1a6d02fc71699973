/**
 * What the reservation page shows for a unit: the unit with its live state and the deposit it would take; for a
 * unit that cannot be reserved now, why (held until when, reserved, leased, a neighbour's right of first refusal) and
 * similar units to reserve instead.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { depositAmountFen } from '../../lib/deposit.ts';
import { formatClockTime, formatUnitName } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { findUnitAlternatives } from '../inventory/find-unit-alternatives.ts';
import { activeFirstRefusals } from '../requirements/first-refusals.ts';
import type { PaymentsConfig } from './payment-gateway.ts';

/** The page's view, or undefined (404) for a unit the catalog or the database does not know. */
export async function reservePageView(
  deps: { db: Database; catalog: Catalog; payments: Pick<PaymentsConfig, 'rule'> },
  unitId: string,
  lang: Lang,
) {
  const { db, catalog } = deps;
  const m = messages(lang);
  const unit = catalog.unitById.get(unitId);
  const building = unit ? catalog.buildingById.get(unit.building) : undefined;
  const state = unit ? (await listUnitStates(db, [unit.id])).get(unit.id) : undefined;
  if (!unit || !building || !state) return undefined;
  // A neighbour's right of first refusal keeps an available unit from online reservation (reserve-unit.ts).
  const isUnderRight = state.status === 'available' && (await activeFirstRefusals(db)).has(unit.id);
  const isAvailable = state.status === 'available' && !isUnderRight;
  // A unit that cannot be reserved gets a full page: why (held until when, or reserved) and similar units instead.
  const alternatives = isAvailable ? undefined : await findUnitAlternatives(db, catalog, unit);
  const unavailable = isUnderRight
    ? { title: m.reserve.firstRefusalTitle, body: m.reserve.refusals.unit_first_refusal }
    : state.status === 'held'
      ? {
          title: m.reserve.heldTitle,
          body: alternatives?.heldUntil
            ? formatMessage(m.reserve.heldBody, { time: formatClockTime(alternatives.heldUntil) })
            : m.reserve.heldNotice,
        }
      : state.status === 'reserved'
        ? { title: m.reserve.reservedTitle, body: m.reserve.reservedBody }
        : state.status === 'leased'
          ? { title: m.reserve.leasedTitle, body: m.reserve.leasedBody }
          : { title: m.reserve.unavailableTitle, body: m.reserve.unavailableBody };
  return {
    unit,
    building,
    state,
    isAvailable,
    amountFen: depositAmountFen(unit, state.listRentPerSqmDay, deps.payments.rule),
    alternatives,
    unavailable,
    title: `${m.reserve.title} · ${formatUnitName(building.name[lang], unit.level, unit.number, lang)}`,
  };
}
