/**
 * Writes the *sample* part of the catalog (buildings, floors, units, amenities) into data/.
 *
 * The source (shared/PARK_FACTS.md) states only the total: 78,000 m² in three R&D buildings and one service
 * building. Everything this script invents is marked `"sample": true`, so park staff can replace it file by file.
 * It is deterministic: the same script always writes the same files. Run it only to regenerate the sample;
 * once staff edit data/ by hand, that data is the source of truth and this script is no longer needed.
 *
 *   node scripts/generate-sample-catalog.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { polygonArea, type Point } from '../src/lib/geometry.ts';
import { formatCatalogJson } from './lib/format-catalog-json.ts';

const dataDir = join(import.meta.dirname, '..', 'data');

/** Approximate campus centre (WGS-84), north of the West South 4th Ring beside Huaxiang Dongqiao station. */
const CENTER: Point = [39.83, 116.3152];
const METRES_PER_DEG_LAT = 111_320;
const METRES_PER_DEG_LNG = 111_320 * Math.cos((CENTER[0] * Math.PI) / 180);

function toLatLng([x, y]: Point): [number, number] {
  const lat = CENTER[0] + y / METRES_PER_DEG_LAT;
  const lng = CENTER[1] + x / METRES_PER_DEG_LNG;
  return [Number(lat.toFixed(6)), Number(lng.toFixed(6))];
}

function rect(x0: number, y0: number, x1: number, y1: number): Point[] {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Small deterministic PRNG (mulberry32) so the sample is stable between runs. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20230617); // construction started 2019-06-17; the seed only needs to be fixed

// ---------------------------------------------------------------------------------------------------------------
// Buildings

interface PlateSpec {
  width: number;
  depth: number;
  rowDepth: number;
  coreWidth: number;
}

interface BuildingSpec {
  id: string;
  code: string;
  kind: 'rnd' | 'service';
  center: Point;
  plate: PlateSpec;
  levels: LevelSpec[];
  baseRent: number;
  freightLiftTopLevel: number;
  passengerLifts: number;
  freightLifts: number;
  propertyFee: string;
  name: { zh: string; en: string };
  tagline: { zh: string; en: string };
  description: { zh: string; en: string };
}

type Layout =
  | { type: 'lobby' }
  | { type: 'rows'; south: number[]; north: number[] }
  | { type: 'half'; south: number[]; north: number[] }
  | { type: 'whole' }
  | { type: 'amenity'; shops?: Array<[number, number, number, number]> };

interface LevelSpec {
  level: number;
  layout: Layout;
  grade: 'lobby' | 'lab' | 'standard' | 'top' | 'service';
}

const even = (n: number) => Array.from({ length: n }, () => 1);

function rndLevels(total: number, middle: Array<Layout>): LevelSpec[] {
  const levels: LevelSpec[] = [{ level: 1, layout: { type: 'lobby' }, grade: 'lobby' }];
  for (let level = 2; level <= total; level++) {
    const layout = middle[level - 2]!;
    const grade = level <= 3 ? 'lab' : level === total ? 'top' : 'standard';
    levels.push({ level, layout, grade });
  }
  return levels;
}

const rndPlate: PlateSpec = { width: 62.5, depth: 30, rowDepth: 11, coreWidth: 18 };

