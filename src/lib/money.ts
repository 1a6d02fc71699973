/**
 * Money without floating point. Amounts are integer fen (1 元 = 100 fen) as bigint; rents are exact decimal
 * strings in 元/㎡/天 and areas have two decimals, so every product is an exact integer in a small unit.
 *
 * Rounding rule (shown to tenants on unit pages): totals are computed exactly and rounded half up to the fen
 * once, at the end; a month is a twelfth of a 365-day year.
 */

const RENT_SCALE = 4; // 元 with up to four decimals → units of 0.0001 元 (0.01 fen)
const AREA_SCALE = 2; // ㎡ with two decimals → units of 0.01 ㎡

/** Parses a non-negative decimal string with at most `scale` decimals into an integer scaled by 10^scale. */
export function parseDecimal(text: string, scale: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[2]?.length ?? 0) > scale)
    throw new RangeError(`Invalid decimal with at most ${scale} decimals: "${text}"`);
  return BigInt(match[1]! + (match[2] ?? '').padEnd(scale, '0'));
}

function areaUnits(squareMetres: number): bigint {
  return BigInt(Math.round(squareMetres * 10 ** AREA_SCALE));
}

/** Divides and rounds half up (all operands non-negative). */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export interface RentTotals {
  /** Fen per day for the whole unit. */
  perDay: bigint;
  /** Fen per month (a twelfth of the year). */
  perMonth: bigint;
  /** Fen per 365-day year. */
  perYear: bigint;
  /** The same rent per ㎡ per month, in fen. */
  perSqmMonth: bigint;
}

/** Rent for a whole unit from its price in 元/㎡/天 and its gross area in ㎡. */
export function rentTotals(rentPerSqmDay: string, grossArea: number): RentTotals {
  const rent = parseDecimal(rentPerSqmDay, RENT_SCALE); // 0.0001 元 = 0.01 fen
  const area = areaUnits(grossArea); // 0.01 ㎡
  // rent × area is in 0.01 fen × 0.01 = 0.0001 fen; divide by 10^4 to get fen.
  const dailyTiny = rent * area;
  const tinyPerFen = 10n ** BigInt(RENT_SCALE - 2 + AREA_SCALE);
  return {
    perDay: divideRoundHalfUp(dailyTiny, tinyPerFen),
    perMonth: divideRoundHalfUp(dailyTiny * 365n, tinyPerFen * 12n),
    perYear: divideRoundHalfUp(dailyTiny * 365n, tinyPerFen),
    perSqmMonth: divideRoundHalfUp(rent * 365n, 10n ** BigInt(RENT_SCALE - 2) * 12n),
  };
}

/** A monthly fee in 元/㎡/月 for a whole unit, in fen per month. */
export function monthlyFeeTotal(feePerSqmMonth: string, grossArea: number): bigint {
  const fee = parseDecimal(feePerSqmMonth, RENT_SCALE);
  return divideRoundHalfUp(fee * areaUnits(grossArea), 10n ** BigInt(RENT_SCALE - 2 + AREA_SCALE));
}
