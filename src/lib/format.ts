/**
 * Display formatting for both languages. Only this file decides how numbers, money, areas and dates look.
 */
import { levelLabel } from './levels.ts';
import type { Lang } from '../i18n/lang.ts';

const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };
const TIME_ZONE = 'Asia/Shanghai';

// Intl formatters are costly to build and pages format hundreds of values: build each kind once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, maxDecimals?: number, minDecimals?: number): Intl.NumberFormat {
  const key = `${lang}:${maxDecimals}:${minDecimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      LOCALES[lang],
      maxDecimals === undefined ? {} : { maximumFractionDigits: maxDecimals, minimumFractionDigits: minDecimals },
    );
    numberFormats.set(key, format);
  }
  return format;
}
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat(LOCALES.zh, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(LOCALES.en, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
};
const beijingDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A number with grouping and up to `maxDecimals` decimals, e.g. 1,875 or 583.81. */
export function formatNumber(value: number, lang: Lang, maxDecimals = 2, minDecimals = 0): string {
  return numberFormat(lang, maxDecimals, minDecimals).format(value);
}

const AREA_UNIT: Record<Lang, string> = { zh: '㎡', en: 'm²' };

/** An area with its unit: "583.81 ㎡" in Chinese, "583.81 m²" in English. */
export function formatArea(squareMetres: number, lang: Lang): string {
  return `${formatNumber(squareMetres, lang)} ${AREA_UNIT[lang]}`;
}

/** An area range with its unit once: "200–400 ㎡"; an open end reads "≥ 200 ㎡" or "≤ 400 ㎡". */
export function formatAreaRange(min: number | null | undefined, max: number | null | undefined, lang: Lang): string {
  if (min && max) return `${formatNumber(min, lang)}–${formatArea(max, lang)}`;
  if (min) return `≥ ${formatArea(min, lang)}`;
  if (max) return `≤ ${formatArea(max, lang)}`;
  return '';
}

/** A number of people: "12 人", "12 people". */
export function formatHeadcount(count: number, lang: Lang): string {
  return lang === 'zh' ? `${formatNumber(count, lang)} 人` : `${formatNumber(count, lang)} people`;
}

/** Names in running text: "北、东" in Chinese, "North, East" in English. */
export function formatList(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** A large area the way each market says it: "7.8万㎡" in Chinese, "78,000 m²" in English. */
export function formatAreaLarge(squareMetres: number, lang: Lang): string {
  if (lang === 'zh' && squareMetres >= 10_000) return `${formatNumber(squareMetres / 10_000, lang, 2)}万㎡`;
  return formatArea(Math.round(squareMetres), lang);
}

/**
 * The one money rule: every amount is shown to the fen, "¥12,345.67", in every table, card, flyer and receipt.
 * Amounts are exact integers of fen and the price note promises totals exact to the fen, so no page may round a
 * month or a year to whole yuan while another shows the fen (there is deliberately no opt-out argument).
 */
export function formatYuan(fen: bigint, lang: Lang): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const grouped = numberFormat(lang).format(abs / 100n);
  return `${negative ? '-' : ''}¥${grouped}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** A price per ㎡ per day from its exact decimal string, always with two decimals: "5.20". */
