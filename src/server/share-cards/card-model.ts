/**
 * What a share card says, from the catalog and the live unit states: pure, no I/O. The park, a building or a
 * unit, in one language; card-svg.ts decides how it looks.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatAreaLarge, formatDistance, formatRentRate, formatUnitName } from '../../lib/format.ts';
import { levelLabel, levelShort } from '../../lib/levels.ts';
import { floorOf, unitsOnFloor, type Catalog } from '../catalog/catalog.ts';
import type { Floor } from '../catalog/schemas.ts';
import type { UnitStatus } from '../db/schema.ts';
import {
  buildingAvailability,
  parkAvailability,
  toListings,
  type FloorAvailability,
  type UnitListing,
} from '../inventory/availability.ts';
import type { UnitState } from '../inventory/list-unit-states.ts';

/** Which card: the park's, a building's (by slug) or a unit's (by id). */
export type ShareCardRef = { kind: 'park' } | { kind: 'building'; slug: string } | { kind: 'unit'; id: string };

/** One figure: a small label over a large value, with a smaller prefix or suffix ("from", "CNY/m²/day"). */
export interface CardFact {
  label: string;
  prefix?: string;
  value: string;
  suffix?: string;
}

export interface ElevationColumn {
  code: string;
  floors: FloorAvailability[];
  isService: boolean;
}

export type CardDrawing =
  | {
      kind: 'plan';
      floor: Floor;
      units: UnitListing[];
      highlightId: string;
      caption: string;
      highlightLabel: string;
      availableLabel: string;
      scaleBar: { metres: number; label: string };
      north: string;
    }
  | { kind: 'elevations'; columns: ElevationColumn[]; legend: { available: string; other: string; amenity: string } };

export interface ShareCardModel {
  kind: ShareCardRef['kind'];
  lang: Lang;
  parkName: string;
  parkPartOf: string;
  /** The site's host, shown as where the card leads ("park.example.cn"). */
  host: string;
  eyebrow: string;
  /** The name in parts that may go on separate lines, joined by `titleJoiner` on one line. */
  titleParts: string[];
  titleJoiner: string;
  facts: CardFact[];
  status: { word: string; tone: UnitStatus };
  drawing: CardDrawing;
  /** The image's text alternative (og:image:alt). */
  alt: string;
}

type Base = Pick<ShareCardModel, 'lang' | 'parkName' | 'parkPartOf' | 'host'>;

function base(catalog: Catalog, lang: Lang, host: string): Base {
  return { lang, parkName: catalog.park.name[lang], parkPartOf: catalog.park.partOf[lang], host };
}

/** "4.35 元/㎡/天 起" / "from 4.35 CNY/m²/day" as a fact; `isFrom` for the lowest of several. */
function rentFact(lang: Lang, label: string, rent: string, isFrom: boolean): CardFact {
  const m = messages(lang);
  return {
    label,
    prefix: isFrom && m.common.fromPrefix ? m.common.fromPrefix.trim() : undefined,
    value: formatRentRate(rent, lang),
    suffix: `${m.common.perSqmDay}${isFrom ? m.common.fromSuffix : ''}`,
  };
}

/** "583.81 ㎡" split into value and unit, so the unit can be drawn smaller. */
function areaFact(label: string, formatted: string): CardFact {
  const match = /^(.*?)\s*(万?㎡|m²)$/.exec(formatted);
  return match ? { label, value: match[1]!, suffix: match[2]! } : { label, value: formatted };
}

function availableWord(lang: Lang, count: number): ShareCardModel['status'] {
  const s = messages(lang).shareCard;
  if (count === 0) return { word: s.noneAvailable, tone: 'unavailable' };
  return { word: count === 1 ? s.oneUnitAvailable : formatMessage(s.unitsAvailable, { count }), tone: 'available' };
}

function factsText(facts: readonly CardFact[], lang: Lang): string {
  const sep = lang === 'zh' ? '，' : ', ';
  return facts
    .map((f) => `${f.label} ${[f.prefix, f.value].filter(Boolean).join(' ')}${f.suffix ? ` ${f.suffix.trim()}` : ''}`)
    .join(sep);
}

function elevationLegend(lang: Lang) {
  const s = messages(lang).shareCard;
  return { available: s.availableLegend, other: s.otherLegend, amenity: s.amenityLegend };
}

function splitName(name: string): { parts: string[]; joiner: string } {
  return name.includes(' · ') ? { parts: name.split(' · '), joiner: ' · ' } : { parts: name.split(' '), joiner: ' ' };
}

