/**
 * Business time in Beijing (src/lib/business-time.ts) on real dates of the official 2026 calendar: 调休 Saturdays
 * are working days, national holidays are not, nights and weekends do not count, and the process's time zone
 * does not matter (every instant here is written with its offset).
 */
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  calendarCovers,
  isWorkingDay,
} from '../../src/lib/business-time.ts';

const beijing = (wallClock: string) => new Date(`${wallClock}+08:00`);

describe('business time in Beijing', () => {
  it('counts a 调休 Saturday as a working day: 17:55 on the Friday before is due 09:10 that Saturday', () => {
    // National Day 2026: 10-01 to 10-07 off, Saturday 10-10 worked.
    expect(addBusinessMinutes(beijing('2026-10-09T17:55'), 15)).toEqual(beijing('2026-10-10T09:10'));
    expect(addBusinessMinutes(beijing('2026-10-09T17:55'), 15).toISOString()).toBe('2026-10-10T01:10:00.000Z');
    // Spring Festival 2026: Saturday 02-14 worked, 02-15 to 02-23 off.
    expect(addBusinessMinutes(beijing('2026-02-13T17:50'), 15)).toEqual(beijing('2026-02-14T09:05'));
    expect(addBusinessMinutes(beijing('2026-02-14T17:59'), 15)).toEqual(beijing('2026-02-24T09:14'));
  });

  it('makes an inquiry on a national holiday due on the morning after the holiday', () => {
    expect(addBusinessMinutes(beijing('2026-10-01T10:00'), 15)).toEqual(beijing('2026-10-08T09:15'));
    expect(addBusinessMinutes(beijing('2026-10-07T23:59'), 15)).toEqual(beijing('2026-10-08T09:15'));
  });

  it('skips nights and ordinary weekends, and counts from the moment within working hours', () => {
    expect(addBusinessMinutes(beijing('2026-12-03T10:00'), 15)).toEqual(beijing('2026-12-03T10:15'));
    expect(addBusinessMinutes(beijing('2026-12-03T07:00'), 15)).toEqual(beijing('2026-12-03T09:15'));
    expect(addBusinessMinutes(beijing('2026-11-27T17:55'), 15)).toEqual(beijing('2026-11-30T09:10'));
    expect(addBusinessMinutes(beijing('2026-11-28T12:00'), 15)).toEqual(beijing('2026-11-30T09:15'));
    // A target longer than a day runs over several working days (9 hours a day).
    expect(addBusinessMinutes(beijing('2026-12-03T09:00'), 9 * 60 + 30)).toEqual(beijing('2026-12-04T09:30'));
    expect(addBusinessMinutes(beijing('2026-12-03T10:00'), 15, { startMinute: 600, endMinute: 1200 })).toEqual(
      beijing('2026-12-03T10:15'),
    );
  });

  it('measures how long a lead waited in business minutes', () => {
    expect(businessMinutesBetween(beijing('2026-10-09T17:55'), beijing('2026-10-10T09:10'))).toBe(15);
    // 60 minutes on 09-30, none over National Day, 60 on 10-08.
    expect(businessMinutesBetween(beijing('2026-09-30T17:00'), beijing('2026-10-08T10:00'))).toBe(120);
    expect(businessMinutesBetween(beijing('2026-12-03T20:00'), beijing('2026-12-03T21:00'))).toBe(0);
    expect(businessMinutesBetween(beijing('2026-12-03T10:00'), beijing('2026-12-03T09:00'))).toBe(0);
    const from = beijing('2026-12-03T11:07');
    expect(businessMinutesBetween(from, addBusinessMinutes(from, 500))).toBe(500);
  });

  it('knows which years the official calendar covers and falls back to Monday–Friday beyond them', () => {
    expect(calendarCovers(2026)).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-12-05')).toBe(false);
    if (!calendarCovers(2099)) {
      expect(isWorkingDay('2099-01-05')).toBe(true); // a Monday
      expect(isWorkingDay('2099-01-04')).toBe(false); // a Sunday
    }
  });

  it('gives the same answers whatever time zone the process is in', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
        process.env.TZ = tz;
        expect(isWorkingDay('2026-11-28')).toBe(false); // a Saturday
        expect(isWorkingDay('2026-11-27')).toBe(true);
        expect(addBusinessMinutes(beijing('2026-11-27T17:55'), 15)).toEqual(beijing('2026-11-30T09:10'));
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('refuses a target that is not a positive number of minutes, and hours that do not fit in a day', () => {
    for (const minutes of [0, -5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => addBusinessMinutes(beijing('2026-12-03T10:00'), minutes)).toThrow(RangeError);
    expect(() => addBusinessMinutes(beijing('2026-12-03T10:00'), 15, { startMinute: 600, endMinute: 600 })).toThrow(
      RangeError,
    );
    expect(() => businessMinutesBetween(new Date(0), new Date(1), { startMinute: 0, endMinute: 1500 })).toThrow(
      RangeError,
    );
  });
});
