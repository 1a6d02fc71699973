/**
 * The overview's funnel counts the leads that reached each stage, read from their stage history: a lead that
 * went straight from New to Proposal did not tour, and a lost lead counts for the steps it reached before.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { getDashboard } from '../../src/server/pipeline/get-dashboard.ts';
import { moveLead } from '../../src/server/pipeline/move-lead.ts';
import { AGENT_ACTOR, openSeededDatabase } from '../support/seeded-database.ts';
import { testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
const actor = AGENT_ACTOR;
let handle: DatabaseHandle;

async function leadThrough(i: number, stages: string[], lostReason?: string) {
  const result = await submitLead(
    { db: handle.db, catalog, channels: [] },
    {
      raw: {
        companyName: `漏斗测试${i}公司`,
        contactName: `联系人${i}`,
        email: `f${i}@example.com`,
        industryTrack: 'navigation',
        consent: true,
      },
      lang: 'zh',
      clientIp: `203.0.113.${i}`,
      channel: 'api',
    },
  );
  if (!result.ok) throw new Error(result.reason);
  for (const stage of stages)
    expect(
      (await moveLead(handle.db, actor, result.leadId, stage, stage === 'lost' ? { reason: lostReason } : {})).ok,
    ).toBe(true);
}

beforeAll(async () => {
  handle = await openSeededDatabase(catalog, { withAgent: true });
});
afterAll(() => handle?.close());

describe(`the overview's funnel (${testDatabaseKind})`, () => {
  it('counts the leads that reached each stage, not those now at that stage or later', async () => {
    await leadThrough(1, ['proposal']);
    await leadThrough(2, ['proposal']);
    await leadThrough(3, ['contacted', 'touring']);
    await leadThrough(4, ['contacted', 'lost'], 'price');
    await leadThrough(5, []);
    const period = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) };
    const { funnel } = await getDashboard(handle.db, catalog, period, 'staff-1', '2026-01-01');
    expect(Object.fromEntries(funnel.map((f) => [f.stage, f.count]))).toEqual({
      new: 5,
      contacted: 2,
      touring: 1,
      proposal: 2,
      reserved: 0,
      negotiating: 0,
      signed: 0,
    });
    expect(funnel.find((f) => f.stage === 'contacted')!.conversion).toBe(2 / 5);
    expect(funnel.find((f) => f.stage === 'reserved')!.conversion).toBe(0);
    expect(funnel.find((f) => f.stage === 'negotiating')!.conversion).toBeNull();
  });
});
