/**
 * Costs after policy support (issue 17): which of the park's support policies (data/policies.json) a company of a
 * given profile may qualify for, and what each would take off a unit's rent. Pure and exact: rents are decimal
 * strings, amounts integer fen. It never decides eligibility — the issuer does; pages say "may qualify".
 */
import { parseDecimal, rentTotals } from './money.ts';

interface PolicyTerms {
  id: string;
  /** Any one of these profile sets qualifies; each set needs all of its profiles. */
  qualifies: string[][];
  gives:
    | { kind: 'rent-share'; percent: number; capPerSqmDay: string; months: number }
    | { kind: 'rent-per-sqm-day'; perSqmDay: string; months: number };
  validFrom: string;
  validTo: string;
}

export interface PolicySupport<P> {
  policy: P;
  /** Taken off the rent, 元/㎡/天 as an exact decimal string with two decimals. */
  perSqmDay: string;
  /** The rent after it, 元/㎡/天. */
  rentAfterPerSqmDay: string;
  /** Fen per month for the whole unit, and over the policy's months. */
  perMonthFen: bigint;
  totalFen: bigint;
  months: number;
}

/** Hundredths of a yuan (fen) as "x.yy". */
function centsToDecimal(cents: bigint): string {
  const whole = cents / 100n;
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}

/** The policies valid on `today` (a Beijing date). */
export function validPolicies<P extends PolicyTerms>(policies: readonly P[], today: string): P[] {
  return policies.filter((p) => p.validFrom <= today && today <= p.validTo);
}

/** Of these policies, those a company with these profiles may qualify for (any one set of profiles, whole). */
export function qualifyingPolicies<P extends PolicyTerms>(policies: readonly P[], profile: readonly string[]): P[] {
  const has = new Set(profile);
  return policies.filter((p) => p.qualifies.some((set) => set.every((key) => has.has(key))));
}

/** The policies valid on `today` that a company with these profiles may qualify for. */
export function policiesFor<P extends PolicyTerms>(
  policies: readonly P[],
  profile: readonly string[],
  today: string,
): P[] {
  return qualifyingPolicies(validPolicies(policies, today), profile);
}

/**
 * What one policy takes off a rent of `rentPerSqmDay` on `grossArea` ㎡: a share rounds half up to the fen and is
 * capped; a fixed amount never exceeds the rent.
 */
export function supportOf<P extends PolicyTerms>(
  policy: P,
  rentPerSqmDay: string,
  grossArea: number,
): PolicySupport<P> {
  const rent = parseDecimal(rentPerSqmDay, 2);
  const { gives } = policy;
  const raw =
    gives.kind === 'rent-share'
      ? (() => {
          const share = (rent * BigInt(gives.percent) * 2n + 100n) / 200n;
          const cap = parseDecimal(gives.capPerSqmDay, 2);
          return share < cap ? share : cap;
        })()
      : parseDecimal(gives.perSqmDay, 2);
  const off = raw < rent ? raw : rent;
  const perSqmDay = centsToDecimal(off);
  const perMonthFen = rentTotals(perSqmDay, grossArea).perMonth;
  return {
    policy,
    perSqmDay,
    rentAfterPerSqmDay: centsToDecimal(rent - off),
    perMonthFen,
    totalFen: perMonthFen * BigInt(gives.months),
    months: gives.months,
  };
}
