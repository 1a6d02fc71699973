/**
 * Crash safety of lead intake: the server is killed (SIGKILL, no shutdown at all) in the middle of a burst of
 * concurrent POST /api/leads, then started again on the same database. Every submission that was answered 2xx
 * must be stored, and nothing may be half-stored (an inquiry without its lead, a lead without an inquiry or its
 * notice). Runs on a fresh PostgreSQL database and on a fresh embedded PGlite directory.
 *
 * The requests are what an integration sends: JSON without a form token (the token and its minimum fill time
 * apply to the browser form), each with its own contact and, with TRUST_PROXY=true, its own X-Forwarded-For
 * address, as many visitors behind a load balancer (as in scripts/bench-leads.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql as sqlText } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRows } from '../../src/server/db/execute-rows.ts';
import { openDatabase } from '../../src/server/db/open-database.ts';
import { createPostgresDatabase } from '../support/postgres-database.ts';
import { startServer, type RunningServer } from '../support/start-server.ts';
import { LOCK_FILE_NAME } from '../../src/server/db/pglite-lock.ts';
import { loadTestLead } from '../../scripts/lib/load-lead.ts';

/** Simultaneous requests in the burst; the kill comes after this many 2xx answers. */
const CONCURRENCY = 24;
const KILL_AFTER_ACCEPTED = 60;
const MAX_REQUESTS = 3000;

interface IntegrityReport {
  references: string[];
  inquiriesWithoutLead: number;
  leadsWithoutInquiry: number;
  leadsWithoutNotice: number;
}

const INTEGRITY_SQL = {
  references: 'select reference from leads',
  inquiriesWithoutLead:
    'select count(*)::int as n from inquiries i where not exists (select 1 from leads l where l.id = i.lead_id)',
  leadsWithoutInquiry:
    'select count(*)::int as n from leads l where not exists (select 1 from inquiries i where i.lead_id = l.id)',
  leadsWithoutNotice:
    'select count(*)::int as n from leads l where not exists (select 1 from notification_outbox o where o.lead_id = l.id)',
};

let sequence = 0;

function submission() {
  return loadTestLead((sequence += 1), '崩溃测试');
}

/**
 * Sends submissions from CONCURRENCY workers until the server dies; kills it with SIGKILL once enough were
 * accepted, with the other workers' requests still in flight. Returns the references answered 2xx.
 */