const buildings: BuildingSpec[] = [
  {
    id: 'rd-1',
    code: 'R1',
    kind: 'rnd',
    center: [-80, 35],
    plate: rndPlate,
    baseRent: 5.2,
    freightLiftTopLevel: 12,
    passengerLifts: 6,
    freightLifts: 1,
    propertyFee: '28.00',
    name: { zh: '科研1号楼', en: 'R&D Building 1' },
    tagline: { zh: '紧邻地铁出入口的旗舰研发楼', en: 'The flagship R&D tower beside the metro entrance' },
    description: {
      zh: '园区西侧的旗舰科研楼，首层挑高展厅直面主入口，二、三层为高荷载实验层，标准层可整层或分层租赁，适合卫星通信与导航企业设立研发总部。',
      en: 'The flagship R&D building on the west side of the campus. A double-height showroom floor faces the main entrance, levels 2 and 3 carry heavy laboratory loads, and the standard floors lease whole or in parts: a natural headquarters for satellite communications and navigation companies.',
    },
    levels: rndLevels(12, [
      { type: 'rows', south: even(4), north: even(4) },
      { type: 'rows', south: [2, 1, 1], north: even(4) },
      { type: 'rows', south: even(8), north: even(8) },
      { type: 'rows', south: even(6), north: even(6) },
      { type: 'rows', south: [1, 1, 2, 1, 1], north: even(5) },
      { type: 'half', south: even(3), north: even(3) },
      { type: 'rows', south: even(4), north: [1, 2, 1] },
      { type: 'rows', south: even(3), north: even(3) },
      { type: 'half', south: even(2), north: even(2) },
      { type: 'whole' },
      { type: 'whole' },
    ]),
  },
  {
    id: 'rd-2',
    code: 'R2',
    kind: 'rnd',
    center: [0, 35],
    plate: rndPlate,
    baseRent: 5.0,
    freightLiftTopLevel: 12,
    passengerLifts: 6,
    freightLifts: 1,
    propertyFee: '28.00',
    name: { zh: '科研2号楼', en: 'R&D Building 2' },
    tagline: {
      zh: '面向阶梯中庭与下沉庭院的中心楼',
      en: 'The central building over the stepped atrium and sunken courtyard',
    },
    description: {
      zh: '位于园区中轴，南望下沉庭院与阶梯中庭。楼层以中小面积研发单元为主，适合成长期遥感与卫星应用企业灵活扩租。',
      en: 'On the central axis of the campus, looking south over the sunken courtyard and the stepped atrium. Mostly small and mid-sized R&D suites, so growing remote-sensing and satellite-application teams can expand floor by floor.',
    },
    levels: rndLevels(12, [
      { type: 'rows', south: even(3), north: even(3) },
      { type: 'rows', south: even(4), north: [1, 1, 2] },
      { type: 'rows', south: even(10), north: even(10) },
      { type: 'rows', south: even(7), north: even(6) },
      { type: 'rows', south: even(5), north: even(5) },
      { type: 'rows', south: [2, 1, 1, 1], north: even(4) },
      { type: 'half', south: even(3), north: even(2) },
      { type: 'rows', south: even(4), north: even(4) },
      { type: 'rows', south: even(3), north: even(2) },
      { type: 'half', south: [1], north: [1] },
      { type: 'whole' },
    ]),
  },
  {
    id: 'rd-3',
    code: 'R3',
    kind: 'rnd',
    center: [80, 35],
    plate: { width: 60, depth: 30, rowDepth: 11, coreWidth: 18 },
    baseRent: 4.6,
    freightLiftTopLevel: 6,
    passengerLifts: 4,
    freightLifts: 1,
    propertyFee: '26.00',
    name: { zh: '科研3号楼', en: 'R&D Building 3' },
    tagline: { zh: '安静的东侧研发楼，适合整层总部', en: 'The quiet east building, made for whole-floor headquarters' },
    description: {
      zh: '园区东端，远离主路更为安静。大面积整层与半层单元为主，适合需要独立门禁与整层形象的企业总部及研究院。',
      en: 'At the quiet eastern end of the campus, away from the main road. Mostly whole and half floors, for company headquarters and research institutes that want their own access control and a floor of their own.',
    },
    levels: rndLevels(10, [
      { type: 'rows', south: even(3), north: even(3) },
      { type: 'rows', south: even(3), north: even(2) },
      { type: 'rows', south: even(5), north: even(5) },
      { type: 'half', south: even(3), north: even(2) },
      { type: 'half', south: even(2), north: even(2) },
      { type: 'rows', south: even(3), north: even(3) },
      { type: 'whole' },
      { type: 'whole' },
      { type: 'whole' },
    ]),
  },
  {
    id: 'service',
    code: 'SV',
    kind: 'service',
    center: [0, -42],
    plate: { width: 75, depth: 40, rowDepth: 14, coreWidth: 15 },
    baseRent: 5.4,
    freightLiftTopLevel: 4,
    passengerLifts: 4,
    freightLifts: 1,
    propertyFee: '28.00',
    name: { zh: '配套服务楼', en: 'Service Building' },
    tagline: {
      zh: '餐饮、会议、健身与企业服务，一楼汇集',
      en: 'Dining, conferences, fitness and enterprise services under one roof',
    },
    description: {
      zh: '园区的共享客厅：地下一层餐厅与咖啡连通下沉庭院，二层会议中心可承办路演与发布会，三层健身与健康服务，四层为初创企业的灵活办公套间。',
      en: 'The campus living room: the canteen and café on B1 open onto the sunken courtyard, the conference centre on level 2 hosts roadshows and launches, level 3 has fitness and health services, and level 4 holds flexible suites for start-ups.',
    },
    levels: [
      { level: -1, layout: { type: 'amenity' }, grade: 'service' },
      {
        level: 1,
        layout: {
          type: 'amenity',
          shops: [
            [30, 26, 52.5, 40],
            [52.5, 26, 75, 40],
          ],
        },
        grade: 'service',
      },
      { level: 2, layout: { type: 'amenity' }, grade: 'service' },
      { level: 3, layout: { type: 'amenity' }, grade: 'service' },
      { level: 4, layout: { type: 'rows', south: even(4), north: even(3) }, grade: 'standard' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Floor plans

interface PlannedUnit {
  outline: Point[];
  usableArea: number;
  row: 'south' | 'north' | 'both';
  shape: 'row' | 'half' | 'whole' | 'lobby';
  isWestEnd: boolean;
  isEastEnd: boolean;
}

/** Splits a length into parts by weight, on a 0.25 m grid; the last part takes the rounding. */
function split(length: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.round(((length * w) / total) * 4) / 4);
  parts[parts.length - 1] = round2(length - parts.slice(0, -1).reduce((a, b) => a + b, 0));
  return parts;
}

function rowUnits(plate: PlateSpec, x0: number, x1: number, row: 'south' | 'north', weights: number[]): PlannedUnit[] {
  const [y0, y1] = row === 'south' ? [0, plate.rowDepth] : [plate.depth - plate.rowDepth, plate.depth];
  const widths = split(x1 - x0, weights);
  // South row runs west → east, north row east → west, so numbers go clockwise round the floor.
  const ordered = row === 'south' ? widths : [...widths].reverse();
  let x = x0;
  const units = ordered.map((w, i) => {
    const outline = rect(round2(x), y0, round2(x + w), y1);
    x += w;
    return {
      outline,
      usableArea: round2(polygonArea(outline)),
      row,
      shape: 'row' as const,
      isWestEnd: i === 0 && x0 === 0,
      isEastEnd: i === ordered.length - 1 && x1 === plate.width,
    };
  });
  return row === 'south' ? units : units.reverse();
}

function coreSpan(plate: PlateSpec): [number, number] {
  const x0 = (plate.width - plate.coreWidth) / 2;
  return [round2(x0), round2(x0 + plate.coreWidth)];
}

function planFeatures(plate: PlateSpec, level: number, isService: boolean) {
  const [cx0, cx1] = coreSpan(plate);
  const y0 = plate.rowDepth;
  const y1 = plate.depth - plate.rowDepth;
  const third = (cx1 - cx0) / 3;
  const features: Array<{ kind: string; outline: Point[]; label?: { zh: string; en: string } }> = [
    { kind: 'core', outline: rect(cx0, y0, cx1, y1), label: { zh: '核心筒', en: 'Core' } },
    { kind: 'lift', outline: rect(cx0, y0, round2(cx0 + third), y1), label: { zh: '客梯', en: 'Lifts' } },
    {
      kind: 'freight-lift',
      outline: rect(round2(cx0 + third), y0, round2(cx0 + 1.6 * third), y1),
      label: { zh: '货梯', en: 'Freight lift' },
    },
    { kind: 'toilet', outline: rect(round2(cx0 + 1.6 * third), y0, cx1, y1), label: { zh: '卫生间', en: 'WC' } },
    { kind: 'stair', outline: rect(0, y0, 3.5, y1), label: { zh: '楼梯', en: 'Stair' } },
    {
      kind: 'stair',
      outline: rect(round2(plate.width - 3.5), y0, plate.width, y1),
      label: { zh: '楼梯', en: 'Stair' },
    },
  ];
  if (level === 1 && !isService) {
    features.push({
      kind: 'lobby',
      outline: rect(18, 0, round2(plate.width - 18), plate.rowDepth),
      label: { zh: '大堂', en: 'Lobby' },
    });
  }
  return features;
}

/** Units of one floor, with usable areas; gross areas are apportioned afterwards. */
function planUnits(plate: PlateSpec, layout: Layout): PlannedUnit[] {
  const W = plate.width;
  const D = plate.depth;
  const [cx0] = coreSpan(plate);
  switch (layout.type) {
    case 'amenity':
      return (layout.shops ?? []).map(([x0, y0, x1, y1], i, all) => {
        const outline = rect(x0, y0, x1, y1);
        return {
          outline,
          usableArea: round2(polygonArea(outline)),
          row: 'north' as const,
          shape: 'row' as const,
          isWestEnd: false,
          isEastEnd: i === all.length - 1,
        };
      });
    case 'whole': {
      const outline = rect(0, 0, W, D);
      const coreAndStairs = plate.coreWidth * (D - 2 * plate.rowDepth) + 2 * 3.5 * (D - 2 * plate.rowDepth);
      return [
        {
          outline,
          usableArea: round2(W * D - coreAndStairs),
          row: 'both',
          shape: 'whole',
          isWestEnd: true,
          isEastEnd: true,
        },
      ];
    }
    case 'half': {
      // The west half wraps round the west end of the core as a C shape; the east half is split into suites.
      const mid = W / 2;
      const outline: Point[] = [
        [0, 0],
        [mid, 0],
        [mid, plate.rowDepth],
        [cx0, plate.rowDepth],
        [cx0, D - plate.rowDepth],
        [mid, D - plate.rowDepth],
        [mid, D],
        [0, D],
      ];
      const stair = 3.5 * (D - 2 * plate.rowDepth);
      const west = {
        outline,
        usableArea: round2(polygonArea(outline) - stair),
        row: 'both' as const,
        shape: 'half' as const,
        isWestEnd: true,
        isEastEnd: false,
      };
      return [
        west,
        ...rowUnits(plate, mid, W, 'south', layout.south),
        ...rowUnits(plate, mid, W, 'north', layout.north),
      ];
    }
    case 'lobby': {
      const west = rect(0, 0, 18, D);
      const east = rect(round2(W - 18), 0, W, D);
      const north = rect(18, round2(D - plate.rowDepth), round2(W - 18), D);
      const stair = 3.5 * (D - 2 * plate.rowDepth);
      return [
        {
          outline: west,
          usableArea: round2(polygonArea(west) - stair),
          row: 'both',
          shape: 'lobby',
          isWestEnd: true,
          isEastEnd: false,
        },
        {
          outline: north,
          usableArea: round2(polygonArea(north)),
          row: 'north',
          shape: 'lobby',
          isWestEnd: false,
          isEastEnd: false,
        },
        {
          outline: east,
          usableArea: round2(polygonArea(east) - stair),
          row: 'both',
          shape: 'lobby',
          isWestEnd: false,
          isEastEnd: true,
        },
      ];
    }
    case 'rows':
      return [...rowUnits(plate, 0, W, 'south', layout.south), ...rowUnits(plate, 0, W, 'north', layout.north)];
  }
}

/** Gross area of each unit: its usable area plus its share of the floor's common area (公摊), in proportion. */
function apportion(floorGross: number, usable: number[]): number[] {
  const total = usable.reduce((a, b) => a + b, 0);
  const gross = usable.map((u) => round2((u * floorGross) / total));
  gross[gross.length - 1] = round2(floorGross - gross.slice(0, -1).reduce((a, b) => a + b, 0));
  return gross;
}

// ---------------------------------------------------------------------------------------------------------------
// Units

const gradeSpecs = {
  lobby: { ceiling: 5.4, floorToFloor: 6.0, load: 10.0 },
  lab: { ceiling: 3.6, floorToFloor: 4.8, load: 5.0 },
  standard: { ceiling: 3.0, floorToFloor: 4.2, load: 3.5 },
  top: { ceiling: 3.4, floorToFloor: 4.5, load: 3.5 },
  service: { ceiling: 3.2, floorToFloor: 4.5, load: 5.0 },
} as const;

function unitKindOf(planned: PlannedUnit, grade: LevelSpec['grade'], gross: number, isService: boolean): string {
  if (planned.shape === 'whole') return 'whole-floor';
  if (planned.shape === 'lobby') return planned.row === 'north' ? 'lab' : 'showroom';
  if (grade === 'service') return 'retail';
  if (isService) return gross < 120 ? 'studio' : 'office';
  if (grade === 'lab') return 'lab';
  return gross < 125 ? 'studio' : 'office';
}

function rentFor(spec: BuildingSpec, level: number, kind: string, planned: PlannedUnit): string {
  let rent = spec.baseRent;
  if (level >= 5) rent += 0.04 * (level - 4);
  if (kind === 'studio') rent += 0.8;
  if (kind === 'lab') rent += 0.3;
  if (kind === 'showroom') rent = 7.2;
  if (kind === 'retail') rent = 8.0;
  if (kind === 'whole-floor') rent -= 0.4;
  if (planned.shape === 'half') rent -= 0.2;
  if (planned.row === 'north') rent -= 0.1;
  return (Math.round(rent * 20) / 20).toFixed(2);
}

function fitOutFor(kind: string, gross: number): string {
  if (kind === 'studio') return 'furnished';
  if (kind === 'lab' || kind === 'whole-floor') return 'bare';
  if (kind === 'showroom' || gross < 300) return 'standard';
  return random() < 0.5 ? 'bare' : 'standard';
}

function orientationFor(planned: PlannedUnit): string[] {
  if (planned.shape === 'whole') return ['S', 'N', 'E', 'W'];
  const sides = planned.row === 'south' ? ['S'] : planned.row === 'north' ? ['N'] : ['S', 'N'];
  if (planned.isWestEnd) sides.push('W');
  if (planned.isEastEnd) sides.push('E');
  return sides.slice(0, 4);
}

function statusFor(kind: string): { initialStatus: string; availableFrom: string } {
  const roll = random();
  if (kind !== 'whole-floor' && roll < 0.3) {
    return {
      initialStatus: 'leased',
      availableFrom: ['2027-12-01', '2028-06-01', '2029-01-01'][Math.floor(random() * 3)]!,
    };
  }
  if (roll > 0.96) return { initialStatus: 'unavailable', availableFrom: '2027-03-01' };
  const later = ['2027-01-01', '2027-03-01', '2027-06-01'];
  return {
    initialStatus: 'available',
    availableFrom: random() < 0.65 ? '2026-11-01' : later[Math.floor(random() * later.length)]!,
  };
}

const unitFeatureTexts = {
  studio: { zh: '拎包入驻，含工位与会议桌', en: 'Move-in ready, with workstations and a meeting table' },
  lab: { zh: '高荷载楼板与独立排风预留', en: 'Heavy-load slab with provision for separate exhaust' },
  showroom: { zh: '首层挑高，可直接对外展示', en: 'Double-height ground floor with its own street presence' },
  wholeFloor: { zh: '整层独享，可设独立门禁', en: 'A whole floor of your own, with its own access control' },
  south: { zh: '南向采光，全玻幕墙', en: 'South light through the full-glass curtain wall' },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Service building amenities (all sample)

function serviceAmenities(plate: PlateSpec) {
  const D = plate.depth;
  const r = plate.rowDepth;
  const W = plate.width;
  const north = (x0: number, x1: number) => rect(x0, D - r, x1, D);
  const a = (
    id: string,
    level: number,
    category: string,
    outline: Point[],
    name: [string, string],
    description: [string, string],
    hours?: [string, string],
    capacity?: [string, string],
  ) => ({
    id,
    building: 'service',
    level,
    category,
    name: { zh: name[0], en: name[1] },
    description: { zh: description[0], en: description[1] },
    ...(hours ? { hours: { zh: hours[0], en: hours[1] } } : {}),
    ...(capacity ? { capacity: { zh: capacity[0], en: capacity[1] } } : {}),
    area: round2(polygonArea(outline)),
    outline,
    sample: true,
  });
  return [
    a(
      'staff-canteen',
      -1,
      'dining',
      rect(0, 0, 45, r),
      ['员工餐厅', 'Staff canteen'],
      [
        '自助与档口结合的员工餐厅，提供早、午、晚三餐，支持园区一卡通与企业统一结算。',
        'A staff canteen with buffet and counters serving breakfast, lunch and dinner; pay with the campus card or settle monthly per company.',
      ],
      ['周一至周五 7:00–9:00、11:00–13:30、17:30–19:30', 'Mon–Fri 7:00–9:00, 11:00–13:30, 17:30–19:30'],
      ['约 400 座', 'About 400 seats'],
    ),
    a(
      'courtyard-cafe',
      -1,
      'cafe',
      north(0, 30),
      ['庭院咖啡', 'Courtyard café'],
      [
        '面向下沉庭院的咖啡厅，适合非正式洽谈与团队小聚。',
        'A café opening onto the sunken courtyard, for informal meetings and team breaks.',
      ],
      ['每日 8:00–20:00', 'Daily 8:00–20:00'],
      ['约 60 座', 'About 60 seats'],
    ),
    a(
      'convenience-store',
      -1,
      'retail',
      rect(45, 0, W, r),
      ['便利店', 'Convenience store'],
      ['日用品、简餐与快递代收。', 'Daily necessities, quick meals and parcel pick-up.'],
      ['每日 7:00–23:00', 'Daily 7:00–23:00'],
    ),
    a(
      'parcel-station',
      -1,
      'services',
      north(30, 45),
      ['快递驿站', 'Parcel station'],
      [
        '快递收发与智能快递柜，园区企业可统一收件。',
        'Parcel drop-off and smart lockers; companies can receive deliveries in one place.',
      ],
      ['每日 8:00–21:00', 'Daily 8:00–21:00'],
    ),
    a(
      'parking',
      -1,
      'parking',
      north(45, W),
      ['地下停车场入口', 'Underground parking entrance'],
      [
        '连通园区地下车库，设充电桩与访客车位，支持车牌识别预约。',
        'Leads to the campus underground car park, with EV chargers and visitor bays booked by number plate.',
      ],
      ['全天', '24 hours'],
    ),
    a(
      'enterprise-service-center',
      1,
      'services',
      rect(0, 0, 30, r),
      ['企业服务中心', 'Enterprise service center'],
      [
        '园区产业服务平台的线下窗口：工商注册、政策申报、知识产权、人才公寓与融资对接。',
        'The front desk of the industry service platform: company registration, policy applications, IP, talent housing and introductions to investors.',
      ],
      ['工作日 9:00–18:00', 'Weekdays 9:00–18:00'],
    ),
    a(
      'main-lobby',
      1,
      'services',
      rect(30, 0, W, r),
      ['服务楼大堂与访客接待', 'Lobby and visitor reception'],
      ['访客登记、园区一卡通办理与失物招领。', 'Visitor registration, campus cards and lost property.'],
      ['每日 7:00–22:00', 'Daily 7:00–22:00'],
    ),
    a(
      'aerospace-exhibition-hall',
      1,
      'services',
      north(0, 30),
      ['航空航天产业展厅', 'Aerospace industry exhibition hall'],
      [
        '展示园区企业卫星通信、导航与遥感成果，可预约企业产品发布。',
        'Shows the satellite communications, navigation and remote-sensing work of companies in the park; bookable for product launches.',
      ],
      ['工作日 9:00–17:00', 'Weekdays 9:00–17:00'],
    ),
    a(
      'conference-hall',
      2,
      'meeting',
      rect(0, 0, 45, r),
      ['多功能报告厅', 'Multi-purpose hall'],
      [
        '可容纳约 300 人的报告厅，配备同传与直播设备，适合发布会、路演与行业论坛。',
        'A hall for about 300 people with interpretation and live-streaming equipment, for launches, roadshows and industry forums.',
      ],
      ['预约使用', 'By booking'],
      ['约 300 人', 'About 300 people'],
    ),
    a(
      'meeting-rooms',
      2,
      'meeting',
      north(0, 45),
      ['共享会议室', 'Shared meeting rooms'],
      [
        '8 间 6–30 人会议室，线上预约，按时计费，配视频会议系统。',
        'Eight rooms for 6 to 30 people, booked online by the hour, with video conferencing.',
      ],
      ['工作日 8:00–21:00', 'Weekdays 8:00–21:00'],
      ['6–30 人', '6 to 30 people'],
    ),
    a(
      'negotiation-rooms',
      2,
      'meeting',
      north(45, W),
      ['商务洽谈室', 'Negotiation rooms'],
      [
        '面向客户接待与商务洽谈的小型会客室，可按半天预约。',
        'Small rooms for receiving clients and negotiating, bookable by the half day.',
      ],
      ['工作日 8:00–21:00', 'Weekdays 8:00–21:00'],
      ['4–10 人', '4 to 10 people'],
    ),
    a(
      'roadshow-room',
      2,
      'meeting',
      rect(45, 0, W, r),
      ['投融资路演室', 'Investor roadshow room'],
      [
        '产业服务平台定期举办投融资对接与路演活动。',
        'Where the industry service platform holds regular investor matchmaking and roadshows.',
      ],
      ['预约使用', 'By booking'],
      ['约 80 人', 'About 80 people'],
    ),
    a(
      'fitness-center',
      3,
      'fitness',
      rect(0, 0, 45, r),
      ['健身中心', 'Fitness center'],
      [
        '器械区、团课教室与淋浴更衣，入驻企业员工可办理优惠会籍。',
        "Gym floor, class studio, showers and changing rooms; tenants' staff get discounted membership.",
      ],
      ['每日 6:30–22:00', 'Daily 6:30–22:00'],
    ),
    a(
      'health-room',
      3,
      'health',
      north(0, 22),
      ['健康驿站', 'Health room'],
      [
        '常备药品、AED 与定期义诊，与周边医院建立绿色通道。',
        'First-aid supplies, an AED and regular check-up days, with a referral channel to nearby hospitals.',
      ],
      ['工作日 9:00–17:30', 'Weekdays 9:00–17:30'],
    ),
    a(
      'parents-room',
      3,
      'health',
      north(22, 30),
      ['母婴室', "Parents' room"],
      ['独立私密的哺乳与休息空间。', 'A private room for nursing and rest.'],
      ['全天', '24 hours'],
    ),
    a(
      'shared-test-lab',
      3,
      'services',
      north(30, W),
      ['共享测试平台', 'Shared test lab'],
      [
        '产业服务平台提供的共享测试设备预约，如卫星导航信号模拟与射频测试仪器。',
        'Shared test equipment booked through the industry service platform, such as GNSS signal simulators and RF test instruments.',
      ],
      ['工作日 9:00–18:00', 'Weekdays 9:00–18:00'],
    ),
    a(
      'rooftop-lounge',
      3,
      'courtyard',
      rect(45, 0, W, r),
      ['共享休息区', 'Shared lounge'],
      ['阅读、休憩与非正式交流的共享空间。', 'A shared space for reading, rest and informal conversations.'],
      ['每日 7:00–22:00', 'Daily 7:00–22:00'],
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Assemble and write

const floorsOut: Record<string, unknown[]> = {};
const unitsOut: Record<string, unknown[]> = {};
const buildingsOut: unknown[] = [];
let amenitiesOut: ReturnType<typeof serviceAmenities> = [];

for (const spec of buildings) {
  const isService = spec.kind === 'service';
  const plateArea = spec.plate.width * spec.plate.depth;
  const floors: unknown[] = [];
  const units: unknown[] = [];
  let height = 0;

  for (const levelSpec of spec.levels) {
    const { level, layout, grade } = levelSpec;
    const g = gradeSpecs[grade];
    if (level > 0) height += g.floorToFloor;
    const use = layout.type === 'amenity' ? 'amenity' : layout.type === 'lobby' ? 'lobby' : 'rnd';
    floors.push({
      id: `${spec.id}-${level < 0 ? `b${-level}` : level}`,
      building: spec.id,
      level,
      use,
      grossArea: plateArea,
      ceilingHeightM: g.ceiling,
      floorToFloorM: g.floorToFloor,
      floorLoadKnPerSqm: g.load,
      outline: rect(0, 0, spec.plate.width, spec.plate.depth),
      features: planFeatures(spec.plate, level, isService),
      sample: true,
    });

    const planned = planUnits(spec.plate, layout);
    // On R&D floors every square metre belongs to some unit (公摊 apportioned); lobby floors keep the lobby common.
    // Shops on an amenity floor carry a fixed 25 % share of common area.
    const leasableGross =
      layout.type === 'lobby'
        ? plateArea * 0.8
        : layout.type === 'amenity'
          ? planned.reduce((sum, p) => sum + p.usableArea * 1.25, 0)
          : plateArea;
    const gross = planned.length
      ? apportion(
          leasableGross,
          planned.map((p) => p.usableArea),
        )
      : [];
    planned.forEach((p, i) => {
      const number = `${level}${String(i + 1).padStart(2, '0')}`;
      const kind = unitKindOf(p, grade, gross[i]!, isService);
      const status = statusFor(kind);
      const features = [];
      if (kind === 'studio') features.push(unitFeatureTexts.studio);
      if (kind === 'lab') features.push(unitFeatureTexts.lab);
      if (kind === 'showroom') features.push(unitFeatureTexts.showroom);
      if (kind === 'whole-floor') features.push(unitFeatureTexts.wholeFloor);
      if (p.row === 'south') features.push(unitFeatureTexts.south);
      const powerDensity = kind === 'lab' ? 0.2 : kind === 'showroom' ? 0.15 : kind === 'studio' ? 0.06 : 0.08;
      units.push({
        id: `${spec.code.toLowerCase()}-${String(level).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`,
        building: spec.id,
        level,
        number,
        kind,
        grossArea: gross[i],
        usableArea: p.usableArea,
        ceilingHeightM: g.ceiling,
        floorLoadKnPerSqm: g.load,
        powerKva: Math.max(5, Math.round(gross[i]! * powerDensity)),
        fitOut: fitOutFor(kind, gross[i]!),
        orientation: orientationFor(p),
        freightLiftAccess: level <= spec.freightLiftTopLevel,
        listRentPerSqmDay: rentFor(spec, level, kind, p),
        rentIncludesTax: true,
        rentIncludesPropertyFee: false,
        ...status,
        outline: p.outline,
        features,
        sample: true,
      });
    });
  }

  if (isService) {
    amenitiesOut = serviceAmenities(spec.plate);
  }

  const above = spec.levels.filter((l) => l.level > 0).length;
  const below = spec.levels.filter((l) => l.level < 0).length;
  const half = (w: number, d: number) =>
    [
      [spec.center[0] - w / 2, spec.center[1] - d / 2],
      [spec.center[0] + w / 2, spec.center[1] - d / 2],
      [spec.center[0] + w / 2, spec.center[1] + d / 2],
      [spec.center[0] - w / 2, spec.center[1] + d / 2],
    ] as Point[];
  buildingsOut.push({
    id: spec.id,
    slug: spec.id,
    code: spec.code,
    kind: spec.kind,
    name: spec.name,
    tagline: spec.tagline,
    description: spec.description,
    grossArea: plateArea * spec.levels.length,
    floorsAboveGround: above,
    floorsBelowGround: below,
    heightM: round2(height + 1.5),
    passengerLifts: spec.passengerLifts,
    freightLifts: spec.freightLifts,
    freightLiftCapacityKg: 2000,
    propertyFeePerSqmMonth: spec.propertyFee,
    footprint: half(spec.plate.width, spec.plate.depth).map(toLatLng),
    sample: true,
  });
  floorsOut[spec.id] = floors;
  unitsOut[spec.id] = units;
}

function write(relative: string, value: unknown, note: string): void {
  const path = join(dataDir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, formatCatalogJson({ $note: note, items: value }));
}

const SAMPLE_NOTE =
  "Sample data written by scripts/generate-sample-catalog.ts: the source states none of these values. Replace with the park's own survey.";
write('buildings.json', buildingsOut, SAMPLE_NOTE);
write('amenities.json', amenitiesOut, SAMPLE_NOTE);
for (const id of Object.keys(floorsOut)) {
  write(`floors/${id}.json`, floorsOut[id], SAMPLE_NOTE);
  write(`units/${id}.json`, unitsOut[id], SAMPLE_NOTE);
}
const unitCount = Object.values(unitsOut).reduce((n, list) => n + list.length, 0);
console.log(
  `wrote ${buildingsOut.length} buildings, ${unitCount} units, ${amenitiesOut.length} amenities to ${dataDir}`,
);
