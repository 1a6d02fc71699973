import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sumAreas } from '../../src/lib/area.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { adjacentUnits } from '../../src/server/catalog/find-adjacent-units.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));

describe('the shipped catalog', () => {
  it('has three R&D buildings and one service building adding up to exactly 78,000 m²', () => {
    expect(catalog.buildings.filter((b) => b.kind === 'rnd')).toHaveLength(3);
    expect(catalog.buildings.filter((b) => b.kind === 'service')).toHaveLength(1);
    expect(sumAreas(catalog.buildings.map((b) => b.grossArea))).toBe(78_000);
    expect(sumAreas(catalog.floors.map((f) => f.grossArea))).toBe(78_000);
  });

  it('has at least 150 units, from studios to whole floors', () => {
    expect(catalog.units.length).toBeGreaterThanOrEqual(150);
    const areas = catalog.units.map((u) => u.grossArea);
    expect(Math.min(...areas)).toBeLessThan(100);
    expect(catalog.units.some((u) => u.kind === 'whole-floor')).toBe(true);
  });

  it('marks every invented value as sample', () => {
    expect(catalog.units.every((u) => u.sample)).toBe(true);
    expect(catalog.buildings.every((b) => b.sample)).toBe(true);
    expect(catalog.amenities.every((a) => a.sample)).toBe(true);
    expect(catalog.park.contact.sample).toBe(true);
  });

  it('names the places the source names, and the Fangshan Line and the 4th Ring', () => {
    const names = catalog.places.map((p) => p.name.zh).join(' ');
    for (const place of [
      '万达广场',
      '永旺购物中心',
      '花乡奥莱村',
      '天坛医院',
      '北京口腔医院',
      '北京第五实验学校',
      '房山线',
      '西南四环',
    ]) {
      expect(names).toContain(place);
    }
    expect(catalog.places.every((p) => p.approximate)).toBe(true);
  });

  it('finds the units that share a wall with a unit', () => {
    const corner = catalog.unitById.get('r1-0501')!;
    expect(adjacentUnits(catalog, corner).map((u) => u.id)).toEqual(['r1-0502']);
  });
});
