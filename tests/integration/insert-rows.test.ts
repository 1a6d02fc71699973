/**
 * Bulk insert with one JSON parameter (src/server/db/insert-rows.ts): what it stores must be exactly what
 * Drizzle's own insert stores for the same rows — every column type lead intake writes (text with quotes and
 * braces, enums, numerics, integers, JSON objects and nulls, text and timestamp arrays), defaults for the columns
 * a row leaves out — and a unique conflict is skipped when asked, an error otherwise, with nothing stored.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { insertRows } from '../../src/server/db/insert-rows.ts';
import { inquiries, leads, notificationOutbox } from '../../src/server/db/schema.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle?.close());

const at = new Date('2026-11-30T16:05:06.789Z');
const lead = (id: string, reference: string, extra: Partial<typeof leads.$inferInsert> = {}) => ({
  id,
  reference,
  companyName: '北京"星辰"航天{科技},有限公司\\ 引号 \' 与 NULL',
  creditCode: null,
  contactName: 'Zhang, "Wei"',
  mobile: '13800138000',
  email: null,
  industryTrack: 'satellite-communications' as const,
  lang: 'zh',
  firstTouch: { source: 'partner', medium: 'embed', campaign: '{"x":1}', at: '2026-11-30T00:00:00Z' } as never,
  lastTouch: null,
  createdAt: at,
  updatedAt: at,
  lastInquiryAt: at,
  possibleDuplicateOf: null,
  duplicateReasons: ['mobile', 'credit_code'],
  ...extra,
});

describe(`insertRows (${testDatabaseKind})`, () => {
  it('stores what Drizzle stores, column for column, with the defaults of columns left out', async () => {
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
    await handle.db.insert(leads).values(lead(ids[0]!, 'AIC-TSTA01'));
    expect(await insertRows(handle.db, leads, [lead(ids[1]!, 'AIC-TSTA02')])).toEqual([ids[1]]);
    const [byDrizzle, byJson] = await Promise.all(
      ids.map(async (id) => (await handle.db.select().from(leads).where(eq(leads.id, id)))[0]!),
    );
    const { id: _a, reference: _b, stageChangedAt: s1, ...drizzleRest } = byDrizzle!;
    const { id: _c, reference: _d, stageChangedAt: s2, ...jsonRest } = byJson!;
    expect(jsonRest).toEqual(drizzleRest);
    expect(jsonRest.stage).toBe('new');
    expect(s1).toBeInstanceOf(Date);
    expect(s2).toBeInstanceOf(Date);

    const inquiry = (id: string) => ({
      id,
      leadId: ids[0]!,
      areaMin: '120.50',
      areaMax: null,
      headcount: 12,
      moveInMonth: '2027-03',
      unitIds: ['r1-0501', 'with,comma', 'with"quote', 'with}brace', ''],
      tourTimes: [new Date('2026-12-02T02:00:00Z'), new Date('2026-12-03T06:30:00Z')],
      message: '第一行\n第二行 \\ "引号"',
      touch: null,
      pagePath: '/units/r1-0501?x=1&y=2',
      channel: 'form',
      lang: 'en',
      createdAt: at,
    });
    const inquiryIds = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    await handle.db.insert(inquiries).values(inquiry(inquiryIds[0]!));
    await insertRows(handle.db, inquiries, [inquiry(inquiryIds[1]!)]);
    const rows = await handle.db.select().from(inquiries).where(inArray(inquiries.id, inquiryIds));
    const [a, b] = inquiryIds.map((id) => rows.find((row) => row.id === id)!);
    expect({ ...b, id: '' }).toEqual({ ...a, id: '' });

    // The outbox's status, attempts and sent_at come from their defaults.
    await insertRows(handle.db, notificationOutbox, [
      { event: 'lead.created', leadId: ids[0]!, channel: 'none', createdAt: at, nextAttemptAt: at },
    ]);
    const [notice] = await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.leadId, ids[0]!));
    expect(notice).toMatchObject({ status: 'pending', attempts: 0, sentAt: null, lastError: null, createdAt: at });
  });

  it('skips a row whose unique value is taken when asked, and otherwise stores nothing of the statement', async () => {
    const taken = '00000000-0000-4000-8000-000000000011';
    await insertRows(handle.db, leads, [lead(taken, 'AIC-TSTB01')]);
    const fresh = '00000000-0000-4000-8000-000000000012';
    const rows = [lead('00000000-0000-4000-8000-000000000013', 'AIC-TSTB01'), lead(fresh, 'AIC-TSTB02')];
    expect(await insertRows(handle.db, leads, rows, { skipConflictsOn: leads.reference })).toEqual([fresh]);

    const later = [lead('00000000-0000-4000-8000-000000000014', 'AIC-TSTB03'), lead(taken, 'AIC-TSTB04')];
    await expect(insertRows(handle.db, leads, later)).rejects.toThrow();
    expect(await handle.db.select().from(leads).where(eq(leads.reference, 'AIC-TSTB03'))).toEqual([]);
    expect(await insertRows(handle.db, leads, [])).toEqual([]);
  });

  it('stores half of a surrogate pair as U+FFFD, as the drivers do for a bound parameter, not as an error', async () => {
    const id = '00000000-0000-4000-8000-000000000021';
    await insertRows(handle.db, leads, [
      lead(id, 'AIC-TSTC01', { companyName: 'Lone \ud800 公司', firstTouch: { source: 'x\udfff' } as never }),
    ]);
    const [row] = await handle.db.select().from(leads).where(eq(leads.id, id));
    expect(row).toMatchObject({ companyName: 'Lone \ufffd 公司', firstTouch: { source: 'x\ufffd' } });
  });
});
