/**
 * The OpenAPI 3.1 description of the public read API, served at /api/v1/openapi.json. Enumerations come from
 * the same constants the code uses; tests validate this document and check live answers against its schemas.
 */
import { FIT_OUTS, SORTS, STATUS_FILTERS } from '../../lib/unit-search-params.ts';
import { unitStatus } from '../db/schema.ts';
import { buildingKind, compass, unitKind } from '../catalog/schemas.ts';

const localized = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
};
const decimal = { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$', description: 'An exact decimal in yuan, as text.' };
const etagHeaders = {
  ETag: { description: 'Strong validator of the body; send it back in If-None-Match.', schema: { type: 'string' } },
  'Cache-Control': { schema: { type: 'string', const: 'public, no-cache' } },
  'Access-Control-Allow-Origin': { schema: { type: 'string', const: '*' } },
};
const notModified = {
  description: 'Not modified since the ETag in If-None-Match.',
  headers: { ETag: etagHeaders.ETag },
};
const ifNoneMatch = { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } };
const q = (name: string, schema: object, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fengtai Aerospace Innovation Center — public listings API',
      version: '1.0.0',
      description:
        'Live availability of the park’s buildings and units. Read-only, open to any origin (CORS), revalidate with ETag.',
    },
    servers: [{ url: new URL('/api/v1', serverUrl).href }],
    paths: {
      '/buildings': {
        get: {
          operationId: 'listBuildings',
          summary: 'Buildings with live availability',
          parameters: [ifNoneMatch],
          responses: {
            '200': {
              description: 'The buildings',
              headers: etagHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/BuildingList' } } },
            },
            '304': notModified,
          },
        },
      },
      '/units': {
        get: {
          operationId: 'searchUnits',
          summary: 'Search units with the filters of the search page',
          parameters: [
            ifNoneMatch,
            q('building', { type: 'string', pattern: '^[a-z0-9-]{1,40}$' }, 'Building slug'),
            q('minFloor', { type: 'integer' }, 'Lowest level (1 = ground, -1 = B1)'),
            q('maxFloor', { type: 'integer' }, 'Highest level'),
            q('minArea', { type: 'number', minimum: 0 }, 'Smallest gross area, m²'),
            q('maxArea', { type: 'number', minimum: 0 }, 'Largest gross area, m²'),
            q('minRent', decimal, 'Lowest list rent, CNY/m²/day'),
            q('maxRent', decimal, 'Highest list rent, CNY/m²/day'),
            q(
              'fitOut',
              { type: 'string', description: `Comma-separated: ${FIT_OUTS.join(', ')}` },
              'Handover standards',
            ),
            q(
              'availableBy',
              { type: 'string', pattern: '^\\d{4}-\\d{2}(-\\d{2})?$' },
              'Available on or before this day (YYYY-MM-DD) or by the end of this month (YYYY-MM); counts leased units whose public lease end frees them by then',
            ),
            q('minLoad', { type: 'number' }, 'Floor load at least, kN/m²'),
            q('minCeiling', { type: 'number' }, 'Clear height at least, m'),
            q('minPower', { type: 'number' }, 'Power at least, kVA'),
            q(
              'status',
              { type: 'string', enum: [...STATUS_FILTERS], default: 'available' },
              'Only available units, or all',
            ),
            q('sort', { type: 'string', enum: [...SORTS], default: 'rent-asc' }, 'Order'),
            q('page', { type: 'integer', minimum: 1, default: 1 }, 'Page of results'),
          ],
          responses: {
            '200': {
              description: 'Matching units',
              headers: etagHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/UnitList' } } },
            },
            '304': notModified,
            '400': {
              description: 'Some parameters are not valid: `error.code` is `invalid`, `errors` names each one',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
      '/units/{id}': {
        get: {
          operationId: 'getUnit',
          summary: 'One unit with its live state',
          parameters: [
            ifNoneMatch,
            { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } },
          ],
          responses: {
            '200': {
              description: 'The unit',
              headers: etagHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Unit' } } },
            },
            '304': notModified,
            '404': {
              description: 'No such unit',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
      '/tour-slots': {
        get: {
          operationId: 'listTourSlots',
          summary: 'Free times to tour the park, in Beijing time (no names, no personal data)',
          description:
            'Tours are booked with the tenant’s own link (POST /api/tours with its token); times fall on China’s official working days within the agents’ touring hours, at least two hours ahead.',
          parameters: [
            ifNoneMatch,
            {
              name: 'units',
              in: 'query',
              description: 'Up to 10 unit ids, comma-separated',
              schema: { type: 'string' },
            },
            { name: 'building', in: 'query', description: 'A building id or slug', schema: { type: 'string' } },
            {
              name: 'from',
              in: 'query',
              description: 'First day (Beijing), today to 60 days ahead; today by default',
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'days',
              in: 'query',
              description: 'How many days, 1–31; 14 by default',
              schema: { type: 'integer', minimum: 1, maximum: 31 },
            },
          ],
          responses: {
            '200': {
              description: 'The free times',
              headers: etagHeaders,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/TourSlotList' } } },
            },
            '304': notModified,
            '400': {
              description: 'A parameter is not valid (each one named in `errors`)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Localized: localized,
        Unit: {
          type: 'object',
          additionalProperties: false,
          required: [
            'id',
            'building',
            'level',
            'number',
            'kind',
            'grossArea',
            'usableArea',
            'ceilingHeightM',
            'floorLoadKnPerSqm',
            'powerKva',
            'fitOut',
            'orientation',
            'freightLiftAccess',
            'status',
            'availableFrom',
            'listRentPerSqmDay',
            'rentIncludesTax',
            'rentIncludesPropertyFee',
            'rentPerMonthFen',
            'rentPerYearFen',
            'sample',
            'name',
            'plan',
          ],
          properties: {
            id: { type: 'string' },
            building: {
              type: 'object',
              additionalProperties: false,
              required: ['slug', 'code', 'name'],
              properties: {
                slug: { type: 'string' },
                code: { type: 'string' },
                name: { $ref: '#/components/schemas/Localized' },
              },
            },
            level: { type: 'integer' },
            number: { type: 'string' },
            kind: { type: 'string', enum: [...unitKind.options] },
            grossArea: { type: 'number', description: 'm²' },
            usableArea: { type: ['number', 'null'], description: 'm²' },
            ceilingHeightM: { type: 'number' },
            floorLoadKnPerSqm: { type: 'number' },
            powerKva: { type: 'number' },
            fitOut: { type: 'string', enum: [...FIT_OUTS] },
            orientation: { type: 'array', items: { type: 'string', enum: [...compass.options] } },
            freightLiftAccess: { type: 'boolean' },
            status: { type: 'string', enum: [...unitStatus.enumValues] },
            availableFrom: {
              type: ['string', 'null'],
              format: 'date',
              description:
                'The day it can be moved into. For a leased unit, the day its lease is expected to end (when the park made that public and it is within a year); null otherwise',
            },
            listRentPerSqmDay: { ...decimal, description: 'List rent, CNY per m² per day' },
            rentIncludesTax: { type: 'boolean' },
            rentIncludesPropertyFee: { type: 'boolean' },
            rentPerMonthFen: { type: 'integer', description: 'Whole-unit rent per month in fen (1/100 CNY)' },
            rentPerYearFen: { type: 'integer' },
            sample: { type: 'boolean', description: 'True while the figures are sample data, not the park’s own' },
            name: {
              $ref: '#/components/schemas/Localized',
              description: 'Display name: building, floor and unit number',
            },
            plan: {
              type: ['object', 'null'],
              description:
                'Plan thumbnail: SVG viewBox and polygon points of the floor, the unit and the cores (north up)',
              additionalProperties: false,
              required: ['viewBox', 'floor', 'unit', 'features', 'centre'],
              properties: {
                viewBox: { type: 'string' },
                floor: { type: 'string' },
                unit: { type: 'string' },
                features: { type: 'array', items: { type: 'string' } },
                centre: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
              },
            },
          },
        },
        UnitList: {
          type: 'object',
          additionalProperties: false,
          required: ['total', 'page', 'pageCount', 'pageSize', 'units'],
          properties: {
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageCount: { type: 'integer' },
            pageSize: { type: 'integer' },
            units: { type: 'array', items: { $ref: '#/components/schemas/Unit' } },
          },
        },
        Building: {
          type: 'object',
          additionalProperties: false,
          required: [
            'id',
            'slug',
            'code',
            'kind',
            'name',
            'tagline',
            'grossArea',
            'floorsAboveGround',
            'floorsBelowGround',
            'heightM',
            'propertyFeePerSqmMonth',
            'availability',
            'sample',
          ],
          properties: {
            id: { type: 'string' },
            slug: { type: 'string' },
            code: { type: 'string' },
            kind: { type: 'string', enum: [...buildingKind.options] },
            name: { $ref: '#/components/schemas/Localized' },
            tagline: { $ref: '#/components/schemas/Localized' },
            grossArea: { type: 'number' },
            floorsAboveGround: { type: 'integer' },
            floorsBelowGround: { type: 'integer' },
            heightM: { type: 'number' },
            propertyFeePerSqmMonth: decimal,
            availability: {
              type: 'object',
              additionalProperties: false,
              required: ['unitCount', 'availableUnits', 'leasableArea', 'availableArea', 'lowestRentPerSqmDay'],
              properties: {
                unitCount: { type: 'integer' },
                availableUnits: { type: 'integer' },
                leasableArea: { type: 'number' },
                availableArea: { type: 'number' },
                lowestRentPerSqmDay: { oneOf: [decimal, { type: 'null' }] },
              },
            },
            sample: { type: 'boolean' },
          },
        },
        TourSlotList: {
          type: 'object',
          additionalProperties: false,
          required: ['timeZone', 'from', 'days', 'slots'],
          properties: {
            timeZone: { type: 'string', const: 'Asia/Shanghai' },
            from: { type: 'string', format: 'date' },
            days: { type: 'integer' },
            slots: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['start', 'end', 'minutes'],
                properties: {
                  start: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}\\+08:00$' },
                  end: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}\\+08:00$' },
                  minutes: { type: 'integer', minimum: 15 },
                },
              },
            },
          },
        },
        BuildingList: {
          type: 'object',
          additionalProperties: false,
          required: ['buildings'],
          properties: { buildings: { type: 'array', items: { $ref: '#/components/schemas/Building' } } },
        },
        // Every error answer of the portal has this shape (src/server/errors/error-catalogue.ts).
        Error: {
          type: 'object',
          required: ['error', 'errors'],
          properties: {
            error: {
              type: 'object',
              description: 'Why the request was refused: a stable code and a message in both languages',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { $ref: '#/components/schemas/Localized' } },
            },
            errors: {
              type: 'array',
              description: 'The problem of each field or parameter at fault; empty when none is',
              items: {
                type: 'object',
                required: ['field', 'code', 'message'],
                properties: {
                  field: { type: 'string' },
                  code: { type: 'string' },
                  message: { $ref: '#/components/schemas/Localized' },
                },
              },
            },
          },
        },
      },
    },
  };
}
