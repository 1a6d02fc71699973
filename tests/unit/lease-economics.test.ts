/**
 * The economics of a proposal against examples worked by hand (issue 16): every instalment to the fen, the total
 * rent, the security deposit and the net effective rent, with the rules of src/lib/lease-economics.ts.
 */
import { describe, expect, it } from 'vitest';
import { addMonths, checkTerms, computeEconomics, type ProposalTerms } from '../../src/lib/lease-economics.ts';

/**
 * 500 ㎡ at ¥5.00/㎡/day, property fee ¥25/㎡/month, 3 years from 1 January 2027, 3 rent-free months, +3 % from
 * year 3, paid quarterly (押三付三), a ¥50,000 reservation deposit credited.
 *
 * By hand: a month's rent is 5.00 × 500 × 365 ÷ 12 = ¥76,041.666… → ¥76,041.67 (7,604,167 fen); in year 3,
 * × 1.03 = ¥78,322.916… → ¥78,322.92 (7,832,292 fen). Property fee 25 × 500 = ¥12,500 a month.
 * - Q1 (Jan–Mar 2027): no rent, fee ¥37,500, all of it paid from the ¥50,000 credit → ¥0 due, ¥12,500 left.
 * - Q2: rent 3 × 76,041.67 = ¥228,125.01 + fee ¥37,500 − ¥12,500 credit = ¥253,125.01.
 * - Q3–Q8: ¥228,125.01 + ¥37,500 = ¥265,625.01 each.
 * - Q9–Q12 (2029): 3 × 78,322.92 = ¥234,968.76 + ¥37,500 = ¥272,468.76 each.
 * Total rent = 21 × 76,041.67 + 12 × 78,322.92 = ¥1,596,875.07 + ¥939,875.04 = ¥2,536,750.11.
 * NER = 2,536,750.11 ÷ 500 ÷ (36 × 365 ÷ 12 days) = ¥4.6333… → ¥4.63/㎡/day; per month 2,536,750.11 ÷ 500 ÷ 36 =
 * ¥140.9306 → ¥140.93. Discount to the asking ¥5.00: (5 − 4.63333) ÷ 5 = 7.33 %.
 * Security deposit: 3 months of the first year's rent, 3 × 76,041.666… = ¥228,125.00.
 */
const EXAMPLE: ProposalTerms = {
  area: '500',
  rentPerSqmDay: '5.00',
  propertyFeePerSqmMonth: '25',
  termMonths: 36,
  startDate: '2027-01-01',
  fitOutMonths: 0,
  rentFreeMonths: 3,
  escalations: [{ fromYear: 3, percent: '3' }],
  paymentMonths: 3,
  depositMonths: 3,
  creditFen: 5_000_000n,
  fitOutAllowanceFen: 0n,
};

