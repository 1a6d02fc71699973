import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { UnitState } from '../../src/server/inventory/list-unit-states.ts';
import type { UnitStatus } from '../../src/server/db/schema.ts';
import { shareCardModel, type ShareCardRef } from '../../src/server/share-cards/card-model.ts';
import { shareCardSvg } from '../../src/server/share-cards/card-svg.ts';
import { estimateWidthEm } from '../../src/server/share-cards/card-text.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const statesWith = (changes: Record<string, UnitStatus> = {}) =>
  new Map<string, UnitState>(
    catalog.units.map((u) => [
      u.id,
      {
        status: changes[u.id] ?? u.initialStatus,
        listRentPerSqmDay: u.listRentPerSqmDay,
        availableFrom: u.availableFrom,
        expiryPublic: true,
      },
    ]),
  );
const unitId = catalog.units.find((u) => u.initialStatus === 'available')!.id;
const card = (ref: ShareCardRef, lang: 'zh' | 'en', states = statesWith()) => {
  const model = shareCardModel(catalog, ref, states, lang, 'park.example.cn');
  return model && { model, svg: shareCardSvg(model) };
};
const textsOf = (svg: string) =>
  [...svg.matchAll(/<text [^>]*>(.*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

describe('share card SVG', () => {
  it('is a 1200×630 document for the park, every building and a unit, in both languages', () => {
    const refs: ShareCardRef[] = [
      { kind: 'park' },
      ...catalog.buildings.map((b) => ({ kind: 'building' as const, slug: b.slug })),
      { kind: 'unit', id: unitId },
    ];
    for (const ref of refs) {
      for (const lang of ['zh', 'en'] as const) {
        const { svg } = card(ref, lang)!;
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200" height="630"/);
        expect(svg.endsWith('</svg>')).toBe(true);
      }
    }
  });

  it('names the unit the way the site does, with its area, price, status and the park', () => {
    const unit = catalog.unitById.get(unitId)!;
    const building = catalog.buildingById.get(unit.building)!;
    const { svg, model } = card({ kind: 'unit', id: unitId }, 'en')!;
    const texts = textsOf(svg).join('\n');
    expect(model.titleParts.join(' · ')).toBe(`${building.name.en} · Level ${unit.level} · Unit ${unit.number}`);
    expect(texts).toContain(catalog.park.name.en);
    expect(texts).toContain('Available');
    expect(texts).toContain('CNY/m²/day');
    expect(model.alt).toContain(`Unit ${unit.number}`);
    const zh = textsOf(card({ kind: 'unit', id: unitId }, 'zh')!.svg).join('\n');
    expect(zh).toContain('可租');
    expect(zh).toContain('元/㎡/天');
    expect(zh).toContain(catalog.park.name.zh);
  });

  it('draws a new card when the unit’s status changes, and drops the price of a unit no longer offered', () => {
    const before = card({ kind: 'unit', id: unitId }, 'zh')!;
    const after = card({ kind: 'unit', id: unitId }, 'zh', statesWith({ [unitId]: 'reserved' }))!;
    expect(after.svg).not.toBe(before.svg);
    expect(textsOf(after.svg)).toContain('已预订');
    expect(textsOf(after.svg).join('')).not.toContain('元/㎡/天');
  });

  it('says how many units a building has available, and none when it is full', () => {
    const slug = catalog.buildings[0]!.slug;
    expect(textsOf(card({ kind: 'building', slug }, 'en')!.svg).join('\n')).toMatch(/\d+ units available/);
    const full = statesWith(Object.fromEntries(catalog.units.map((u) => [u.id, 'leased' as const])));
    expect(textsOf(card({ kind: 'building', slug }, 'zh', full)!.svg)).toContain('暂无可租单元');
  });

  it('keeps every line of the title inside the text column', () => {
    for (const unit of catalog.units) {
      for (const lang of ['zh', 'en'] as const) {
        const { svg } = card({ kind: 'unit', id: unit.id }, lang)!;
        const lines = [
          ...svg.matchAll(
            /<text x="64" y="\d+" font-family="[^"]*" font-size="(\d+)" fill="#ffffff" font-weight="700">(.*?)<\/text>/g,
          ),
        ];
        expect(lines.length).toBeGreaterThan(0);
        for (const [, size, line] of lines) {
          const plain = line!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
          expect(estimateWidthEm(plain, true) * Number(size), `${unit.id} ${lang}: ${plain}`).toBeLessThanOrEqual(560);
        }
      }
    }
  });

  it('names nothing for an unknown unit or building', () => {
    expect(card({ kind: 'unit', id: 'r9-9999' }, 'zh')).toBeNull();
    expect(card({ kind: 'building', slug: 'nope' }, 'en')).toBeNull();
  });
});
