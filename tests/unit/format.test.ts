import { describe, expect, it } from 'vitest';
import { localePath, splitLangFromPath } from '../../src/i18n/lang.ts';
import { formatArea, formatAreaLarge, formatDate, todayInBeijing } from '../../src/lib/format.ts';
import { levelLabel, levelParam, levelShort, parseLevelParam } from '../../src/lib/levels.ts';
import { distanceMetres } from '../../src/lib/geo.ts';

describe('formatting', () => {
  it('writes the park total the Chinese way and the English way', () => {
    expect(formatAreaLarge(78_000, 'zh')).toBe('7.8万㎡');
    expect(formatAreaLarge(78_000, 'en')).toBe('78,000 m²');
    expect(formatArea(583.81, 'zh')).toBe('583.81 ㎡');
  });

  it('shows dates as calendar dates and knows Beijing’s today', () => {
    expect(formatDate('2027-03-01', 'zh')).toBe('2027年3月1日');
    expect(formatDate('2027-03-01', 'en')).toBe('1 March 2027');
    // 2026-11-24 17:00 UTC is already the 25th in Beijing.
    expect(todayInBeijing(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
  });
});

describe('levels', () => {
  it('round-trips URL levels and refuses anything else', () => {
    expect(parseLevelParam(levelParam(5))).toBe(5);
    expect(parseLevelParam(levelParam(-1))).toBe(-1);
    expect(parseLevelParam('B1')).toBe(-1);
    for (const bad of ['0', '05', 'x', '-1', '1.5', '', '123']) expect(parseLevelParam(bad)).toBeUndefined();
  });

  it('labels levels in both languages', () => {
    expect(levelShort(-1)).toBe('B1');
    expect(levelLabel(5, 'zh')).toBe('5层');
    expect(levelLabel(-1, 'en')).toBe('Basement 1');
  });
});

describe('language paths', () => {
  it('puts Chinese at the root and English under /en/', () => {
    expect(splitLangFromPath('/en/units/r1-0501')).toEqual({ lang: 'en', path: '/units/r1-0501' });
    expect(splitLangFromPath('/en')).toEqual({ lang: 'en', path: '/' });
    expect(splitLangFromPath('/english')).toEqual({ lang: 'zh', path: '/english' });
    expect(localePath('en', '/')).toBe('/en/');
    expect(localePath('zh', '/amenities')).toBe('/amenities');
  });
});

describe('geo', () => {
  it('measures about 111 km per degree of latitude', () => {
    expect(distanceMetres([39, 116], [40, 116])).toBeCloseTo(111_195, -2);
  });
});