describe('the economics of a proposal', () => {
  it('schedules every instalment to the fen, and finds the total rent and the net effective rent', () => {
    const e = computeEconomics(EXAMPLE);
    expect(e.endDate).toBe('2029-12-31');
    expect(
      e.instalments.map((i) => [i.number, i.from, i.to, i.rentFen, i.propertyFeeFen, i.creditFen, i.dueFen]),
    ).toEqual([
      [1, '2027-01-01', '2027-03-31', 0n, 3_750_000n, 3_750_000n, 0n],
      [2, '2027-04-01', '2027-06-30', 22_812_501n, 3_750_000n, 1_250_000n, 25_312_501n],
      [3, '2027-07-01', '2027-09-30', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [4, '2027-10-01', '2027-12-31', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [5, '2028-01-01', '2028-03-31', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [6, '2028-04-01', '2028-06-30', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [7, '2028-07-01', '2028-09-30', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [8, '2028-10-01', '2028-12-31', 22_812_501n, 3_750_000n, 0n, 26_562_501n],
      [9, '2029-01-01', '2029-03-31', 23_496_876n, 3_750_000n, 0n, 27_246_876n],
      [10, '2029-04-01', '2029-06-30', 23_496_876n, 3_750_000n, 0n, 27_246_876n],
      [11, '2029-07-01', '2029-09-30', 23_496_876n, 3_750_000n, 0n, 27_246_876n],
      [12, '2029-10-01', '2029-12-31', 23_496_876n, 3_750_000n, 0n, 27_246_876n],
    ]);
    expect(e.totalRentFen).toBe(253_675_011n);
    expect(e.totalPropertyFeeFen).toBe(45_000_000n);
    // What the tenant pays in all: rent + fee − the credit.
    expect(e.instalments.reduce((sum, i) => sum + i.dueFen, 0n)).toBe(253_675_011n + 45_000_000n - 5_000_000n);
    expect(e.unusedCreditFen).toBe(0n);
    expect(e.securityDepositFen).toBe(22_812_500n);
    expect(e.netEffectivePerSqmDayFen).toBe(463n);
    expect(e.netEffectivePerSqmMonthFen).toBe(14_093n);
    expect(e.listPerSqmDayFen).toBe(500n);
    expect(e.discountBasisPoints).toBe(733n);
  });

  it('takes the fit-out period first, a fit-out allowance off the NER, and compounds escalations', () => {
    // 100 ㎡ at ¥4.00, 5 years, 2 months fit-out + 1 rent-free, +5 % from year 2 and +2.5 % from year 4,
    // monthly payments, ¥10,000 allowance. Month rent 4 × 100 × 365 ÷ 12 = ¥12,166.666… → ¥12,166.67;
    // year 2 × 1.05 = ¥12,775.00; year 3 × 1.05² = ¥13,413.75; year 4 × 1.05² × 1.025 = ¥13,749.09 (13,749.09375);
    // year 5 × 1.05² × 1.025² = ¥14,092.82 (14,092.8164…).
    const e = computeEconomics({
      ...EXAMPLE,
      area: '100',
      rentPerSqmDay: '4.00',
      propertyFeePerSqmMonth: '0',
      termMonths: 60,
      fitOutMonths: 2,
      rentFreeMonths: 1,
      escalations: [
        { fromYear: 4, percent: '2.5' },
        { fromYear: 2, percent: '5' },
      ],
      paymentMonths: 1,
      depositMonths: 2,
      creditFen: 0n,
      fitOutAllowanceFen: 1_000_000n,
    });
    expect(e.monthlyRentFen.slice(0, 4)).toEqual([0n, 0n, 0n, 1_216_667n]);
    expect([12, 24, 36, 48].map((m) => e.monthlyRentFen[m])).toEqual([1_277_500n, 1_341_375n, 1_374_909n, 1_409_282n]);
    const total = 9n * 1_216_667n + 12n * (1_277_500n + 1_341_375n + 1_374_909n + 1_409_282n);
    expect(e.totalRentFen).toBe(total);
    expect(e.instalments).toHaveLength(60);
    // (total − allowance) ÷ 100 ㎡ ÷ (60 × 365 ÷ 12 days), half up.
    const exact = Number(total - 1_000_000n) / 100 / ((60 * 365) / 12);
    expect(e.netEffectivePerSqmDayFen).toBe(BigInt(Math.round(exact)));
    expect(e.securityDepositFen).toBe(2_433_333n);
  });

  it('clamps a start at the end of a month to shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-08-31', 3)).toBe('2027-11-30');
    const e = computeEconomics({ ...EXAMPLE, startDate: '2027-01-31', termMonths: 12, escalations: [] });
    expect(e.endDate).toBe('2028-01-30');
    expect(e.instalments[0]).toMatchObject({ from: '2027-01-31', to: '2027-04-29' });
  });

  it('names the first term that makes no sense', () => {
    for (const [change, field] of [
      [{ area: '0' }, 'area'],
      [{ area: '12.345' }, 'area'],
      [{ rentPerSqmDay: '-1' }, 'rentPerSqmDay'],
      [{ termMonths: 0 }, 'termMonths'],
      [{ termMonths: 12.5 }, 'termMonths'],
      [{ startDate: '2027-02-30' }, 'startDate'],
      [{ rentFreeMonths: 36 }, 'rentFreeMonths'],
      [{ fitOutMonths: -1 }, 'fitOutMonths'],
      [{ escalations: [{ fromYear: 1, percent: '3' }] }, 'escalations'],
      [{ escalations: [{ fromYear: 4, percent: '3' }] }, 'escalations'],
      [{ escalations: [{ fromYear: 2, percent: '-3' }] }, 'escalations'],
      [
        {
          escalations: [
            { fromYear: 2, percent: '3' },
            { fromYear: 2, percent: '4' },
          ],
        },
        'escalations',
      ],
      [{ paymentMonths: 0 }, 'paymentMonths'],
      [{ depositMonths: 13 }, 'depositMonths'],
      [{ creditFen: -1n }, 'creditFen'],
    ] as const)
      expect(
        checkTerms({ ...EXAMPLE, ...change } as ProposalTerms),
        JSON.stringify(change, (_, v) => (typeof v === 'bigint' ? String(v) : v)),
      ).toBe(field);
    expect(checkTerms(EXAMPLE)).toBeUndefined();
    expect(() => computeEconomics({ ...EXAMPLE, termMonths: 0 })).toThrow(RangeError);
  });
});