/** The park's card: total area, available area, the lowest rent, every building's elevation. */
function parkCardModel(
  catalog: Catalog,
  states: ReadonlyMap<string, UnitState>,
  lang: Lang,
  host: string,
): ShareCardModel {
  const m = messages(lang);
  const park = parkAvailability(catalog, states);
  const facts: CardFact[] = [
    areaFact(m.home.statTotal, formatAreaLarge(catalog.park.totalFloorArea, lang)),
    areaFact(m.common.availableArea, formatArea(Math.round(park.availableArea), lang)),
    ...(park.lowestRent ? [rentFact(lang, m.home.statRent, park.lowestRent, true)] : []),
  ];
  const status = availableWord(lang, park.availableUnits);
  const columns = catalog.buildings.map((b) => ({
    code: b.code,
    floors: buildingAvailability(catalog, b.id, states).floors,
    isService: b.kind === 'service',
  }));
  return {
    kind: 'park',
    ...base(catalog, lang, host),
    eyebrow: catalog.park.zone[lang].replace(/[（(].*$/, '').trim(),
    titleParts: splitName(catalog.park.name[lang]).parts,
    titleJoiner: ' ',
    facts,
    status,
    drawing: { kind: 'elevations', columns, legend: elevationLegend(lang) },
    alt: formatMessage(m.shareCard.parkAlt, {
      name: catalog.park.name[lang],
      facts: factsText(facts, lang),
      status: status.word,
    }),
  };
}

/** A building's card, or null for an unknown slug. */
function buildingCardModel(
  catalog: Catalog,
  slug: string,
  states: ReadonlyMap<string, UnitState>,
  lang: Lang,
  host: string,
): ShareCardModel | null {
  const building = catalog.buildingBySlug.get(slug);
  if (!building) return null;
  const m = messages(lang);
  const availability = buildingAvailability(catalog, building.id, states);
  const facts: CardFact[] = [
    areaFact(m.common.totalArea, formatArea(building.grossArea, lang)),
    ...(availability.unitCount > 0
      ? [areaFact(m.common.availableArea, formatArea(Math.round(availability.availableArea), lang))]
      : []),
    ...(availability.lowestRent ? [rentFact(lang, m.home.statRent, availability.lowestRent, true)] : []),
  ];
  const status = availableWord(lang, availability.availableUnits);
  const name = splitName(building.name[lang]);
  return {
    kind: 'building',
    ...base(catalog, lang, host),
    eyebrow: `${m.buildingKind[building.kind]} · ${building.floorsAboveGround}${lang === 'zh' ? '层' : ' floors'}`,
    titleParts: name.parts,
    titleJoiner: name.joiner,
    facts,
    status,
    drawing: {
      kind: 'elevations',
      columns: [{ code: building.code, floors: availability.floors, isService: building.kind === 'service' }],
      legend: elevationLegend(lang),
    },
    alt: formatMessage(m.shareCard.buildingAlt, {
      name: building.name[lang],
      facts: factsText(facts, lang),
      status: status.word,
    }),
  };
}

/** A unit's card, or null for an unknown id. */
function unitCardModel(
  catalog: Catalog,
  id: string,
  states: ReadonlyMap<string, UnitState>,
  lang: Lang,
  host: string,
): ShareCardModel | null {
  const unit = catalog.unitById.get(id);
  const building = unit && catalog.buildingById.get(unit.building);
  const floor = unit && floorOf(catalog, unit);
  if (!unit || !building || !floor) return null;
  const m = messages(lang);
  const units = toListings(unitsOnFloor(catalog, unit.building, unit.level), states);
  const listing = units.find((u) => u.id === unit.id)!;
  const name = formatUnitName(building.name[lang], unit.level, unit.number, lang);
  const isOffered = listing.state.status === 'available';
  const facts: CardFact[] = [
    areaFact(m.unit.grossArea, formatArea(unit.grossArea, lang)),
    ...(isOffered ? [rentFact(lang, m.home.statRent, listing.state.listRentPerSqmDay, false)] : []),
  ];
  const status = { word: m.status[listing.state.status], tone: listing.state.status };
  const split = splitName(name);
  const level = levelLabel(unit.level, lang);
  return {
    kind: 'unit',
    ...base(catalog, lang, host),
    eyebrow: `${m.unitKind[unit.kind]} · ${levelShort(unit.level)}`,
    titleParts: split.parts,
    titleJoiner: split.joiner,
    facts,
    status,
    drawing: {
      kind: 'plan',
      floor,
      units,
      highlightId: unit.id,
      caption: formatMessage(m.shareCard.plan, { level }),
      highlightLabel: m.shareCard.thisUnit,
      availableLabel: m.shareCard.availableLegend,
      scaleBar: { metres: 10, label: formatDistance(10, lang) },
      north: m.compass.N.slice(0, 1),
    },
    alt: formatMessage(m.shareCard.unitAlt, { name, facts: factsText(facts, lang), status: status.word, level }),
  };
}

/** The card `ref` names, or null when it names nothing in the catalog. */
export function shareCardModel(
  catalog: Catalog,
  ref: ShareCardRef,
  states: ReadonlyMap<string, UnitState>,
  lang: Lang,
  host: string,
): ShareCardModel | null {
  if (ref.kind === 'park') return parkCardModel(catalog, states, lang, host);
  if (ref.kind === 'building') return buildingCardModel(catalog, ref.slug, states, lang, host);
  return unitCardModel(catalog, ref.id, states, lang, host);
}
