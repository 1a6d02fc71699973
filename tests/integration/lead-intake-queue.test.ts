/**
 * Group commit of lead intake (src/server/leads/lead-intake-queue.ts): inquiries sent at the same moment are
 * stored together, each answered on its own and only once stored, and one that cannot be stored does not take
 * the others with it.
 */
import { join } from 'node:path';
import { like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { leads, rateLimits } from '../../src/server/db/schema.ts';
import { LEAD_LIMITS_PER_IP, LEAD_LIMITS_PER_IP_WITHOUT_TOKEN } from '../../src/server/security/rate-limit.ts';
import { intakeSettled } from '../../src/server/leads/lead-intake-queue.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { countLeadRows } from '../support/count-lead-rows.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;

const inquiry = (i: number, companyName = `批量测试${i}有限公司`) => ({
  raw: {
    companyName,
    contactName: `联系人${i}`,
    email: `batch${i}@example.com`,
    industryTrack: 'other',
    consent: true,
  },
  lang: 'zh' as const,
  clientIp: `198.51.100.${i}`,
  channel: 'api' as const,
});
const stored = () => countLeadRows(handle.db);

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle?.close());
beforeEach(async () => {
  await handle.db.execute(sql`truncate leads, inquiries, notification_outbox, rate_limits cascade`);
});

describe(`lead intake in batches (${testDatabaseKind})`, () => {
  it('stores inquiries sent together in one go, each with its own answer, calling back once per commit', async () => {
    let commits = 0;
    const deps = { db: handle.db, catalog, channels: [], onStored: () => (commits += 1) };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => submitLead(deps, inquiry(i + 1))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.reference : ''))).size).toBe(30);
    expect(await stored()).toEqual({ leads: 30, inquiries: 30, notices: 30 });
    // Sent in one turn of the event loop, they share the first transaction.
    expect(commits).toBe(1);
  });

  it('answers the others when one cannot be stored, and stores nothing of that one', async () => {
    await handle.db.execute(sql`
      create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.company_name = '毒药测试有限公司' then raise exception 'poison'; end if;
        return new;
      end $$`);
    await handle.db.execute(
      sql`create trigger refuse_poison before insert on leads for each row execute function refuse_poison()`,
    );
    try {
      const deps = { db: handle.db, catalog, channels: [] };
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          submitLead(deps, inquiry(i + 40, i === 3 ? '毒药测试有限公司' : undefined)),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([
        ...Array(3).fill('fulfilled'),
        'rejected',
        ...Array(4).fill('fulfilled'),
      ]);
      expect(await stored()).toEqual({ leads: 7, inquiries: 7, notices: 7 });
      // The failed batch counted no hits: each inquiry was counted once, when judged on its own, and the one
      // that could not be stored not at all.
      const hits = await handle.db
        .select({ key: rateLimits.key, count: rateLimits.count })
        .from(rateLimits)
        .where(like(rateLimits.key, `${LEAD_LIMITS_PER_IP.scope}:%`));
      const perAddress = hits.filter((row) => !row.key.startsWith(`${LEAD_LIMITS_PER_IP_WITHOUT_TOKEN.scope}:`));
      expect(perAddress.map((row) => row.count)).toEqual(Array(7).fill(1));
    } finally {
      await handle.db.execute(sql`drop trigger refuse_poison on leads`);
      await handle.db.execute(sql`drop function refuse_poison()`);
    }
  });

  it('tells when everything queued has been stored, as the runtime waits for before closing the database', async () => {
    const deps = { db: handle.db, catalog, channels: [] };
    await intakeSettled(handle.db); // nothing queued: at once
    const answers = Array.from({ length: 12 }, (_, i) => submitLead(deps, inquiry(i + 80)));
    let answered = 0;
    for (const answer of answers) void answer.then(() => (answered += 1));
    // checkLeadInput runs first; the inquiries reach the queue a few turns later.
    await new Promise((resolve) => setImmediate(resolve));
    await intakeSettled(handle.db);
    await Promise.resolve();
    expect(await stored()).toEqual({ leads: 12, inquiries: 12, notices: 12 });
    expect(answered).toBe(12);
  });

  it('flags a duplicate of an inquiry stored earlier in the same batch', async () => {
    const deps = { db: handle.db, catalog, channels: [] };
    const same = { ...inquiry(60).raw, companyName: '同批重复有限公司', mobile: '13800138000' };
    const [first, second] = await Promise.all([
      submitLead(deps, { ...inquiry(60), raw: same }),
      submitLead(deps, { ...inquiry(61), raw: { ...same, email: 'other@example.com' } }),
    ]);
    expect(first?.ok && second?.ok).toBe(true);
    const rows = await handle.db
      .select({ id: leads.id, duplicateOf: leads.possibleDuplicateOf, reasons: leads.duplicateReasons })
      .from(leads);
    const firstRow = rows.find((r) => first?.ok && r.id === first.leadId)!;
    const secondRow = rows.find((r) => second?.ok && r.id === second.leadId)!;
    expect(firstRow.duplicateOf).toBeNull();
    expect(secondRow).toMatchObject({ duplicateOf: firstRow.id, reasons: ['mobile'] });
  });
});
