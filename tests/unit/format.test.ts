import { describe, expect, it } from 'vitest';
import { localePath, otherLang, splitLangFromPath } from '../../src/i18n/lang.ts';
import {
  formatArea,
  formatAreaLarge,
  formatAreaRange,
  formatDate,
  formatFloorName,
  formatHeadcount,
  formatList,
  formatUnitName,
  todayInBeijing,
} from '../../src/lib/format.ts';
import { levelLabel, levelParam, levelShort, parseLevelParam } from '../../src/lib/levels.ts';
import { distanceMetres } from '../../src/lib/geo.ts';

describe('formatting', () => {
  it('writes the park total the Chinese way and the English way', () => {
    expect(formatAreaLarge(78_000, 'zh')).toBe('7.8万㎡');
    expect(formatAreaLarge(78_000, 'en')).toBe('78,000 m²');
    expect(formatArea(583.81, 'zh')).toBe('583.81 ㎡');
  });

  it('writes ranges, people, lists and names the way each language does', () => {
    expect(formatAreaRange(200, 1200, 'zh')).toBe('200–1,200 ㎡');
    expect(formatAreaRange(200, null, 'en')).toBe('≥ 200 m²');
    expect(formatAreaRange(null, 400, 'en')).toBe('≤ 400 m²');
    expect(formatAreaRange(null, null, 'en')).toBe('');
    expect(formatHeadcount(12, 'zh')).toBe('12 人');
    expect(formatHeadcount(12, 'en')).toBe('12 people');
    expect(formatList(['北', '东'], 'zh')).toBe('北、东');
    expect(formatList(['North', 'East'], 'en')).toBe('North, East');
    expect(formatFloorName('科研2号楼', 12, 'zh')).toBe('科研2号楼 12层');
    expect(formatFloorName('R&D Building 2', -1, 'en')).toBe('R&D Building 2 · Basement 1');
    expect(formatUnitName('科研2号楼', 12, '1201', 'zh')).toBe('科研2号楼 12层 1201');
    expect(formatUnitName('R&D Building 2', 12, '1201', 'en')).toBe('R&D Building 2 · Level 12 · Unit 1201');
    expect(otherLang('zh')).toBe('en');
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
