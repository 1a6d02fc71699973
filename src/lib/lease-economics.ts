/**
 * The economics of a lease proposal (issue 16), exact: the payment schedule to the fen, the total rent over the
 * term and the net effective rent (净有效租金). Pure, so the console, the tenant's page, the PDF and the tests
 * compute the same numbers. Money is bigint fen; rents are exact decimal strings in 元/㎡/天; areas have two
 * decimals (money.ts).
 *
 * The rules (shown on the proposal):
 * - A month's rent is rent × area × 365 ÷ 12, rounded half up to the fen once per month.
 * - The term starts with the fit-out period (装修期), then the rent-free months (免租期): no rent in either; the
 *   property fee is due in every month of the term.
 * - Escalations: from lease year `fromYear` on, each lease year's rent is the previous year's raised by
 *   `percent` (compounding; year 1 is months 1–12 from the start date).
 * - Payments: one instalment per payment cycle (付 n: n months), due on the first day of the months it covers;
 *   the paid reservation deposit is credited against the first instalments until it is used up.
 * - The security deposit (押 n) is n months of the first year's rent, due at signing and refundable: it is not
 *   rent and is not in the net effective rent.
 * - Net effective rent = (total rent − fit-out allowance) ÷ area ÷ days of the term (a month is 365 ÷ 12 days),
 *   in 元/㎡/天 rounded half up to the fen; per month = per day × 365 ÷ 12.
 */
import { parseDecimal } from './money.ts';

const RENT_SCALE = 4n; // 元 with four decimals = 0.01 fen
const AREA_SCALE = 2n; // ㎡ with two decimals

interface Escalation {
  /** The first lease year that is raised (2 or more). */
  fromYear: number;
  /** Percent a year, an exact decimal string (e.g. "3" or "2.5"). */
  percent: string;
}

export interface ProposalTerms {
  /** Gross area in ㎡ (two decimals at most). */
  area: string;
  /** Asking rent in 元/㎡/天 (the first year's). */
  rentPerSqmDay: string;
  /** Property fee in 元/㎡/月. */
  propertyFeePerSqmMonth: string;
  termMonths: number;
  /** YYYY-MM-DD, the first day of the term. */
  startDate: string;
  fitOutMonths: number;
  rentFreeMonths: number;
  escalations: readonly Escalation[];
  /** 付 n: months per instalment. */
  paymentMonths: number;
  /** 押 n: months of rent held as the security deposit. */
  depositMonths: number;
  /** The paid reservation deposit credited against the first instalments, in fen. */
  creditFen: bigint;
  /** The fit-out allowance the park pays, in fen. */
  fitOutAllowanceFen: bigint;
}

interface Instalment {
  /** 1-based. */
  number: number;
  /** First and last day covered (YYYY-MM-DD); due on the first. */
  from: string;
  to: string;
  rentFen: bigint;
  propertyFeeFen: bigint;
  /** Reservation deposit credited against this instalment. */
  creditFen: bigint;
  /** What the tenant pays: rent + property fee − credit. */
  dueFen: bigint;
}

export interface Economics {
  /** The lease's last day. */
  endDate: string;
  /** Rent of each lease month, in fen (0 in fit-out and rent-free months). */
  monthlyRentFen: bigint[];
  instalments: Instalment[];
  totalRentFen: bigint;
  totalPropertyFeeFen: bigint;
  securityDepositFen: bigint;
  /** Credit left over when the instalments are fewer than it covers (0 normally). */
  unusedCreditFen: bigint;
  /** Net effective rent in fen per ㎡ per day and per month, rounded half up. */
  netEffectivePerSqmDayFen: bigint;
  netEffectivePerSqmMonthFen: bigint;
  /** The asking rent per ㎡ per day in fen, and the NER's discount to it in basis points (1 % = 100). */
  listPerSqmDayFen: bigint;
  discountBasisPoints: bigint;
}

export type TermsProblem =
  | 'area'
  | 'rentPerSqmDay'
  | 'propertyFeePerSqmMonth'
  | 'termMonths'
  | 'startDate'
  | 'fitOutMonths'
  | 'rentFreeMonths'
  | 'escalations'
  | 'paymentMonths'
  | 'depositMonths'
  | 'creditFen'
  | 'fitOutAllowanceFen';

/** Divides and rounds half up (non-negative operands). */
function roundDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

const isDecimal = (text: string, scale: number) => new RegExp(`^\\d+(\\.\\d{1,${scale}})?$`).test(text);

