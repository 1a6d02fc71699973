import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unitDisplayName } from '../../src/server/catalog/name-unit.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { pageName } from '../../src/server/leads/name-page.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const unit = catalog.units[0]!;
const building = catalog.buildingById.get(unit.building)!;

describe('names for staff', () => {
  it('names a unit by building, floor and number, in zh and en', () => {
    expect(unitDisplayName(catalog, unit.id, 'zh')).toMatch(
      new RegExp(`^${building.name.zh} (地下)?\\d+层 ${unit.number}$`),
    );
    expect(unitDisplayName(catalog, unit.id, 'en')).toMatch(
      new RegExp(`^${building.name.en} · (Level|Basement) \\d+ · Unit ${unit.number}$`),
    );
  });

  it('names the page an inquiry came from, ignoring the /en prefix and the query, and never shows a path', () => {
    expect(pageName(catalog, `/reserve/${unit.id}`, 'zh')).toBe(`预订页 · ${unitDisplayName(catalog, unit.id, 'zh')}`);
    expect(pageName(catalog, `/en/units/${unit.id}?utm_source=x`, 'en')).toBe(
      `Unit page · ${unitDisplayName(catalog, unit.id, 'en')}`,
    );
    expect(pageName(catalog, '/', 'zh')).toBe('首页');
    expect(pageName(catalog, '/en', 'en')).toBe('Home page');
    expect(pageName(catalog, '/compare?units=a,b', 'en')).toBe('Comparison');
    expect(pageName(catalog, '/%E0%A4%A/weird', 'zh')).toBe('其他页面');
  });
});
