/**
 * When a tenant may tour the park: the free slots of the agents who show the buildings asked about. Each agent
 * keeps their tour hours (agent_profiles: working weekdays, windows, days off, leave, tour length and the buffer
 * between tours); slots fall on China's official working days only (business-time.ts: holidays off, 调休
 * weekends worked), start on the agent's grid (tour length + buffer from each window's start), lie at least
 * MIN_NOTICE_MINUTES ahead, and keep the buffer clear of the agent's booked tours.
 *
 * Times are Beijing wall-clock arithmetic on UTC instants (no daylight-saving time), so the answer is the same in
 * any process time zone. A slot names no agent: the public sees times only.
 */
import { and, gte, inArray, lt, ne } from 'drizzle-orm';
import { isWorkingDay } from '../../lib/business-time.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { tours } from '../db/schema.ts';
import { loadCandidates, type Candidate } from '../assignment/assign-owners.ts';

/** A tour must be booked this long ahead, so the agent can prepare. */
const MIN_NOTICE_MINUTES = 120;
/** How far ahead slots are offered. */
export const MAX_DAYS_AHEAD = 60;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** An agent who gives tours, with their tour hours. */
interface TourAgent {
  id: string;
  name: string;
  email: string;
  workPhone: string | null;
  buildingIds: readonly string[];
  workWeekdays: readonly number[];
  tourWindows: ReadonlyArray<readonly [number, number]>;
  daysOff: readonly string[];
  leaveFrom: string | null;
  leaveUntil: string | null;
  tourMinutes: number;
  bufferMinutes: number;
}

/** A free slot: when, and which agents could give the tour (kept on the server). */
export interface TourSlot {
  startsAt: Date;
  endsAt: Date;
  agents: TourAgent[];
}

/**
 * The instant a Beijing day (YYYY-MM-DD) and minute of that day stand for.
 * @internal Exported for the tests of tours.
 */
export function beijingInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS - BEIJING_OFFSET_MS);
}

/** The Beijing day (YYYY-MM-DD) of an instant. */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whether an agent works on a Beijing day: an official working day, one of their weekdays, not off or on leave. */
function agentWorks(agent: TourAgent, day: string): boolean {
  if (!isWorkingDay(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  // A 调休 weekend is worked by everyone who works the week; otherwise the agent's own weekdays.
  if (weekday <= 5 && !agent.workWeekdays.includes(weekday)) return false;
  if (agent.daysOff.includes(day)) return false;
  const onLeave =
    (agent.leaveFrom !== null || agent.leaveUntil !== null) &&
    (agent.leaveFrom ?? '0000-01-01') <= day &&
    day <= (agent.leaveUntil ?? '9999-12-31');
  return !onLeave;
}

/** Leasing staff who give tours of any of `buildingIds` (all buildings when the list is empty). */
async function loadTourAgents(db: Database | Tx, buildingIds: readonly string[]): Promise<TourAgent[]> {
  const candidates = await loadCandidates(db);
  const gives = (c: Candidate) => c.role === 'agent' || c.hasProfile;
  return candidates.filter(gives).flatMap((c) => {
    const p = c.profile;
    const agent: TourAgent = {
      id: c.id,
      name: c.name,
      email: c.email,
      workPhone: c.workPhone,
      buildingIds: c.buildingIds,
      workWeekdays: p?.workWeekdays ?? [1, 2, 3, 4, 5],
      tourWindows: p?.tourWindows ?? [
        [570, 720],
        [810, 1050],
      ],
      daysOff: p?.daysOff ?? [],
      leaveFrom: c.leaveFrom,
      leaveUntil: c.leaveUntil,
      tourMinutes: p?.tourMinutes ?? 45,
      bufferMinutes: p?.bufferMinutes ?? 15,
    };
    const shows =
      agent.buildingIds.length === 0 ||
      buildingIds.length === 0 ||
      buildingIds.some((b) => agent.buildingIds.includes(b));
    return shows ? [agent] : [];
  });
}

export interface SlotQuery {
  /** Buildings to be shown; any agent when empty. */
  buildingIds: readonly string[];
  /** The first Beijing day to look at (YYYY-MM-DD). */
  fromDay: string;
  days: number;
  now: Date;
  /** A tour to leave out of the busy times (the one being rescheduled). */
  ignoreTourId?: string | undefined;
  /** Every slot of the agents' hours, booked or not (to tell a taken slot from no slot). */
  ignoreBookings?: boolean;
}

/** The free slots in the days asked for, earliest first; agents who could give each, longest-idle first. */
export async function findTourSlots(db: Database | Tx, query: SlotQuery): Promise<TourSlot[]> {
  const agents = await loadTourAgents(db, query.buildingIds);
  if (agents.length === 0) return [];
  const rangeStart = beijingInstant(query.fromDay, 0);
  const rangeEnd = beijingInstant(addDays(query.fromDay, query.days), 0);
  const booked = await db
    .select({ id: tours.id, agentId: tours.agentId, startsAt: tours.startsAt, endsAt: tours.endsAt })
    .from(tours)
    .where(
      and(
        inArray(
          tours.agentId,
          agents.map((a) => a.id),
        ),
        ne(tours.status, 'cancelled'),
        lt(tours.startsAt, new Date(rangeEnd.getTime() + DAY_MS)),
        gte(tours.endsAt, new Date(rangeStart.getTime() - DAY_MS)),
      ),
    );
  const earliest = query.now.getTime() + MIN_NOTICE_MINUTES * MINUTE_MS;
  const byStart = new Map<number, TourSlot>();
  for (const agent of agents) {
    const busy = query.ignoreBookings
      ? []
      : booked.filter((t) => t.agentId === agent.id && t.id !== query.ignoreTourId);
    const buffer = agent.bufferMinutes * MINUTE_MS;
    for (let d = 0; d < query.days; d += 1) {
      const day = addDays(query.fromDay, d);
      if (!agentWorks(agent, day)) continue;
      for (const [open, close] of agent.tourWindows) {
        for (
          let minute = open;
          minute + agent.tourMinutes <= close;
          minute += agent.tourMinutes + agent.bufferMinutes
        ) {
          const startsAt = beijingInstant(day, minute);
          const endsAt = new Date(startsAt.getTime() + agent.tourMinutes * MINUTE_MS);
          if (startsAt.getTime() < earliest) continue;
          const clash = busy.some(
            (t) => t.startsAt.getTime() < endsAt.getTime() + buffer && startsAt.getTime() < t.endsAt.getTime() + buffer,
          );
          if (clash) continue;
          const slot = byStart.get(startsAt.getTime());
          if (slot) slot.agents.push(agent);
          else byStart.set(startsAt.getTime(), { startsAt, endsAt, agents: [agent] });
        }
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** A slot's start as Beijing wall-clock ISO 8601 with its offset, the way the API and forms name it. */
export function slotKey(at: Date): string {
  return `${new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16)}+08:00`;
}

/** The buildings of the units (or the building) a tour is for. */
export function tourBuildings(catalog: Catalog, unitIds: readonly string[], buildingId: string | null): string[] {
  const fromUnits = unitIds.flatMap((id) => catalog.unitById.get(id)?.building ?? []);
  return [...new Set(buildingId ? [buildingId, ...fromUnits] : fromUnits)];
}
