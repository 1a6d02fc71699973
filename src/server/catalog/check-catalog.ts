/**
 * Cross-checks between catalog records that no single schema can see: areas add up, references resolve,
 * ids are unique, outlines sit inside their floor and do not overlap.
 */
import { isPolygonInside, polygonsOverlap } from '../../lib/geometry.ts';
import { toCentiSquareMetres, formatCentiSquareMetres } from '../../lib/area.ts';
import type { Amenity, Building, Floor, Park, Place, Unit } from './schemas.ts';

export interface CatalogProblem {
  file: string;
  record: string;
  field: string;
  message: string;
}

export interface CatalogInput {
  park: Park;
  buildings: Building[];
  floors: Array<Floor & { file: string }>;
  units: Array<Unit & { file: string }>;
  amenities: Amenity[];
  places: Place[];
}

const BUILDINGS = 'data/buildings.json';
const AMENITIES = 'data/amenities.json';
const PLACES = 'data/places.json';
const PARK = 'data/park.json';

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

const sumCenti = (areas: number[]) => areas.reduce((total, a) => total + toCentiSquareMetres(a), 0);

/** Every cross-record problem in the catalog; an empty list means it is consistent. */
export function crossCheckCatalog(input: CatalogInput): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const { park, buildings, floors, units, amenities, places } = input;
  const add = (file: string, record: string, field: string, message: string) =>
    problems.push({ file, record, field, message });

  for (const id of duplicates(buildings.map((b) => b.id)))
    add(BUILDINGS, id, 'id', 'this id is used by more than one building');
  for (const slug of duplicates(buildings.map((b) => b.slug)))
    add(BUILDINGS, slug, 'slug', 'this slug is used by more than one building');
  for (const id of duplicates(floors.map((f) => f.id)))
    add('data/floors/', id, 'id', 'this id is used by more than one floor');
  for (const id of duplicates(units.map((u) => u.id))) {
    const files = units.filter((u) => u.id === id).map((u) => u.file);
    add(files[0]!, id, 'id', `this id is used by more than one unit (in ${[...new Set(files)].join(', ')})`);
  }
  for (const id of duplicates(amenities.map((a) => a.id)))
    add(AMENITIES, id, 'id', 'this id is used by more than one amenity');
  for (const id of duplicates(places.map((p) => p.id))) add(PLACES, id, 'id', 'this id is used by more than one place');

  const sourceIds = new Set(park.sources.map((s) => s.id));
  for (const fact of park.facts) {
    if (!sourceIds.has(fact.source))
      add(PARK, fact.id, 'source', `names the source "${fact.source}", which park.json's sources do not list`);
  }
  for (const place of places) {
    if (!sourceIds.has(place.source))
      add(PLACES, place.id, 'source', `names the source "${place.source}", which park.json's sources do not list`);
  }

  const buildingTotal = sumCenti(buildings.map((b) => b.grossArea));
  if (buildingTotal !== toCentiSquareMetres(park.totalFloorArea)) {
    add(
      BUILDINGS,
      '(all buildings)',
      'grossArea',
      `the buildings add up to ${formatCentiSquareMetres(buildingTotal)} m², but park.json's totalFloorArea is ${park.totalFloorArea} m²`,
    );
  }

  const buildingIds = new Set(buildings.map((b) => b.id));
  const floorByKey = new Map<string, Floor & { file: string }>();
  for (const floor of floors) {
    if (!buildingIds.has(floor.building)) {
      add(
        floor.file,
        floor.id,
        'building',
        `names the building "${floor.building}", which data/buildings.json does not list`,
      );
      continue;
    }
    const key = `${floor.building}:${floor.level}`;
    if (floorByKey.has(key))
      add(
        floor.file,
        floor.id,
        'level',
        `level ${floor.level} of ${floor.building} is defined twice (also as ${floorByKey.get(key)!.id})`,
      );
    floorByKey.set(key, floor);
    floor.features.forEach((feature, i) => {
      if (!isPolygonInside(feature.outline, floor.outline))
        add(
          floor.file,
          floor.id,
          `features.${i}.outline`,
          `the ${feature.kind} outline lies outside the floor outline`,
        );
    });
  }

  for (const b of buildings) {
    const own = floors.filter((f) => f.building === b.id);
    const total = sumCenti(own.map((f) => f.grossArea));
    if (total !== toCentiSquareMetres(b.grossArea)) {
      add(
        BUILDINGS,
        b.id,
        'grossArea',
        `is ${b.grossArea} m², but its floors add up to ${formatCentiSquareMetres(total)} m²`,
      );
    }
    const floorCounts = [
      { field: 'floorsAboveGround', side: 'above', count: own.filter((f) => f.level > 0).length },
      { field: 'floorsBelowGround', side: 'below', count: own.filter((f) => f.level < 0).length },
    ] as const;
    for (const { field, side, count } of floorCounts)
      if (count !== b[field])
        add(BUILDINGS, b.id, field, `is ${b[field]}, but ${count} floor(s) ${side} ground are defined`);
  }

  const outlinesByFloor = new Map<string, Array<{ label: string; file: string; outline: Unit['outline'] }>>();
  const unitsByFloor = new Map<string, Array<Unit & { file: string }>>();
  for (const u of units) {
    if (!buildingIds.has(u.building)) {
      add(u.file, u.id, 'building', `names the building "${u.building}", which data/buildings.json does not list`);
      continue;
    }
    const key = `${u.building}:${u.level}`;
    const floor = floorByKey.get(key);
    if (!floor) {
      add(u.file, u.id, 'level', `is on level ${u.level} of ${u.building}, which no floor file defines`);
      continue;
    }
    if (!isPolygonInside(u.outline, floor.outline))
      add(u.file, u.id, 'outline', `lies outside the outline of floor ${floor.id}`);
    if (u.usableArea !== undefined && u.usableArea > u.grossArea)
      add(u.file, u.id, 'usableArea', `(${u.usableArea} m²) is larger than grossArea (${u.grossArea} m²)`);
    unitsByFloor.set(key, [...(unitsByFloor.get(key) ?? []), u]);
    outlinesByFloor.set(key, [
      ...(outlinesByFloor.get(key) ?? []),
      { label: `unit ${u.id}`, file: u.file, outline: u.outline },
    ]);
  }

  for (const a of amenities) {
    const key = `${a.building}:${a.level}`;
    const floor = floorByKey.get(key);
    if (!buildingIds.has(a.building))
      add(AMENITIES, a.id, 'building', `names the building "${a.building}", which data/buildings.json does not list`);
    else if (!floor)
      add(AMENITIES, a.id, 'level', `is on level ${a.level} of ${a.building}, which no floor file defines`);
    else if (a.outline) {
      if (!isPolygonInside(a.outline, floor.outline))
        add(AMENITIES, a.id, 'outline', `lies outside the outline of floor ${floor.id}`);
      outlinesByFloor.set(key, [
        ...(outlinesByFloor.get(key) ?? []),
        { label: `amenity ${a.id}`, file: AMENITIES, outline: a.outline },
      ]);
    }
  }

  for (const [key, shapes] of outlinesByFloor) {
    for (let i = 0; i < shapes.length; i++) {
      for (let j = i + 1; j < shapes.length; j++) {
        if (polygonsOverlap(shapes[i]!.outline, shapes[j]!.outline)) {
          add(
            shapes[j]!.file,
            shapes[j]!.label.replace(/^\w+ /, ''),
            'outline',
            `overlaps ${shapes[i]!.label} on floor ${floorByKey.get(key)!.id}`,
          );
        }
      }
    }
  }

  for (const [key, floor] of floorByKey) {
    const own = unitsByFloor.get(key) ?? [];
    const total = sumCenti(own.map((u) => u.grossArea));
    const floorArea = toCentiSquareMetres(floor.grossArea);
    if (total > floorArea) {
      add(
        floor.file,
        floor.id,
        'grossArea',
        `is ${floor.grossArea} m², but the units on it add up to more: ${formatCentiSquareMetres(total)} m²`,
      );
    } else if (floor.use === 'rnd' && total !== floorArea) {
      add(
        floor.file,
        floor.id,
        'grossArea',
        `is an R&D floor of ${floor.grossArea} m², but its units add up to ${formatCentiSquareMetres(total)} m²: every square metre of an R&D floor belongs to a unit`,
      );
    }
  }

  return problems;
}
