import { describe, expect, it } from 'vitest';
import { monthlyFeeTotal, parseDecimal, rentTotals } from '../../src/lib/money.ts';
import { formatYuan, formatRentRate } from '../../src/lib/format.ts';

describe('rent totals', () => {
  it('computes a day, a 365-day year and a twelfth of it exactly, rounding half up once', () => {
    // 5.25 元/㎡/天 × 157.5 ㎡ = 826.875 元/天
    const totals = rentTotals('5.25', 157.5);
    expect(totals.perDay).toBe(82_688n); // 826.875 → 826.88
    expect(totals.perYear).toBe(30_180_938n); // 301,809.375 → 301,809.38
    expect(totals.perMonth).toBe(2_515_078n); // 25,150.78125 → 25,150.78
    expect(totals.perSqmMonth).toBe(15_969n); // 159.6875 → 159.69
  });

  it('is exact where binary floats are not', () => {
    // In binary floats 4.35 × 1875 × 365 is 2977031.2499999995; exactly it is 2,977,031.25 元.
    expect(4.35 * 1875 * 365).not.toBe(2_977_031.25);
    expect(rentTotals('4.35', 1875).perYear).toBe(297_703_125n);
  });

  it('totals a monthly property fee on the gross area', () => {
    expect(monthlyFeeTotal('28.00', 157.5)).toBe(441_000n);
  });

  it('refuses malformed decimals with the bad value in the message', () => {
    expect(() => parseDecimal('5.2.1', 4)).toThrow('"5.2.1"');
    expect(() => parseDecimal('-1', 4)).toThrow(RangeError);
    expect(() => parseDecimal('1.23456', 4)).toThrow(RangeError);
  });

  it('formats both languages to the fen', () => {
    expect(formatYuan(2_515_078n, 'zh')).toBe('¥25,150.78');
    expect(formatYuan(82_688n, 'en')).toBe('¥826.88');
    expect(formatRentRate('5.2', 'zh')).toBe('5.20');
  });
});
