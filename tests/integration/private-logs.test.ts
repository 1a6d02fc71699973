import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { leads } from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { log } from '../../src/server/log.ts';
import { configuredChannels } from '../../src/server/notify/channels.ts';
import { deliverOutbox } from '../../src/server/notify/deliver-outbox.ts';
import { startWecomRobot } from '../support/fake-services.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
let wecom: Awaited<ReturnType<typeof startWecomRobot>>;

/** What a person typed, each value distinctive enough to find anywhere in the output. */
const typed = {
  companyName: '金丝雀泄露测试航天有限公司',
  contactName: '金丝雀张三',
  mobile: '13912345678',
  email: 'canary.leak@example.org',
  message: 'CANARY-MESSAGE 请勿记录这段留言',
  industryTrack: 'navigation',
  consent: true,
};
const TYPED_VALUES = [typed.companyName, typed.contactName, typed.mobile, typed.email, 'CANARY-MESSAGE', '请勿记录'];

const leadCount = async () => (await handle.db.select({ n: count() }).from(leads))[0]!.n;

/** Everything the process writes to stdout and stderr while `run` runs (log lines included, flushed). */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  let output = '';
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const keep = (chunk: unknown) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  };
  process.stdout.write = keep as typeof process.stdout.write;
  process.stderr.write = keep as typeof process.stderr.write;
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
  return output;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  wecom = await startWecomRobot();
});
afterAll(async () => {
  await handle?.close();
  await wecom?.close();
});
afterEach(async () => {
  await handle.db.execute(sql`drop trigger if exists fail_outbox on notification_outbox`);
  await handle.db.execute(sql`alter table inquiries drop constraint if exists test_refuse_message`);
  await handle.db.execute(sql`truncate leads, inquiries, notification_outbox, rate_limits cascade`);
});

describe(`logs of a failed intake (${testDatabaseKind})`, () => {
  it('name a database error by its kind, never by its message quoting what the person typed', async () => {
    // A real failure halfway through the transaction: the inquiry's insert violates a constraint.
    await handle.db.execute(
      sql.raw(`alter table inquiries add constraint test_refuse_message check (message not like '%CANARY%')`),
    );
    let failure: unknown;
    const output = await captureOutput(async () => {
      failure = await submitLead(
        { db: handle.db, catalog, channels: [] },
        { raw: typed, lang: 'zh', clientIp: '192.0.2.10', channel: 'api' },
      ).catch((error: unknown) => error);
      log.error('request.failed', { method: 'POST', path: '/api/leads' }, failure);
    });
    // The error itself does quote the values (drizzle's "Failed query: … params: …"): that is what must not be logged.
    expect(String((failure as Error).message)).toContain('CANARY-MESSAGE');
    for (const value of TYPED_VALUES) expect(output, value).not.toContain(value);
    const line = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(line).toMatchObject({ level: 'error', event: 'request.failed', path: '/api/leads' });
    expect(line.error).toMatch(/code=23514/);
    expect(line.error).toContain('constraint=test_refuse_message');
    expect(await leadCount()).toBe(0);
  });

  it('say nothing of the person when the outbox write fails, and store nothing', async () => {
    await handle.db.execute(
      sql.raw(
        `create or replace function test_fail_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox down for %', (select message from inquiries where id = new.inquiry_id); end $$`,
      ),
    );
    await handle.db.execute(
      sql.raw(
        `create trigger fail_outbox before insert on notification_outbox for each row execute function test_fail_outbox()`,
      ),
    );
    let failure: unknown;
    const output = await captureOutput(async () => {
      failure = await submitLead(
        { db: handle.db, catalog, channels: ['wecom'] },
        { raw: typed, lang: 'zh', clientIp: '192.0.2.11', channel: 'api' },
      ).catch((error: unknown) => error);
      log.error('request.failed', { method: 'POST', path: '/api/leads' }, failure);
    });
    expect(failure).toBeInstanceOf(Error);
    for (const value of TYPED_VALUES) expect(output, value).not.toContain(value);
    expect(output).toContain('code=P0001');
    expect(await leadCount()).toBe(0);
  });

  it('say nothing of the lead when a notice channel refuses and echoes what it was sent', async () => {
    await submitLead(
      { db: handle.db, catalog, channels: ['wecom'] },
      { raw: typed, lang: 'zh', clientIp: '192.0.2.12', channel: 'api' },
    );
    wecom.failNext(1, (body) => ({ errcode: 40058, errmsg: `invalid content: ${body}` }));
    const output = await captureOutput(async () => {
      expect(
        await deliverOutbox(handle.db, configuredChannels({ wecomWebhookUrl: wecom.url }), 'http://localhost:4321'),
      ).toEqual({ sent: 0, retried: 1, failed: 0 });
    });
    for (const value of TYPED_VALUES) expect(output, value).not.toContain(value);
    expect(output).toContain('notify.failed');
    expect(output).toContain('code=errcode_40058');
  });

  it('drop `message` and `error` fields a caller passes anyway', async () => {
    const output = await captureOutput(async () => {
      log.warn('test.fields', { message: typed.message, error: typed.email, count: 1 } as never);
    });
    expect(JSON.parse(output)).toMatchObject({ event: 'test.fields', count: 1 });
    for (const value of TYPED_VALUES) expect(output, value).not.toContain(value);
  });

  it('keep no message line that looks like a stack frame (a typed value can contain "\\n    at …")', async () => {
    const hostile = new Error(`Failed query: insert …\nparams: hi\n    at ${typed.companyName} ${typed.mobile}`);
    const output = await captureOutput(async () => {
      log.error('test.frames', {}, hostile);
      log.error(
        'test.frames',
        {},
        Object.assign(new Error('x'), { stack: `Error: other\n    at ${typed.contactName}` }),
      );
    });
    const [first] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(first.at).toMatch(/private-logs\.test\.ts/);
    for (const value of TYPED_VALUES) expect(output, value).not.toContain(value);
  });
});
