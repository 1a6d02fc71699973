import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawCampusPicture } from '../../src/lib/campus-picture.ts';
import {
  boxesOverlap,
  estimateTextWidth,
  placeLabels,
  spotsAroundPoint,
  spotsForArea,
  type Box,
} from '../../src/lib/map-labels.ts';
import { projectToPicture, zoomForMinTarget } from '../../src/lib/map-view.ts';
import { baseMapFeatures } from '../../src/server/catalog/base-map-features.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { baseMap } from '../../src/server/catalog/schemas.ts';

const view: Box = { x: 0, y: 0, width: 400, height: 300 };
const box = (x: number, y: number, width = 60, height = 20): Box => ({ x, y, width, height });

function expectNoOverlap(boxes: Box[]): void {
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(boxesOverlap(boxes[i]!, boxes[j]!), `${i} and ${j}`).toBe(false);
}

describe('label placement', () => {
  it('moves a label that would cover an earlier one to its next free spot', () => {
    const placed = placeLabels(
      [
        { id: 'a', candidates: spotsAroundPoint(100, 100, 60, 20) },
        { id: 'b', candidates: spotsAroundPoint(104, 100, 60, 20) },
      ],
      view,
    );
    expect(placed.map((p) => p.box !== null)).toEqual([true, true]);
    expectNoOverlap(placed.map((p) => p.box!));
    expect(placed[1]!.box).not.toEqual(spotsAroundPoint(104, 100, 60, 20)[0]);
  });

  it('hides a label with no free spot rather than overlapping, keeping the more important one', () => {
    const placed = placeLabels(
      [
        { id: 'first', candidates: [box(10, 10)] },
        { id: 'second', candidates: [box(20, 15)] },
      ],
      view,
    );
    expect(placed[0]!.box).toEqual(box(10, 10));
    expect(placed[1]!.box).toBeNull();
  });

  it('keeps labels inside the view and off obstacles, except the obstacle a label names', () => {
    const obstacle = { box: box(0, 0, 100, 100), ownerId: 'own' };
    const outside = placeLabels([{ id: 'x', candidates: [box(380, 10), box(150, 10)] }], view);
    expect(outside[0]!.box).toEqual(box(150, 10));
    expect(placeLabels([{ id: 'other', candidates: [box(20, 20)] }], view, [obstacle])[0]!.box).toBeNull();
    expect(placeLabels([{ id: 'own', candidates: [box(20, 20)] }], view, [obstacle])[0]!.box).toEqual(box(20, 20));
  });

  it('names an area inside when the text fits, else beside it, and falls back to the short text', () => {
    const area = box(100, 100, 80, 40);
    expect(spotsForArea(area, 50, 16)[0]).toMatchObject({ x: 115, y: 112 });
    expect(spotsForArea(area, 120, 16)[0]).toMatchObject({ x: 80, y: 81 });
    const tight = { x: 96, y: 96, width: 88, height: 48 };
    const [placed] = placeLabels(
      [{ id: 'b', candidates: [...spotsForArea(area, 120, 16, 0), ...spotsForArea(area, 24, 16, 1)] }],
      tight,
    );
    expect(placed).toMatchObject({ variant: 1, box: { x: 128, y: 112, width: 24, height: 16 } });
  });

  it('estimates Chinese text at one em per character and Latin narrower', () => {
    expect(estimateTextWidth('科研1号楼', 10)).toBeCloseTo(45.6);
    expect(estimateTextWidth('R1', 10)).toBeLessThan(20);
  });
});

describe('map view', () => {
  it('zooms in just enough for the smallest target to reach 44 px', () => {
    expect(zoomForMinTarget(17, 22)).toBe(18);
    expect(zoomForMinTarget(17, 50)).toBe(17);
    expect(zoomForMinTarget(17.3, 40, 44, 0.1)).toBeCloseTo(17.5);
    expect(() => zoomForMinTarget(17, 0)).toThrow(/Invalid target size: 0/);
  });

  it('projects north up and east right around the frame centre', () => {
    const frame = { center: [39.83, 116.315] as const, scale: 1, width: 200, height: 100 };
    expect(projectToPicture(frame, [39.83, 116.315])).toEqual([100, 50]);
    const [x, y] = projectToPicture(frame, [39.8309, 116.3162]);
    expect(x).toBeGreaterThan(100);
    expect(y).toBeCloseTo(50 - 100.2, 0);
  });
});

describe('the base map and the home picture', () => {
  const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));

  it('reads data/base-map.json with the ring road, the Fangshan Line and its station, all approximate', () => {
    const kinds = catalog.baseMap.features.map((f) => f.properties.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ring-road', 'metro-line', 'metro-station', 'green', 'water']));
    const station = catalog.baseMap.features.find((f) => f.id === 'huaxiang-dongqiao-station')!;
    expect(station.geometry.coordinates).toEqual([39.827783, 116.313899]);
  });

  it('refuses a base feature not marked approximate, naming why', () => {
    const feature = {
      type: 'Feature',
      id: 'x',
      properties: { kind: 'road', approximate: false },
      geometry: {
        type: 'LineString',
        coordinates: [
          [116.3, 39.8],
          [116.31, 39.8],
        ],
      },
    };
    const result = baseMap.safeParse({
      type: 'FeatureCollection',
      note: { zh: '示意', en: 'Schematic' },
      features: [feature],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/approximate/);
  });

  it('draws every building and labels without overlap inside the picture, phone and desktop', () => {
    for (const [lang, size] of [
      ['zh', { width: 600, height: 560, fontSize: 25 }],
      ['en', { width: 600, height: 560, fontSize: 25 }],
      ['en', { width: 1200, height: 520, fontSize: 17 }],
    ] as const) {
      const picture = drawCampusPicture(
        {
          campusOutline: catalog.park.campusOutline,
          buildings: catalog.buildings.map((b) => ({
            id: b.id,
            name: b.name[lang],
            code: b.code,
            footprint: b.footprint,
            fill: '#1f9d6b',
          })),
          base: baseMapFeatures(catalog.baseMap, lang),
          note: catalog.baseMap.note[lang],
        },
        size,
      );
      expect(picture.shapes.filter((s) => s.kind === 'building')).toHaveLength(4);
      expect(
        picture.shapes.some((s) => s.kind === 'ring-road') && picture.shapes.some((s) => s.kind === 'metro-line'),
      ).toBe(true);
      const ids = picture.labels.map((l) => l.id);
      expect(ids).toEqual(expect.arrayContaining([...catalog.buildings.map((b) => b.id), 'note']));
      expectNoOverlap(picture.labels.map((l) => l.box));
      for (const l of picture.labels)
        expect(
          l.box.x >= 0 &&
            l.box.x + l.box.width <= picture.width &&
            l.box.y >= 0 &&
            l.box.y + l.box.height <= picture.height,
          l.id,
        ).toBe(true);
    }
  });
});
