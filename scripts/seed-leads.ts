/**
 * `npm run seed:leads -- <count>`: fills the database with realistic sample leads (for trying the console, and
 * for load: the board must stay responsive with 2,000). Stages, sources, tracks, needs and units vary; every
 * lead is marked by an @seed.example email so it is easy to find and delete.
 * Uses DATABASE_URL, or the embedded database in PGLITE_DIR (stop the portal first).
 */
import { STAGES } from '../src/lib/pipeline.ts';
import { INDUSTRY_TRACKS } from '../src/lib/lead-fields.ts';
import { readCatalog } from '../src/server/catalog/read-catalog.ts';
import { openDatabase } from '../src/server/db/open-database.ts';
import { inquiries, leads } from '../src/server/db/schema.ts';
import { newLeadReference } from '../src/server/leads/lead-reference.ts';
import { seedUnitStates } from '../src/server/inventory/seed-unit-states.ts';
import { catalogDir } from '../src/server/project-root.ts';

const count = Number(process.argv[2] ?? '2000');
if (!Number.isInteger(count) || count < 1 || count > 100_000) {
  console.error('Usage: npm run seed:leads -- <count between 1 and 100000>');
  process.exit(2);
}
const catalog = readCatalog(catalogDir());
const handle = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  pgliteDir: process.env.PGLITE_DIR ?? '.data/pglite',
});
await seedUnitStates(handle.db, catalog);
let seed = 42;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const sources = ['wechat', 'baidu', 'partner-portal', 'linkedin', undefined, undefined];
const stageWeights: Array<[string, number]> = STAGES.map((s) => [
  s,
  s === 'new' ? 6 : s === 'lost' ? 3 : s === 'signed' ? 1 : 2,
]);
const weightedStage = () => {
  let roll = random() * stageWeights.reduce((a, [, w]) => a + w, 0);
  for (const [stage, weight] of stageWeights) if ((roll -= weight) < 0) return stage;
  return 'new';
};
const started = Date.now();
for (let batch = 0; batch < count; batch += 250) {
  await handle.db.transaction(async (tx) => {
    for (let i = batch; i < Math.min(count, batch + 250); i++) {
      const created = new Date(Date.now() - Math.floor(random() * 200) * 86_400_000);
      const source = pick(sources);
      const touch = { ...(source ? { utm: { source } } : {}), landingPage: '/', at: created.toISOString() };
      const stage = weightedStage() as (typeof STAGES)[number];
      const [lead] = await tx
        .insert(leads)
        .values({
          reference: newLeadReference(),
          stage,
          companyName: `样例航天科技${i}有限公司`,
          contactName: `样例${i}`,
          email: `lead${i}-${started}@seed.example`,
          industryTrack: pick(INDUSTRY_TRACKS),
          lang: random() < 0.8 ? 'zh' : 'en',
          firstTouch: touch,
          lastTouch: touch,
          createdAt: created,
          lastInquiryAt: created,
          stageChangedAt: created,
          ...(stage === 'lost' ? { lostReason: 'price' } : {}),
        })
        .onConflictDoNothing()
        .returning({ id: leads.id });
      if (!lead) continue;
      const unit = random() < 0.6 ? pick(catalog.units) : undefined;
      await tx.insert(inquiries).values({
        leadId: lead.id,
        unitIds: unit ? [unit.id] : [],
        areaMin: unit ? null : String(100 + Math.floor(random() * 900)),
        channel: 'api',
        lang: 'zh',
        createdAt: created,
      });
    }
  });
}
await handle.close();
console.log(`✓ Seeded ${count} sample leads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
