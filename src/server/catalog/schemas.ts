/**
 * One zod schema per kind of catalog file in `data/`. The catalog says what a space *is*;
 * what it is *doing* (status, price in force) lives in the database, seeded from here.
 */
import { z } from 'astro/zod';

/** Text in both UI languages: Chinese first, English always present. */
const localizedText = z.object({
  zh: z.string().trim().min(1, 'Chinese text is required'),
  en: z.string().trim().min(1, 'English text is required'),
});

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

/** A number of square metres with at most two decimals. */
const squareMetres = z
  .number()
  .positive('must be greater than 0')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'use at most two decimals');

/** A price written as a decimal string so that it is never a binary float, e.g. "5.20". */
const decimalPrice = z
  .string()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, 'write a decimal string with up to two decimals, e.g. "5.20"');

const isoDate = z.iso.date('write a date as YYYY-MM-DD');

const latLng = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]);
const planPoint = z.tuple([z.number(), z.number()]); // zod 4 numbers are finite by default
const planRing = z.array(planPoint).min(3, 'an outline needs at least three points');

/** Where a stated fact comes from: an id from park.json's `sources`. */
const sourceRef = z.string().min(1);

export const park = z.object({
  id: slug,
  name: localizedText,
  shortName: localizedText,
  partOf: localizedText,
  zone: localizedText,
  slogan: localizedText,
  totalFloorArea: squareMetres,
  status: localizedText,
  sources: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string().min(1),
        published: z.string().min(1),
        file: z.string().min(1),
      }),
    )
    .min(1),
  facts: z.array(z.object({ id: slug, label: localizedText, value: localizedText, source: sourceRef })).min(1),
  industryTracks: z.array(z.object({ id: slug, name: localizedText, description: localizedText })).min(1),
  highlights: z.array(z.object({ id: slug, title: localizedText, body: localizedText, source: sourceRef.optional() })),
  location: z.object({ center: latLng, approximate: z.boolean() }),
  campusOutline: z.array(latLng).min(3),
  address: localizedText.extend({ sample: z.boolean() }),
  contact: z.object({ phone: z.string().min(1), email: z.email(), hours: localizedText, sample: z.boolean() }),
});

export const buildingKind = z.enum(['rnd', 'service']);

export const building = z.object({
  id: slug,
  slug,
  code: z.string().min(1).max(4),
  kind: buildingKind,
  name: localizedText,
  tagline: localizedText,
  description: localizedText,
  grossArea: squareMetres,
  floorsAboveGround: z.number().int().min(1),
  floorsBelowGround: z.number().int().min(0),
  heightM: z.number().positive(),
  passengerLifts: z.number().int().min(0),
  freightLifts: z.number().int().min(0),
  freightLiftCapacityKg: z.number().int().positive().optional(),
  propertyFeePerSqmMonth: decimalPrice,
  footprint: z.array(latLng).min(3),
  sample: z.boolean(),
});

const floorUse = z.enum(['rnd', 'lobby', 'amenity']);
const planFeatureKind = z.enum([
  'core',
  'lift',
  'freight-lift',
  'stair',
  'toilet',
  'lobby',
  'corridor',
  'courtyard',
  'plant',
]);

export const floor = z.object({
  id: z.string().min(1),
  building: slug,
  level: z
    .number()
    .int()
    .min(-5)
    .max(60)
    .refine((n) => n !== 0, 'there is no level 0: use 1 for the ground floor, -1 for B1'),
  use: floorUse,
  grossArea: squareMetres,
  ceilingHeightM: z.number().positive().max(20),
  floorToFloorM: z.number().positive().max(25),
  floorLoadKnPerSqm: z.number().positive().max(50),
  outline: planRing,
  features: z.array(z.object({ kind: planFeatureKind, outline: planRing, label: localizedText.optional() })),
  sample: z.boolean(),
});

const fitOut = z.enum(['bare', 'standard', 'furnished']);
export const compass = z.enum(['N', 'E', 'S', 'W']);
export const unitKind = z.enum(['office', 'lab', 'studio', 'showroom', 'retail', 'whole-floor']);
/** The statuses the catalog may start a unit in; holds and reservations only ever come from the database. */
const initialStatus = z.enum(['available', 'leased', 'unavailable']);

export const unit = z.object({
  id: z.string().regex(/^[a-z0-9]+-[a-z0-9]+$/, 'use the form <building code>-<number>, e.g. r1-0501'),
  building: slug,
  level: z.number().int(),
  number: z.string().min(1),
  kind: unitKind,
  grossArea: squareMetres,
  usableArea: squareMetres.optional(),
  ceilingHeightM: z.number().positive().max(20),
  floorLoadKnPerSqm: z.number().positive().max(50),
  powerKva: z.number().positive(),
  fitOut: fitOut,
  orientation: z.array(compass).min(1).max(4),
  freightLiftAccess: z.boolean(),
  listRentPerSqmDay: decimalPrice,
  rentIncludesTax: z.boolean(),
  rentIncludesPropertyFee: z.boolean(),
  availableFrom: isoDate,
  initialStatus,
  outline: planRing,
  features: z.array(localizedText).default([]),
  /** A fixed reservation deposit for this unit, in whole yuan; without it the configured rule applies. */
  depositYuan: z.number().int().positive().max(1_000_000).optional(),
  sample: z.boolean(),
});