async function burstAndKill(server: RunningServer): Promise<{ accepted: string[]; failed: number; other: number[] }> {
  const accepted: string[] = [];
  const other: number[] = [];
  let failed = 0;
  let sent = 0;
  let isDead = false;
  const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  const worker = async () => {
    while (!isDead && sent < MAX_REQUESTS) {
      sent += 1;
      try {
        const response = await fetch(`${server.url}/api/leads`, { method: 'POST', ...submission() });
        const body = (await response.json()) as { reference?: string };
        if (response.ok) {
          expect(body.reference).toMatch(/^AIC-[0-9A-Z]{6}$/);
          accepted.push(body.reference!);
          if (accepted.length === KILL_AFTER_ACCEPTED) server.process.kill('SIGKILL');
        } else other.push(response.status);
      } catch {
        // The connection died with the server: the submission may or may not be stored; either is fine.
        failed += 1;
        isDead = server.process.exitCode !== null || server.process.signalCode !== null || failed > CONCURRENCY;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await exited;
  console.log(
    `crash-safety: ${sent} sent, ${accepted.length} accepted, ${failed} cut off by the kill, ${other.length} refused`,
  );
  return { accepted, failed, other };
}

/** Runs the portal as PID 1 of a new PID namespace, as a container's `CMD ["node", …]` does (needs root). */
const AS_PID_1 = ['unshare', '--pid', '--fork', '--mount-proc'];
const canRunAsPid1 = process.getuid?.() === 0 && spawnSync(AS_PID_1[0]!, [...AS_PID_1.slice(1), 'true']).status === 0;

/** The pid (in our namespace) of the process unshare started: the portal that is PID 1 inside. */
function pid1Of(server: RunningServer): number {
  const unsharePid = server.process.pid!;
  const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  expect(children).toHaveLength(1);
  return children[0]!;
}

/** Stops a portal running as PID 1 as `docker stop` does: SIGTERM to PID 1 (unshare does not pass it on). */
async function stopPid1(server: RunningServer): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  process.kill(pid1Of(server), 'SIGTERM');
  await exited;
}

function expectNothingLostOrHalfStored(accepted: string[], report: IntegrityReport) {
  const stored = new Set(report.references);
  expect(accepted.filter((reference) => !stored.has(reference))).toEqual([]);
  expect(report.inquiriesWithoutLead).toBe(0);
  expect(report.leadsWithoutInquiry).toBe(0);
  expect(report.leadsWithoutNotice).toBe(0);
}

describe('killing the server during a burst of lead submissions', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('loses no accepted lead on PostgreSQL', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, TRUST_PROXY: 'true', ASTRO_NODE_LOGGING: 'disabled' };
    const first = await startServer(env);
    cleanups.push(() => first.stop());
    const { accepted, failed, other } = await burstAndKill(first);
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(other).toEqual([]);
    expect(failed).toBeGreaterThan(0);

    const second = await startServer(env);
    cleanups.push(() => second.stop());
    const after = await fetch(`${second.url}/api/leads`, { method: 'POST', ...submission() });
    expect(after.status).toBe(201);

    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const count = async (query: string) => ((await sql.query(query)).rows[0] as { n: number }).n;
      expectNothingLostOrHalfStored(accepted, {
        references: (await sql.query(INTEGRITY_SQL.references)).rows.map((row: { reference: string }) => row.reference),
        inquiriesWithoutLead: await count(INTEGRITY_SQL.inquiriesWithoutLead),
        leadsWithoutInquiry: await count(INTEGRITY_SQL.leadsWithoutInquiry),
        leadsWithoutNotice: await count(INTEGRITY_SQL.leadsWithoutNotice),
      });
    } finally {
      await sql.end();
    }
  });

  it('loses no accepted lead on the embedded database (PGlite), which restarts after the kill', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crash-safety-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { PGLITE_DIR: dir, TRUST_PROXY: 'true', ASTRO_NODE_LOGGING: 'disabled' };
    const first = await startServer(env);
    cleanups.push(() => first.stop());
    const { accepted, other } = await burstAndKill(first);
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(other).toEqual([]);

    // The killed process's lock is stale: the restart takes it over and recovers the database.
    const second = await startServer(env);
    const after = await fetch(`${second.url}/api/leads`, { method: 'POST', ...submission() });
    expect(after.status).toBe(201);
    await second.stop();

    const handle = await openDatabase({ pgliteDir: dir });
    try {
      const list = (query: string) => executeRows<Record<string, unknown>>(handle.db, sqlText.raw(query));
      const count = async (query: string) => Number((await list(query))[0]!.n);
      expectNothingLostOrHalfStored(accepted, {
        references: (await list(INTEGRITY_SQL.references)).map((row) => String(row.reference)),
        inquiriesWithoutLead: await count(INTEGRITY_SQL.inquiriesWithoutLead),
        leadsWithoutInquiry: await count(INTEGRITY_SQL.leadsWithoutInquiry),
        leadsWithoutNotice: await count(INTEGRITY_SQL.leadsWithoutNotice),
      });
    } finally {
      await handle.close();
    }
  });
  it.skipIf(!canRunAsPid1)(
    'restarts a portal that was killed (kill -9) while it ran as PID 1, as in a container, and keeps its data',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'crash-pid1-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const env = { PGLITE_DIR: dir, TRUST_PROXY: 'true', ASTRO_NODE_LOGGING: 'disabled' };
      const first = await startServer(env, undefined, undefined, AS_PID_1);
      cleanups.push(() => stopPid1(first));
      // The lock file names the owner as it sees itself: PID 1.
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(1);
      const accepted: string[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${first.url}/api/leads`, { method: 'POST', ...submission() });
        expect(response.status).toBe(201);
        accepted.push(((await response.json()) as { reference: string }).reference);
      }
      const exited = new Promise<void>((resolve) => first.process.once('exit', () => resolve()));
      process.kill(pid1Of(first), 'SIGKILL');
      await exited;

      // The same way again: PID 1 on the same host, with the dead PID 1's lock file still in the directory.
      const second = await startServer(env, undefined, undefined, AS_PID_1);
      cleanups.push(() => stopPid1(second));
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(1);
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      const after = await fetch(`${second.url}/api/leads`, { method: 'POST', ...submission() });
      expect(after.status).toBe(201);
      await stopPid1(second);

      const handle = await openDatabase({ pgliteDir: dir });
      try {
        const references = (
          await executeRows<{ reference: string }>(handle.db, sqlText.raw(INTEGRITY_SQL.references))
        ).map((row) => row.reference);
        expect(accepted.filter((reference) => !references.includes(reference))).toEqual([]);
      } finally {
        await handle.close();
      }
    },
  );
});
