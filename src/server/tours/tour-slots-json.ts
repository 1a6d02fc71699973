/**
 * GET /api/v1/tour-slots: the free tour times for some units or a building, from a day, as the public sees them
 * (Beijing wall-clock times with their offset; no agent, no personal data). Bad parameters are refused with 400
 * and a message per parameter in both languages.
 */
import { todayInBeijing } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { MAX_DAYS_AHEAD, findTourSlots, slotKey, tourBuildings } from './tour-slots.ts';

const MAX_UNITS = 10;
const MAX_DAYS = 31;
const DEFAULT_DAYS = 14;

interface SlotRequest {
  unitIds: string[];
  buildingId: string | null;
  fromDay: string;
  days: number;
}

const PROBLEMS = {
  units: {
    zh: '单元编号无效：请用逗号分隔园区内的单元编号（最多 10 个），如 r1-0501。',
    en: 'Units not recognised: give up to 10 of the park’s unit ids, separated by commas, e.g. r1-0501.',
  },
  building: { zh: '没有这栋楼。', en: 'No such building.' },
  from: {
    zh: `起始日期须为 YYYY-MM-DD 格式，且在今天到 ${MAX_DAYS_AHEAD} 天之后之间。`,
    en: `The first day must be a date (YYYY-MM-DD) from today to ${MAX_DAYS_AHEAD} days ahead.`,
  },
  days: { zh: `天数须为 1 到 ${MAX_DAYS} 之间的整数。`, en: `Days must be a whole number from 1 to ${MAX_DAYS}.` },
} as const;

/** Reads and checks the query. */
function readSlotRequest(
  catalog: Catalog,
  params: URLSearchParams,
  now: Date,
): { ok: true; request: SlotRequest } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const problem = (field: keyof typeof PROBLEMS) => errors.push({ field, code: 'invalid', message: PROBLEMS[field] });
  const unitsText = params.get('units') ?? '';
  const unitIds = [
    ...new Set(
      unitsText
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (unitIds.length > MAX_UNITS || unitIds.some((id) => !catalog.unitById.has(id))) problem('units');
  const buildingText = params.get('building');
  const building = buildingText
    ? (catalog.buildingById.get(buildingText) ?? catalog.buildingBySlug.get(buildingText))
    : undefined;
  if (buildingText !== null && !building) problem('building');
  const today = todayInBeijing(now);
  const fromDay = params.get('from') ?? today;
  const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + MAX_DAYS_AHEAD * 86_400_000).toISOString().slice(0, 10);
  // A real calendar day (2026-02-30 is none): it survives the round trip through Date.
  const parsed = Date.parse(`${fromDay}T00:00:00Z`);
  const isDate =
    /^\d{4}-\d{2}-\d{2}$/.test(fromDay) && !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(fromDay);
  if (!isDate || fromDay < today || fromDay > lastDay) problem('from');
  const daysText = params.get('days') ?? String(DEFAULT_DAYS);
  const days = /^\d{1,2}$/.test(daysText) ? Number(daysText) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) problem('days');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, request: { unitIds, buildingId: building?.id ?? null, fromDay, days } };
}

/** The free slots, as JSON, or why the query is refused. */
export async function tourSlotsJson(
  deps: { db: Database; catalog: Catalog },
  params: URLSearchParams,
  now: Date = new Date(),
): Promise<
  Outcome<{
    timeZone: string;
    from: string;
    days: number;
    slots: Array<{ start: string; end: string; minutes: number }>;
  }>
> {
  const read = readSlotRequest(deps.catalog, params, now);
  if (!read.ok) return refused('invalid', { errors: read.errors });
  const { unitIds, buildingId, fromDay, days } = read.request;
  const slots = await findTourSlots(deps.db, {
    buildingIds: tourBuildings(deps.catalog, unitIds, buildingId),
    fromDay,
    days,
    now,
  });
  return {
    ok: true,
    timeZone: 'Asia/Shanghai',
    from: fromDay,
    days,
    slots: slots.map((slot) => ({
      start: slotKey(slot.startsAt),
      end: slotKey(slot.endsAt),
      minutes: Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000),
    })),
  };
}