const amenityCategory = z.enum([
  'dining',
  'cafe',
  'meeting',
  'fitness',
  'health',
  'services',
  'retail',
  'parking',
  'courtyard',
]);

export const amenity = z.object({
  id: slug,
  building: slug,
  level: z.number().int(),
  category: amenityCategory,
  name: localizedText,
  description: localizedText,
  hours: localizedText.optional(),
  capacity: localizedText.optional(),
  area: squareMetres.optional(),
  outline: planRing.optional(),
  sample: z.boolean(),
});

const placeCategory = z.enum(['shopping', 'health', 'education', 'transport']);

export const place = z
  .object({
    id: slug,
    category: placeCategory,
    kind: z.enum(['point', 'line']),
    name: localizedText,
    description: localizedText,
    /** One coordinate for a point, a polyline for a road. */
    coordinates: z.array(latLng).min(1),
    approximate: z.boolean(),
    source: sourceRef,
  })
  .refine((p) => (p.kind === 'line' ? p.coordinates.length >= 2 : p.coordinates.length === 1), {
    message: 'a point has exactly one coordinate, a line at least two',
    path: ['coordinates'],
  });

/** A GeoJSON position, [longitude, latitude]; turned into our [lat, lng] order once read. */
const lngLat = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .transform(([lng, lat]) => [lat, lng] as [number, number]);

const baseGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: lngLat }),
  z.object({
    type: z.literal('LineString'),
    coordinates: z.array(lngLat).min(2, 'a line needs at least two positions'),
  }),
  z.object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(lngLat).min(4, 'a closed ring needs at least four positions')).min(1),
  }),
]);

const baseFeatureKind = z.enum([
  'green',
  'water',
  'road',
  'ring-road',
  'metro-line',
  'metro-link',
  'metro-station',
  'area-label',
]);

/** One drawn feature of the offline base map; `approximate` must be true until park staff survey it. */
const baseFeature = z.object({
  type: z.literal('Feature'),
  id: slug,
  properties: z.object({
    kind: baseFeatureKind,
    name: localizedText.optional(),
    approximate: z.literal(true, 'every base-map feature is drawn from public knowledge: mark it "approximate": true'),
  }),
  geometry: baseGeometry,
});

/** data/base-map.json: the schematic offline base under the campus map, a GeoJSON FeatureCollection. */
export const baseMap = z.object({
  type: z.literal('FeatureCollection'),
  note: localizedText,
  features: z.array(baseFeature).min(1),
});

/** A company profile a support policy asks about (data/policies.json `profiles`): "little giant", high-tech… */
export const policyProfile = z.object({ key: slug, name: localizedText });

/** What a policy gives towards the rent, for the unit page's arithmetic. */
const policyGives = z.discriminatedUnion('kind', [
  /** A share of the rent, capped per m² per day. */
  z.object({
    kind: z.literal('rent-share'),
    percent: z.number().int().min(1).max(100),
    capPerSqmDay: decimalPrice,
    months: z.number().int().min(1).max(120),
  }),
  /** A fixed amount per m² per day (never more than the rent). */
  z.object({ kind: z.literal('rent-per-sqm-day'), perSqmDay: decimalPrice, months: z.number().int().min(1).max(120) }),
]);

/**
 * A support policy (issue 17): who issues it, who may qualify (any one of the listed profile sets, each needing all
 * its profiles), what it gives, the official source and its validity. `sample` until the park supplies its own.
 */
export const policy = z
  .object({
    id: slug,
    sample: z.boolean(),
    name: localizedText,
    issuer: localizedText,
    who: localizedText,
    qualifies: z.array(z.array(slug).min(1)).min(1),
    gives: policyGives,
    what: localizedText,
    source: z.object({ url: z.url({ protocol: /^https$/ }), title: localizedText }),
    validFrom: isoDate,
    validTo: isoDate,
  })
  .refine((p) => p.validFrom <= p.validTo, { path: ['validTo'], message: 'ends before it starts' });

export type Park = z.infer<typeof park>;
export type PolicyProfile = z.infer<typeof policyProfile>;
export type Policy = z.infer<typeof policy>;
export type Building = z.infer<typeof building>;
export type Floor = z.infer<typeof floor>;
export type Unit = z.infer<typeof unit>;
export type Amenity = z.infer<typeof amenity>;
export type Place = z.infer<typeof place>;
export type BaseMap = z.infer<typeof baseMap>;
export type BaseFeatureKind = z.infer<typeof baseFeatureKind>;
