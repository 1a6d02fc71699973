import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from '../../src/lib/credit-code.ts';
import { parseLeadInput } from '../../src/lib/lead-input.ts';
import { resolveUnitRef } from '../../src/lib/unit-ref.ts';

const choices = [
  { id: 'r1-0501', zh: '科研1号楼 5层 501', en: 'R&D Building 1 · Level 5 · Unit 501', aliases: ['R1-501'] },
  { id: 'r1-0502', zh: '科研1号楼 5层 502', en: 'R&D Building 1 · Level 5 · Unit 502', aliases: ['R1-502'] },
];
const context = {
  thisMonth: '2026-11',
  now: new Date('2026-11-24T08:00:00Z'),
  resolveUnit: (ref: string) => resolveUnitRef(ref, choices),
};
const valid = {
  companyName: '星途导航科技有限公司',
  contactName: '李雷',
  mobile: '13800138000',
  industryTrack: 'navigation',
  consent: true,
};
const parse = (overrides: Record<string, unknown>) => parseLeadInput({ ...valid, ...overrides }, context);
const codeOf = (overrides: Record<string, unknown>) => {
  const result = parse(overrides);
  return result.ok ? 'ok' : result.errors.map((e) => `${e.field}:${e.code}`).join(' ');
};

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts a code whose check character is right, and refuses the same code with another', () => {
    const body = '91110108MA01ABCD2';
    const check = creditCodeCheckCharacter(body)!;
    expect(isValidCreditCode(body + check)).toBe(true);
    const wrong = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('').find((c) => c !== check)!;
    expect(isValidCreditCode(body + wrong)).toBe(false);
  });

  it('knows a published example code', () => {
    // The standard's worked example: 91350100M000100Y4 + check character 3.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('refuses wrong lengths and letters outside its alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y43X')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
  });
});

describe('the inquiry schema', () => {
  it('accepts the shortest complete inquiry', () => {
    expect(codeOf({})).toBe('ok');
  });

  it('normalises what people paste', () => {
    const result = parse({
      mobile: '+86 138-0013-8000',
      email: ' Li.Lei@Example.COM ',
      creditCode: '91350100m000100y43',
      unitIds: 'r1-0501, r1-0502',
    });
    expect(result.ok && [result.lead.mobile, result.lead.email, result.lead.creditCode, result.lead.unitIds]).toEqual([
      '13800138000',
      'li.lei@example.com',
      '91350100M000100Y43',
      ['r1-0501', 'r1-0502'],
    ]);
  });

  it('reads form posts: checkbox consent, repeated and empty fields', () => {
    const result = parseLeadInput(
      {
        ...valid,
        consent: 'on',
        unitIds: ['r1-0501', ''],
        tourTimes: ['2026-12-01T10:00', '', ''],
        areaMin: '',
        headcount: '12',
      },
      context,
    );
    expect(
      result.ok && [result.lead.unitIds, result.lead.tourTimes, result.lead.areaMin, result.lead.headcount],
    ).toEqual([['r1-0501'], ['2026-12-01T10:00'], undefined, 12]);
  });

  it.each([
    [{ creditCode: '91350100M000100Y44' }, 'creditCode:invalid_credit_code'],
    [{ mobile: '1380013800' }, 'mobile:invalid_mobile'],
    [{ mobile: '23800138000' }, 'mobile:invalid_mobile'],
    [{ mobile: undefined }, 'mobile:contact_required'],
    [{ mobile: '', email: '' }, 'mobile:contact_required'],
    [{ email: 'not-an-email' }, 'email:invalid_email'],
    [{ consent: undefined }, 'consent:consent_required'],
    [{ consent: false }, 'consent:consent_required'],
    [{ consent: 'yes please' }, 'consent:consent_required'],
    [{ message: 'x'.repeat(2001) }, 'message:too_long'],
    [{ companyName: undefined }, 'companyName:required'],
    [{ companyName: 42 }, 'companyName:invalid_type'],
    [{ companyName: 'A' }, 'companyName:too_short'],
    [{ industryTrack: 'moon-mining' }, 'industryTrack:invalid_option'],
    [{ industryTrack: '' }, 'industryTrack:required'],
    [{ areaMin: 'lots' }, 'areaMin:not_a_number'],
    [{ areaMin: -5 }, 'areaMin:out_of_range'],
    [{ areaMin: 800, areaMax: 200 }, 'areaMax:reversed_range'],
    [{ headcount: 2.5 }, 'headcount:not_a_number'],
    [{ moveInMonth: '2026-10' }, 'moveInMonth:month_in_past'],
    [{ moveInMonth: '2027-13' }, 'moveInMonth:invalid_month'],
    [{ unitIds: ['r9-9999'] }, 'unitIds:unknown_unit'],
    [{ unitIds: '科研1号楼 5' }, 'unitIds:ambiguous_unit'],
    [{ unitIds: Array.from({ length: 11 }, () => 'r1-0501') }, 'unitIds:too_many'],
    [{ unitIds: { id: 'r1-0501' } }, 'unitIds:invalid_type'],
    [{ tourTimes: ['tomorrow'] }, 'tourTimes:invalid_tour_time'],
    [{ tourTimes: ['2026-11-01T10:00'] }, 'tourTimes:tour_in_past'],
    [
      { tourTimes: ['2026-12-01T10:00', '2026-12-02T10:00', '2026-12-03T10:00', '2026-12-04T10:00'] },
      'tourTimes:too_many',
    ],
  ])('refuses %j with %s', (overrides, expected) => {
    expect(codeOf(overrides)).toBe(expected);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, 'text', 42, ['a']])
      expect(parseLeadInput(body, context)).toEqual({ ok: false, errors: [{ field: 'form', code: 'invalid_type' }] });
  });
});
