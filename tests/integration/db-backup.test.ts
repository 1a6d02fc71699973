import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import { openDatabase } from '../../src/server/db/open-database.ts';
import { BackupError, backupPglite, restorePglite } from '../../src/server/db/pglite-backup.ts';
import { LOCK_FILE_NAME } from '../../src/server/db/pglite-lock.ts';
import { inquiries, leads, unitStates } from '../../src/server/db/schema.ts';
import { seedUnitStates } from '../../src/server/inventory/seed-unit-states.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';

const root = join(import.meta.dirname, '..', '..');
const catalog = readCatalog(join(root, 'data'));
const work = mkdtempSync(join(tmpdir(), 'db-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PGlite directory with the seeded units and two leads, closed again. */
async function makeDatabase(dir: string) {
  const handle = await openDatabase({ pgliteDir: dir });
  await seedUnitStates(handle.db, catalog);
  for (const i of [1, 2]) {
    const result = await submitLead(
      { db: handle.db, catalog, channels: [] },
      {
        raw: {
          companyName: `备份测试航天${i}有限公司`,
          contactName: `联系人${i}`,
          email: `backup${i}@example.com`,
          industryTrack: 'navigation',
          consent: true,
        },
        lang: 'zh',
        clientIp: '203.0.113.9',
        channel: 'api',
      },
    );
    expect(result.ok).toBe(true);
  }
  await handle.close();
}

async function snapshot(dir: string) {
  const handle = await openDatabase({ pgliteDir: dir });
  try {
    return {
      units: await handle.db
        .select({ id: unitStates.unitId, status: unitStates.status })
        .from(unitStates)
        .orderBy(asc(unitStates.unitId)),
      leads: await handle.db
        .select({ reference: leads.reference, email: leads.email })
        .from(leads)
        .orderBy(asc(leads.reference)),
      inquiries: await handle.db
        .select({ id: inquiries.id, leadId: inquiries.leadId })
        .from(inquiries)
        .orderBy(asc(inquiries.id)),
    };
  } finally {
    await handle.close();
  }
}

const runScript = (script: string, args: string[], env: Record<string, string>) => {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
    cwd: work,
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
};

// Each case opens and closes PGlite several times (a few seconds each on a busy machine).
describe('backing up and restoring the embedded database', { timeout: 120_000 }, () => {
  it('restores the same rows into another directory, and refuses to overwrite it without --force', async () => {
    const source = join(work, 'source');
    await makeDatabase(source);
    const file = join(work, 'nested', 'backup.tar.gz');
    expect(await backupPglite(source, file)).toBeGreaterThan(1000);
    expect(existsSync(join(source, LOCK_FILE_NAME))).toBe(false);

    const target = join(work, 'target');
    const { counts } = await restorePglite(file, target);
    expect(counts).toEqual({ unitStates: catalog.units.length, leads: 2, inquiries: 2 });
    expect(existsSync(join(target, LOCK_FILE_NAME))).toBe(false);
    const before = await snapshot(source);
    expect(before.leads).toHaveLength(2);
    expect(await snapshot(target)).toEqual(before);

    await expect(restorePglite(file, target)).rejects.toThrow(/is not empty.*--force/);
    const forced = await restorePglite(file, target, { force: true });
    expect(forced.movedAside).toMatch(/target\.before-restore-/);
    expect(readdirSync(forced.movedAside!)).toContain('PG_VERSION');
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses while the portal holds the directory, and when there is no database', async () => {
    const dir = join(work, 'running');
    await makeDatabase(dir);
    const running = await openDatabase({ pgliteDir: dir });
    try {
      await expect(backupPglite(dir, join(work, 'refused.tar.gz'))).rejects.toThrow(
        /Cannot back up .* while it is in use.*Stop the portal first/s,
      );
      expect(existsSync(join(work, 'refused.tar.gz'))).toBe(false);
    } finally {
      await running.close();
    }
    await expect(backupPglite(join(work, 'nothing-here'), join(work, 'x.tar.gz'))).rejects.toThrow(BackupError);
    writeFileSync(join(work, 'not-a-backup.tar.gz'), 'hello');
    await expect(restorePglite(join(work, 'not-a-backup.tar.gz'), join(work, 'empty'))).rejects.toThrow(
      /not a gzipped backup/,
    );
  });

  it('works from the command line, and points PostgreSQL users to pg_dump', async () => {
    const dir = join(work, 'cli');
    await makeDatabase(dir);
    const backup = runScript('db-backup.ts', ['cli.tar.gz'], { PGLITE_DIR: dir });
    expect(backup.stdout).toMatch(/✓ Backed up/);
    expect(backup.status).toBe(0);
    mkdirSync(join(work, 'cli-restored'));
    const restore = runScript('db-restore.ts', ['cli.tar.gz'], { PGLITE_DIR: join(work, 'cli-restored') });
    expect(restore.stdout).toMatch(new RegExp(`${catalog.units.length} unit states, 2 leads, 2 inquiries`));
    expect(restore.status).toBe(0);
    const again = runScript('db-restore.ts', ['cli.tar.gz'], { PGLITE_DIR: join(work, 'cli-restored') });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/✗ .*is not empty/);
    const postgres = runScript('db-backup.ts', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(postgres.status).toBe(2);
    expect(postgres.stderr).toMatch(/pg_dump --format=custom/);
    expect(runScript('db-restore.ts', [], {}).status).toBe(2);
  });
});
