import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.ts';
import { formatAvailability, formatYuan, todayInBeijing, type UnitStatusForDisplay } from '../../src/lib/format.ts';

describe('the money display rule', () => {
  it('shows every amount to the fen, month and year totals included', () => {
    expect(formatYuan(1_234_567n, 'zh')).toBe('¥12,345.67');
    expect(formatYuan(1_234_500n, 'en')).toBe('¥12,345.00');
    expect(formatYuan(5n, 'zh')).toBe('¥0.05');
    expect(formatYuan(-25_075n, 'en')).toBe('-¥250.75');
  });

  it('has no way to round to whole yuan', () => {
    // A third argument was the old opt-in for fen; the rule leaves nothing to opt into.
    expect(formatYuan.length).toBe(2);
  });
});

describe('the availability display rule', () => {
  const today = '2026-12-02';

  it('reads a past or today’s date on an available unit as available now', () => {
    expect(formatAvailability('2025-03-01', 'available', today, 'zh')).toBe('即可入驻');
    expect(formatAvailability(today, 'available', today, 'en')).toBe('Available now');
  });

  it('shows a future date on an available unit as that date', () => {
    expect(formatAvailability('2027-03-01', 'available', today, 'zh')).toBe('2027年3月1日');
    expect(formatAvailability('2027-03-01', 'available', today, 'en')).toBe('1 March 2027');
  });

  it('lets no held, reserved or unavailable unit claim availability, past or future date alike', () => {
    for (const status of ['held', 'reserved', 'unavailable'] as const) {
      for (const date of ['2025-03-01', '2027-03-01']) {
        for (const lang of ['zh', 'en'] as const) {
          const shown = formatAvailability(date, status, today, lang);
          expect(shown).toBe(messages(lang).status[status]);
          expect(shown).not.toMatch(/即可入驻|Available now|2025|2027/);
        }
      }
    }
  });

  it('says when a leased unit comes free only when given the date tenants may see (issue 17)', () => {
    expect(formatAvailability('2027-03-01', 'leased', today, 'zh')).toBe('已租，预计 2027年3月1日 起可租');
    expect(formatAvailability('2027-03-01', 'leased', today, 'en')).toBe(
      'Leased, expected available from 1 March 2027',
    );
    // A lease already over, not yet released by staff, comes free today at the earliest.
    expect(formatAvailability('2025-03-01', 'leased', today, 'en')).toBe(
      'Leased, expected available from 2 December 2026',
    );
    // A private or distant lease end is no date at all (publicAvailableFrom gives null): the status alone.
    for (const lang of ['zh', 'en'] as const)
      expect(formatAvailability(null, 'leased', today, lang)).toBe(messages(lang).status.leased);
  });

  it('uses the same words as the status badges and the unit page', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const status of Object.keys(messages(lang).status) as UnitStatusForDisplay[]) {
        if (status !== 'available') {
          expect(formatAvailability(null, status, today, lang)).toBe(messages(lang).status[status]);
          if (status !== 'leased')
            expect(formatAvailability('2027-01-01', status, today, lang)).toBe(messages(lang).status[status]);
        }
      }
      expect(formatAvailability('2020-01-01', 'available', today, lang)).toBe(messages(lang).unit.availableNow);
    }
  });

  it('takes today in Beijing: 16:30 UTC on 1 December is already 2 December there', () => {
    const beijingToday = todayInBeijing(new Date('2026-12-01T16:30:00Z'));
    expect(beijingToday).toBe('2026-12-02');
    expect(formatAvailability('2026-12-02', 'available', beijingToday, 'en')).toBe('Available now');
  });
});

describe('the availability rule on unexpected input', () => {
  it('reads an unknown status as not available rather than available', () => {
    expect(formatAvailability('2020-01-01', 'archived', '2026-12-02', 'en')).toBe('Not available');
  });
});
