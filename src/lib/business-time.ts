/**
 * Business time in Beijing, the clock of the response promise (issue 15): working hours on China's working days,
 * as the State Council's holiday calendar has them, including the 调休 weekends worked in exchange for a longer
 * holiday. The calendar comes from the maintained `chinese-days` package, not from a list typed here: its data
 * (days off and days worked), not its functions, which read a date in the process's own time zone and so call
 * 28 November 2026, a Saturday, a working Friday on a machine in New York.
 *
 * Beijing has no daylight-saving time, so a Beijing wall-clock time is the UTC instant plus eight hours, whatever
 * zone a browser or server is in. A year the package does not know yet (the calendar is announced each
 * November) falls back to Monday–Friday; `calendarCovers` says which years are known, so staff can be told.
 */
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Days off (holidays, the weekends inside them included) and 调休 days worked, by YYYY-MM-DD. */
const { holidays, workdays } = calendar as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Working hours of a day in Beijing, in minutes after midnight (09:00–18:00 by default). */
export interface BusinessHours {
  startMinute: number;
  endMinute: number;
}

const DEFAULT_BUSINESS_HOURS: BusinessHours = { startMinute: 9 * 60, endMinute: 18 * 60 };

const BEIJING_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const MINUTE_MS = 60_000;
/** How far ahead a due time is looked for: past the longest holiday with room to spare. */
const MAX_DAYS = 366;

/** YYYY-MM-DD of a Beijing day, from the day's start in Beijing wall-clock milliseconds. */
const dayKey = (beijingMs: number) => new Date(beijingMs).toISOString().slice(0, 10);

/** Whether the package's calendar has `year`: New Year's Day is a holiday in every year it knows. */
export function calendarCovers(year: number): boolean {
  return `${year}-01-01` in holidays;
}

/** Whether a Beijing day (YYYY-MM-DD) is a working day: Monday–Friday, unless the official calendar says otherwise. */
export function isWorkingDay(day: string): boolean {
  if (day in workdays) return true;
  if (day in holidays) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function checkHours({ startMinute, endMinute }: BusinessHours): void {
  if (!(Number.isInteger(startMinute) && Number.isInteger(endMinute) && 0 <= startMinute && startMinute < endMinute))
    throw new RangeError('business hours must start before they end, within one day');
  if (endMinute > 24 * 60) throw new RangeError('business hours must end by midnight');
}

/** The working window of each day from the one holding `from`, in Beijing wall-clock milliseconds. */
function* workingWindows(fromBeijingMs: number, hours: BusinessHours, days = MAX_DAYS): Generator<[number, number]> {
  const firstDay = Math.floor(fromBeijingMs / DAY_MS) * DAY_MS;
  for (let day = firstDay, n = 0; n < days; day += DAY_MS, n += 1)
    if (isWorkingDay(dayKey(day))) yield [day + hours.startMinute * MINUTE_MS, day + hours.endMinute * MINUTE_MS];
}

/**
 * The instant `minutes` of business time after `from`: e.g. the first-response deadline of an inquiry. Time
 * outside working hours does not count, so an inquiry at night is due that many minutes after the next opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, hours = DEFAULT_BUSINESS_HOURS): Date {
  if (!(Number.isFinite(minutes) && minutes > 0)) throw new RangeError('minutes must be a positive number');
  checkHours(hours);
  let left = minutes * MINUTE_MS;
  const start = from.getTime() + BEIJING_OFFSET_MS;
  for (const [open, close] of workingWindows(start, hours)) {
    const begin = Math.max(open, start);
    if (begin >= close) continue;
    if (begin + left <= close) return new Date(begin + left - BEIJING_OFFSET_MS);
    left -= close - begin;
  }
  throw new RangeError(`no ${minutes} business minutes within ${MAX_DAYS} days`);
}

/** Business minutes between two instants (0 when `to` is not after `from`): e.g. how long a lead waited. */
export function businessMinutesBetween(from: Date, to: Date, hours = DEFAULT_BUSINESS_HOURS): number {
  checkHours(hours);
  const start = from.getTime() + BEIJING_OFFSET_MS;
  const end = to.getTime() + BEIJING_OFFSET_MS;
  let total = 0;
  const days = Math.max(0, Math.ceil((end - start) / DAY_MS)) + 1;
  for (const [open, close] of workingWindows(start, hours, days)) {
    if (open >= end) break;
    total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total / MINUTE_MS;
}