export function formatRentRate(rentPerSqmDay: string, lang: Lang): string {
  const [whole = '0', fraction = ''] = rentPerSqmDay.split('.');
  const grouped = numberFormat(lang).format(BigInt(whole));
  return `${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** A calendar date (YYYY-MM-DD, a date in Beijing) in the reader's language. */
export function formatDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormats[lang].format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A moment (stored in UTC) as a date and time in Beijing, in the reader's language. */
export function formatDateTime(moment: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(moment);
}

const clockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as the time of day in Beijing, 24-hour "hh:mm" (the same in both languages). */
export function formatClockTime(moment: Date): string {
  return clockFormat.format(moment);
}

let lastDay = { minute: Number.NaN, day: '' };

/** Today's date in Beijing as YYYY-MM-DD. */
export function todayInBeijing(now: Date = new Date()): string {
  // Days start on a whole minute in every time zone, so one answer per minute is exact (and spares formatting
  // on every request: the response cache keys by day).
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastDay.minute) lastDay = { minute, day: beijingDay.format(now) };
  return lastDay.day;
}

/** A unit's commercial status, as stored (the same words as `status` in the messages). */
export type UnitStatusForDisplay = 'available' | 'held' | 'reserved' | 'leased' | 'unavailable';

// Kept here rather than read from src/i18n/messages.ts so that islands using this file do not bundle every
// message of both languages; tests/unit/display-rule.test.ts checks that they equal the messages' words.
const AVAILABILITY_WORDS: Record<Lang, Record<UnitStatusForDisplay | 'now' | 'expected', string>> = {
  zh: {
    now: '即可入驻',
    expected: '已租，预计 {date} 起可租',
    available: '可租',
    held: '锁定中',
    reserved: '已预订',
    leased: '已租',
    unavailable: '暂不可租',
  },
  en: {
    now: 'Available now',
    expected: 'Leased, expected available from {date}',
    available: 'Available',
    held: 'On hold',
    reserved: 'Reserved',
    leased: 'Leased',
    unavailable: 'Not available',
  },
};

/**
 * The one availability rule, for every page that says when a unit can be moved into:
 * - an available unit whose "available from" date (a day in Beijing) is today or past reads "即可入驻 / Available
 *   now": a past date shown as a date reads like future availability;
 * - an available unit with a future date shows that date;
 * - a leased unit given a date is coming free: "已租，预计 … 起可租 / Leased, expected available from …" (callers
 *   showing tenants pass publicAvailableFrom(), so a private or distant lease end is null);
 * - a held, reserved, leased (without a date) or unavailable unit claims no availability at all: it reads its
 *   status instead ("已预订 / Reserved"), whatever date is stored.
 * An unknown status reads as unavailable. `today` is todayInBeijing() (YYYY-MM-DD), passed in so the rule stays pure and testable.
 */
export function formatAvailability(
  availableFrom: string | null,
  status: UnitStatusForDisplay | (string & {}),
  today: string,
  lang: Lang,
): string {
  const words = AVAILABILITY_WORDS[lang];
  // A leased unit with a date is coming free (its lease's end is public, inventory/availability.ts).
  if (status === 'leased' && availableFrom)
    return words.expected.replace('{date}', formatDate(availableFrom > today ? availableFrom : today, lang));
  // A status this rule does not know claims no availability either.
  if (status !== 'available' || availableFrom === null)
    return words[status as UnitStatusForDisplay] ?? words.unavailable;
  return availableFrom <= today ? words.now : formatDate(availableFrom, lang);
}

/** A walking-scale distance: "350 米"/"350 m" below a kilometre, "2.3 公里"/"2.3 km" above. */
export function formatDistance(metres: number, lang: Lang): string {
  if (metres < 1000) return `${formatNumber(Math.round(metres / 10) * 10, lang)}${lang === 'zh' ? ' 米' : ' m'}`;
  return `${formatNumber(metres / 1000, lang, 1)}${lang === 'zh' ? ' 公里' : ' km'}`;
}

/**
 * A unit's one display name, building + floor + unit: "科研2号楼 12层 1201" in Chinese, "R&D Building 2 · Level 12 ·
 * Unit 1201" in English (a bare number after a name reads as part of it).
 */
export function formatUnitName(buildingName: string, level: number, unitNumber: string, lang: Lang): string {
  const floor = formatFloorName(buildingName, level, lang);
  return lang === 'zh' ? `${floor} ${unitNumber}` : `${floor} · Unit ${unitNumber}`;
}

/** A floor's display name, building + floor: "科研2号楼 12层" in Chinese, "R&D Building 2 · Level 12" in English. */
export function formatFloorName(buildingName: string, level: number, lang: Lang): string {
  return `${buildingName}${lang === 'zh' ? ' ' : ' · '}${levelLabel(level, lang)}`;
}
