/**
 * The alert sweep at scale (issue 17): a fresh embedded database (and a throw-away PostgreSQL database when
 * TEST_DATABASE_URL or DATABASE_URL names a server) with N confirmed saved searches of varied filters and
 * horizons, then the sweep timed three times: the first (every subscription has news: N alert e-mails queued),
 * a second on the same day (only those that had no news are due again), and one a day later after one unit changed (every subscription is
 * due and checked; only those watching that unit get news).
 *
 *   npm run bench:alerts [-- <subscriptions>]      (default 10,000)
 *
 * Then the requirement register's sweep (requirements/match-requirements.ts) over N / 5 open leads with requirements
 * of the same kinds, twice: the first matches every lead and tells its owner, the second finds nothing new.
 *
 * Target (this machine, two cores): the first sweep of 10,000 subscriptions under 30 s, the next day's under 15 s;
 * the register's first sweep of 2,000 leads under 10 s, a sweep with nothing new under 5 s.
 * Printed as ✓/✗; the run fails only on wrong counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { sendDueAlerts } from '../src/server/alerts/send-alerts.ts';
import { readCatalog } from '../src/server/catalog/read-catalog.ts';
import { openDatabase, type DatabaseHandle } from '../src/server/db/open-database.ts';
import {
  alertSubscriptions,
  leadRequirements,
  leads,
  notificationOutbox,
  unitStates,
} from '../src/server/db/schema.ts';
import { matchRequirements } from '../src/server/requirements/match-requirements.ts';
import { seedUnitStates } from '../src/server/inventory/seed-unit-states.ts';
import { catalogDir } from '../src/server/project-root.ts';
import { createPostgresDatabase } from '../tests/support/postgres-database.ts';

const total = Number(process.argv[2] ?? '10000');
if (!Number.isInteger(total) || total < 1 || total > 200_000) {
  console.error('usage: node scripts/bench-alerts.ts [subscriptions between 1 and 200000]');
  process.exit(2);
}
const catalog = readCatalog(catalogDir());
const DAY = 86_400_000;
const TARGET_FIRST_MS = 30_000;
const TARGET_NEXT_DAY_MS = 15_000;
const TARGET_REGISTER_FIRST_MS = 10_000;
const TARGET_REGISTER_AGAIN_MS = 5_000;
let failed = false;

/** Varied searches: a building or none, an area band, sometimes a rent cap; every horizon. */
function searches(): string[] {
  const buildings = ['rd-1', 'rd-2', 'rd-3', 'service', ''];
  const bands = [
    [0, 200],
    [100, 400],
    [300, 800],
    [600, 2000],
  ];
  const list: string[] = [];
  for (const building of buildings)
    for (const [min, max] of bands)
      for (const cap of ['', '5', '7']) {
        const params = new URLSearchParams();
        if (building) params.set('building', building);
        params.set('minArea', String(min));
        params.set('maxArea', String(max));
        if (cap) params.set('maxRent', cap);
        list.push(params.toString());
      }
  return list;
}