/** The first field of the terms that makes no sense, or undefined when they all do. */
export function checkTerms(terms: ProposalTerms): TermsProblem | undefined {
  const { termMonths: term } = terms;
  if (!isDecimal(terms.area, 2) || parseDecimal(terms.area, 2) === 0n) return 'area';
  if (!isDecimal(terms.rentPerSqmDay, 4) || parseDecimal(terms.rentPerSqmDay, 4) === 0n) return 'rentPerSqmDay';
  if (!isDecimal(terms.propertyFeePerSqmMonth, 4)) return 'propertyFeePerSqmMonth';
  if (!(Number.isInteger(term) && term >= 1 && term <= 240)) return 'termMonths';
  const start = Date.parse(`${terms.startDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(terms.startDate) || Number.isNaN(start)) return 'startDate';
  if (new Date(start).toISOString().slice(0, 10) !== terms.startDate) return 'startDate';
  if (!(Number.isInteger(terms.fitOutMonths) && terms.fitOutMonths >= 0 && terms.fitOutMonths < term))
    return 'fitOutMonths';
  if (!(Number.isInteger(terms.rentFreeMonths) && terms.rentFreeMonths >= 0)) return 'rentFreeMonths';
  if (terms.fitOutMonths + terms.rentFreeMonths >= term) return 'rentFreeMonths';
  const years = Math.ceil(term / 12);
  const seen = new Set<number>();
  for (const e of terms.escalations) {
    if (!(Number.isInteger(e.fromYear) && e.fromYear >= 2 && e.fromYear <= years) || seen.has(e.fromYear))
      return 'escalations';
    if (!isDecimal(e.percent, 2) || parseDecimal(e.percent, 2) > 5000n) return 'escalations';
    seen.add(e.fromYear);
  }
  if (!(Number.isInteger(terms.paymentMonths) && terms.paymentMonths >= 1 && terms.paymentMonths <= 12))
    return 'paymentMonths';
  if (!(Number.isInteger(terms.depositMonths) && terms.depositMonths >= 0 && terms.depositMonths <= 12))
    return 'depositMonths';
  if (terms.creditFen < 0n) return 'creditFen';
  if (terms.fitOutAllowanceFen < 0n) return 'fitOutAllowanceFen';
  return undefined;
}

/**
 * YYYY-MM-DD `months` calendar months after `date` (the day clamped to the month's length).
 * @internal Exported for tests/unit/lease-economics.test.ts.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** YYYY-MM-DD `days` days after `date` (before it for a negative count). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const dayBefore = (date: string) => addDays(date, -1);

/**
 * The schedule, totals and net effective rent of valid terms (check them first with checkTerms).
 * @throws RangeError for terms checkTerms refuses.
 */
export function computeEconomics(terms: ProposalTerms): Economics {
  const problem = checkTerms(terms);
  if (problem) throw new RangeError(`The proposal's ${problem} makes no sense`);
  const area = parseDecimal(terms.area, Number(AREA_SCALE)); // 0.01 ㎡
  const rent = parseDecimal(terms.rentPerSqmDay, Number(RENT_SCALE)); // 0.0001 元 = 0.01 fen per ㎡ per day
  const fee = parseDecimal(terms.propertyFeePerSqmMonth, Number(RENT_SCALE));
  // rent × area is in 0.0001 fen per day; a month is 365/12 days.
  const tinyPerFen = 10n ** (RENT_SCALE - 2n + AREA_SCALE);

  // Each lease year's rent factor as an exact fraction num/den.
  const years = Math.ceil(terms.termMonths / 12);
  const factors: Array<[bigint, bigint]> = [];
  let num = 1n;
  let den = 1n;
  for (let year = 1; year <= years; year++) {
    // The escalation in force this year: the one that began last, at or before it.
    const [applicable] = terms.escalations.filter((e) => e.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear);
    if (year >= 2 && applicable) {
      num *= 10000n + parseDecimal(applicable.percent, 2);
      den *= 10000n;
    }
    factors.push([num, den]);
  }

  const freeMonths = terms.fitOutMonths + terms.rentFreeMonths;
  const monthlyRentFen = Array.from({ length: terms.termMonths }, (_, month) => {
    if (month < freeMonths) return 0n;
    const [n, d] = factors[Math.floor(month / 12)]!;
    return roundDiv(rent * area * 365n * n, tinyPerFen * 12n * d);
  });
  const monthlyFeeFen = roundDiv(fee * area, tinyPerFen);

  const instalments: Instalment[] = [];
  let credit = terms.creditFen;
  for (let first = 0; first < terms.termMonths; first += terms.paymentMonths) {
    const last = Math.min(first + terms.paymentMonths, terms.termMonths);
    const rentFen = monthlyRentFen.slice(first, last).reduce((a, b) => a + b, 0n);
    const propertyFeeFen = monthlyFeeFen * BigInt(last - first);
    const owed = rentFen + propertyFeeFen;
    const credited = credit < owed ? credit : owed;
    credit -= credited;
    instalments.push({
      number: instalments.length + 1,
      from: addMonths(terms.startDate, first),
      to: dayBefore(addMonths(terms.startDate, last)),
      rentFen,
      propertyFeeFen,
      creditFen: credited,
      dueFen: owed - credited,
    });
  }

  const totalRentFen = monthlyRentFen.reduce((a, b) => a + b, 0n);
  const net = totalRentFen > terms.fitOutAllowanceFen ? totalRentFen - terms.fitOutAllowanceFen : 0n;
  // Fen per ㎡ per day = net ÷ (area/100 ㎡) ÷ (months × 365/12 days).
  const perDay = roundDiv(net * 100n * 12n, area * BigInt(terms.termMonths) * 365n);
  const perMonth = roundDiv(net * 100n, area * BigInt(terms.termMonths));
  const listPerDay = roundDiv(rent, 100n);
  // The discount compares the exact NER (in 0.01 fen, like the asking rent) with the asking rent.
  const nerExact = (net * 100n * 12n * 100n) / (area * BigInt(terms.termMonths) * 365n);
  const discount = rent > nerExact ? roundDiv((rent - nerExact) * 10000n, rent) : 0n;
  return {
    endDate: dayBefore(addMonths(terms.startDate, terms.termMonths)),
    monthlyRentFen,
    instalments,
    totalRentFen,
    totalPropertyFeeFen: monthlyFeeFen * BigInt(terms.termMonths),
    securityDepositFen: roundDiv(rent * area * 365n * BigInt(terms.depositMonths), tinyPerFen * 12n),
    unusedCreditFen: credit,
    netEffectivePerSqmDayFen: perDay,
    netEffectivePerSqmMonthFen: perMonth,
    listPerSqmDayFen: listPerDay,
    discountBasisPoints: discount,
  };
}
