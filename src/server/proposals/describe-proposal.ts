/**
 * A proposal document in words, in one language: the rows of its terms and economics and its payment schedule.
 * The proposal page, its version comparison and the PDF all print these, so they say the same thing.
 */
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatArea, formatDate, formatRentRate, formatYuan } from '../../lib/format.ts';
import type { ProposalDocument } from './proposal-document.ts';

/** Fen per ㎡ as yuan with two decimals: 463 → "4.63". */
export const perSqm = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
/** Basis points as a percentage: 1289 → "12.89%". */
export const percent = (basisPoints: bigint) => `${perSqm(basisPoints)}%`;

export interface TermRow {
  key: string;
  label: string;
  value: string;
}

export function termRows(document: ProposalDocument, lang: Lang): TermRow[] {
  const t = messages(lang).proposalPage;
  const f = formatMessage;
  const { terms, economics } = document;
  const months = (n: number) => (n > 0 ? f(t.monthsValue, { months: n }) : t.none);
  const list = lang === 'zh' ? '、' : ', ';
  const rows: TermRow[] = [
    { key: 'units', label: t.units, value: document.units.map((u) => u[lang]).join(list) },
    { key: 'area', label: t.area, value: formatArea(Number(terms.area), lang) },
    {
      key: 'term',
      label: t.term,
      value: f(t.termValue, {
        months: terms.termMonths,
        start: formatDate(terms.startDate, lang),
        end: formatDate(economics.endDate, lang),
      }),
    },
    { key: 'rent', label: t.rent, value: f(t.rentValue, { rent: formatRentRate(terms.rentPerSqmDay, lang) }) },
    {
      key: 'escalations',
      label: t.escalations,
      value:
        terms.escalations.length === 0
          ? t.none
          : [...terms.escalations]
              .sort((a, b) => a.fromYear - b.fromYear)
              .map((e) => f(t.escalationValue, { year: e.fromYear, percent: e.percent }))
              .join(list),
    },
    { key: 'fitOut', label: t.fitOut, value: months(terms.fitOutMonths) },
    { key: 'rentFree', label: t.rentFree, value: months(terms.rentFreeMonths) },
    {
      key: 'propertyFee',
      label: t.propertyFee,
      value: f(t.propertyFeeValue, { fee: formatRentRate(terms.propertyFeePerSqmMonth, lang) }),
    },
    {
      key: 'payment',
      label: t.payment,
      value: f(t.paymentValue, { deposit: terms.depositMonths, payment: terms.paymentMonths }),
    },
    { key: 'securityDeposit', label: t.securityDeposit, value: formatYuan(economics.securityDepositFen, lang) },
    { key: 'allowance', label: t.allowance, value: formatYuan(BigInt(terms.fitOutAllowanceFen), lang) },
    { key: 'credit', label: t.credit, value: formatYuan(BigInt(terms.creditFen), lang) },
    { key: 'totalRent', label: t.totalRent, value: formatYuan(economics.totalRentFen, lang) },
    {
      key: 'ner',
      label: t.ner,
      value: f(t.nerValue, {
        day: perSqm(economics.netEffectivePerSqmDayFen),
        month: perSqm(economics.netEffectivePerSqmMonthFen),
      }),
    },
    {
      key: 'list',
      label: '',
      value: f(t.listCompare, {
        list: perSqm(document.listPerSqmDayFen),
        discount: percent(document.discountToListBasisPoints),
      }),
    },
  ];
  return rows;
}

export interface ScheduleRow {
  number: number;
  period: string;
  rent: string;
  fee: string;
  credit: string;
  due: string;
}

/** The payment schedule's rows and its totals row. */
export function scheduleRows(document: ProposalDocument, lang: Lang): { rows: ScheduleRow[]; total: ScheduleRow } {
  const sum = (pick: (i: ProposalDocument['economics']['instalments'][number]) => bigint) =>
    document.economics.instalments.reduce((acc, i) => acc + pick(i), 0n);
  const money = (fen: bigint) => formatYuan(fen, lang);
  return {
    rows: document.economics.instalments.map((i) => ({
      number: i.number,
      period: `${i.from} – ${i.to}`,
      rent: money(i.rentFen),
      fee: money(i.propertyFeeFen),
      credit: i.creditFen > 0n ? money(-i.creditFen) : '',
      due: money(i.dueFen),
    })),
    total: {
      number: 0,
      period: messages(lang).proposalPage.total,
      rent: money(sum((i) => i.rentFen)),
      fee: money(sum((i) => i.propertyFeeFen)),
      credit: money(-sum((i) => i.creditFen)),
      due: money(sum((i) => i.dueFen)),
    },
  };
}