async function run(label: string, handle: DatabaseHandle): Promise<void> {
  const { db } = handle;
  await seedUnitStates(db, catalog);
  const queries = searches();
  const now = new Date();
  const rows = Array.from({ length: total }, (_, i) => ({
    email: `bench${i}@alerts.example`,
    lang: i % 3 === 0 ? 'en' : 'zh',
    query: queries[i % queries.length]!,
    horizonDays: [0, 90, 180, 365][i % 4]!,
    consentAt: now,
    consentVersion: 'bench',
    confirmedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(alertSubscriptions).values(rows.slice(i, i + 1000));
  const deps = { db, catalog, notifyChannels: ['mail'] };
  const timed = async (at: Date) => {
    const started = performance.now();
    const report = await sendDueAlerts(deps, at);
    return { ms: performance.now() - started, report };
  };
  const first = await timed(now);
  const again = await timed(new Date(now.getTime() + 60_000));
  // One unit changes: its rent drops, which is news to everyone watching it.
  const [changed] = await db.select().from(unitStates).where(eq(unitStates.status, 'available')).limit(1);
  await db.update(unitStates).set({ listRentPerSqmDay: '1.00' }).where(eq(unitStates.unitId, changed!.unitId));
  const nextDay = await timed(new Date(now.getTime() + DAY + 60_000));
  const [{ queued }] = (await db
    .select({ queued: count() })
    .from(notificationOutbox)
    .where(eq(notificationOutbox.event, 'alert.matches'))) as [{ queued: number }];
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`\n${label}: ${total.toLocaleString('en')} confirmed saved searches`);
  console.log(
    `  first sweep      ${fmt(first.ms).padStart(8)}  checked ${first.report.checked}, alerted ${first.report.alerted}  ${first.ms <= TARGET_FIRST_MS * (total / 10_000) ? '✓' : '✗'} target ${fmt(TARGET_FIRST_MS)} per 10,000`,
  );
  console.log(
    `  same day again   ${fmt(again.ms).padStart(8)}  checked ${again.report.checked}, alerted ${again.report.alerted}`,
  );
  console.log(
    `  next day, 1 unit ${fmt(nextDay.ms).padStart(8)}  checked ${nextDay.report.checked}, alerted ${nextDay.report.alerted}  ${nextDay.ms <= TARGET_NEXT_DAY_MS * (total / 10_000) ? '✓' : '✗'} target ${fmt(TARGET_NEXT_DAY_MS)} per 10,000`,
  );
  console.log(`  alert e-mails queued: ${queued}`);
  // Alerted subscriptions are not due again that day; those with no news yet are looked at again.
  const isRightCount =
    first.report.checked === total &&
    again.report.checked === total - first.report.alerted &&
    again.report.alerted === 0 &&
    nextDay.report.checked === total;
  if (!isRightCount) {
    console.error('  ✗ wrong counts: a due subscription is checked once a sweep, an alerted one not again that day');
    failed = true;
  }
  if (queued !== first.report.alerted + nextDay.report.alerted) {
    console.error('  ✗ the outbox does not hold one e-mail per alerted subscription');
    failed = true;
  }
  await runRegister(handle, queries);
}

/** The requirement register over total / 5 open leads, each with an owner and a requirement. */
async function runRegister(handle: DatabaseHandle, queries: string[]): Promise<void> {
  const { db } = handle;
  const leadCount = Math.max(1, Math.round(total / 5));
  await db.execute(
    sql`insert into staff_users (id, name, email, role) values ('bench-agent', '经理', 'agent@bench.example', 'agent')`,
  );
  const rows = Array.from({ length: leadCount }, (_, i) => ({
    id: crypto.randomUUID(),
    reference: `AIC-B${String(i).padStart(5, '0')}`,
    companyName: `Bench ${i}`,
    contactName: 'Bench',
    email: `lead${i}@bench.example`,
    industryTrack: 'other' as const,
    lang: 'zh',
    ownerId: 'bench-agent',
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.insert(leads).values(rows.slice(i, i + 1000));
  const requirements = rows.map((r, i) => ({ leadId: r.id, query: queries[i % queries.length]!, updatedBy: 'bench' }));
  for (let i = 0; i < requirements.length; i += 1000)
    await db.insert(leadRequirements).values(requirements.slice(i, i + 1000));
  const deps = { db, catalog, notifyChannels: ['mail'] };
  const timed = async () => {
    const started = performance.now();
    const report = await matchRequirements(deps);
    return { ms: performance.now() - started, report };
  };
  const first = await timed();
  const again = await timed();
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const scale = leadCount / 2000;
  console.log(`  requirement register, ${leadCount.toLocaleString('en')} open leads:`);
  console.log(
    `  first sweep      ${fmt(first.ms).padStart(8)}  matched ${first.report.matched}, owners told ${first.report.notified}  ${first.ms <= TARGET_REGISTER_FIRST_MS * scale ? '✓' : '✗'} target ${fmt(TARGET_REGISTER_FIRST_MS)} per 2,000`,
  );
  console.log(
    `  nothing new      ${fmt(again.ms).padStart(8)}  matched ${again.report.matched}, owners told ${again.report.notified}  ${again.ms <= TARGET_REGISTER_AGAIN_MS * scale ? '✓' : '✗'} target ${fmt(TARGET_REGISTER_AGAIN_MS)} per 2,000`,
  );
  if (first.report.leads !== leadCount || again.report.matched !== 0 || again.report.notified !== 0) {
    console.error('  ✗ wrong counts: every open lead is looked at, and a match is told once');
    failed = true;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-alerts-'));
try {
  const pglite = await openDatabase({ pgliteDir: join(dir, 'pglite') });
  try {
    await run('PGlite', pglite);
  } finally {
    await pglite.close();
  }
  const server = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (server) {
    const database = await createPostgresDatabase(server, 'bench_alerts');
    try {
      const pg = await openDatabase({ databaseUrl: database.url, pgliteDir: join(dir, 'unused') });
      try {
        await run('PostgreSQL', pg);
      } finally {
        await pg.close();
      }
    } finally {
      await database.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
