/**
 * Issue 17, costs after policy support: which sample policies a profile may qualify for, and what each takes off a
 * rent, worked by hand (exact decimals, fen).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policiesFor, supportOf } from '../../src/lib/policy-support.ts';
import { parseLeadInput } from '../../src/lib/lead-input.ts';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const policy = (id: string) => catalog.policies.find((p) => p.id === id)!;
const today = '2026-12-03';
const ids = (profile: string[], day = today) => policiesFor(catalog.policies, profile, day).map((p) => p.id);

describe('costs after policy support', () => {
  it('finds a policy only when one of its profile sets is wholly met, and only while it is valid', () => {
    expect(ids([])).toEqual([]);
    expect(ids(['aerospace'])).toEqual([]);
    expect(ids(['aerospace', 'new-to-fengtai'])).toEqual(['zgc-fengtai-aerospace-cluster']);
    expect(ids(['little-giant'])).toEqual(['fengtai-little-giant-rent', 'beijing-specialised-sme-space']);
    expect(ids(['high-tech', 'new-to-fengtai'])).toEqual(['fengtai-high-tech-move-in']);
    // Valid to 2027-06-30: gone the day after.
    expect(ids(['high-tech', 'new-to-fengtai'], '2027-07-01')).toEqual([]);
    // Every policy on file is marked sample until the park supplies its own.
    expect(catalog.policies.every((p) => p.sample)).toBe(true);
  });

  it('takes a capped share or a fixed amount off the rent, to the fen', () => {
    // 50 % of 5.25 is 2.625, over the 2.00 cap. 2.00 × 187.5 ㎡ × 365 / 12 = ¥11,406.25 a month, 24 months.
    expect(supportOf(policy('fengtai-little-giant-rent'), '5.25', 187.5)).toMatchObject({
      perSqmDay: '2.00',
      rentAfterPerSqmDay: '3.25',
      perMonthFen: 1_140_625n,
      totalFen: 27_375_000n,
      months: 24,
    });
    // 30 % of 3.15 is 0.945: half up to 0.95, under the 1.50 cap.
    expect(supportOf(policy('fengtai-high-tech-move-in'), '3.15', 100)).toMatchObject({
      perSqmDay: '0.95',
      rentAfterPerSqmDay: '2.20',
    });
    // A fixed ¥1.00 on a rent of ¥0.80 takes the rent to nothing, not below.
    expect(supportOf(policy('zgc-fengtai-aerospace-cluster'), '0.80', 100)).toMatchObject({
      perSqmDay: '0.80',
      rentAfterPerSqmDay: '0.00',
    });
  });

  it('asks the profile in the inquiry as an optional list of known keys', () => {
    const base = {
      companyName: '甲公司',
      contactName: '王',
      email: 'a@example.com',
      industryTrack: 'other',
      consent: true,
    };
    const context = { thisMonth: '2026-12', now: new Date(), policyProfiles: catalog.policyProfiles.map((p) => p.key) };
    const parsed = parseLeadInput({ ...base, policyProfile: ['little-giant', 'aerospace', 'little-giant'] }, context);
    expect(parsed.ok && parsed.lead.policyProfile).toEqual(['little-giant', 'aerospace']);
    expect(parseLeadInput(base, context)).toMatchObject({ ok: true, lead: { policyProfile: [] } });
    expect(parseLeadInput({ ...base, policyProfile: 'no-such-thing' }, context)).toMatchObject({
      ok: false,
      errors: [{ field: 'policyProfile', code: 'invalid_option' }],
    });
    expect(parseLeadInput({ ...base, policyProfile: Array(11).fill('aerospace') }, context)).toMatchObject({
      ok: false,
      errors: [{ field: 'policyProfile', code: 'too_many' }],
    });
  });
});
