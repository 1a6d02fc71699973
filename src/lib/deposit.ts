/**
 * The reservation deposit (意向金) for a unit: a fixed amount from the catalog, or else the configured rule —
 * `months` of the unit's monthly rent, rounded up to a whole ¥1,000, between a minimum and a maximum.
 */
import { rentTotals } from './money.ts';

export interface DepositRule {
  months: number;
  minYuan: number;
  maxYuan: number;
}

/** The deposit in fen. */
export function depositAmountFen(
  unit: { grossArea: number; depositYuan?: number | undefined },
  rentPerSqmDay: string,
  rule: DepositRule,
): number {
  if (unit.depositYuan) return unit.depositYuan * 100;
  const monthlyFen = Number(rentTotals(rentPerSqmDay, unit.grossArea).perMonth);
  const wantedYuan = Math.ceil((monthlyFen * rule.months) / 100 / 1000) * 1000;
  return Math.min(rule.maxYuan, Math.max(rule.minYuan, wantedYuan)) * 100;
}
