import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/server/catalog/read-catalog.ts';
import type { DatabaseHandle } from '../../src/server/db/open-database.ts';
import { notificationOutbox } from '../../src/server/db/schema.ts';
import { submitLead } from '../../src/server/leads/submit-lead.ts';
import { configuredChannels } from '../../src/server/notify/channels.ts';
import { backoffSeconds, deliverOutbox, MAX_ATTEMPTS } from '../../src/server/notify/deliver-outbox.ts';
import { startSmtpServer, startWecomRobot } from '../support/fake-services.ts';
import { openTestDatabase, testDatabaseKind } from '../support/test-database.ts';

const catalog = readCatalog(join(import.meta.dirname, '..', '..', 'data'));
let handle: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let wecom: Awaited<ReturnType<typeof startWecomRobot>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  smtp = await startSmtpServer();
  wecom = await startWecomRobot();
});
afterAll(async () => {
  await handle?.close();
  await smtp?.close();
  await wecom?.close();
});
beforeEach(async () => {
  await handle.db.execute(sql`truncate leads, inquiries, notification_outbox, rate_limits cascade`);
  smtp.mails.length = 0;
  wecom.messages.length = 0;
});

const inquiry = {
  companyName: '天枢遥感有限公司',
  contactName: '韩梅梅',
  mobile: '13700137000',
  industryTrack: 'remote-sensing',
  consent: true,
  unitIds: ['r2-0501'],
  message: '需要 300 平米实验室',
};
/** The text part of a mail as sent (quoted-printable or base64 body, encoded-word subject). */
function decodeMail(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const subject = [...head.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)]
    .map(([, kind, text]) =>
      kind!.toUpperCase() === 'B'
        ? Buffer.from(text!, 'base64').toString('utf8')
        : decodeQuotedPrintable(text!.replace(/_/g, ' ')),
    )
    .join('');
  const text = /content-transfer-encoding: base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : decodeQuotedPrintable(body);
  return `${subject}\n${text}`;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

const statuses = async () =>
  (
    await handle.db
      .select({
        channel: notificationOutbox.channel,
        status: notificationOutbox.status,
        attempts: notificationOutbox.attempts,
      })
      .from(notificationOutbox)
  ).sort((a, b) => a.channel.localeCompare(b.channel));

describe(`lead notices (${testDatabaseKind})`, () => {
  it('emails the leasing team and posts to the WeCom robot', async () => {
    const channels = configuredChannels({
      smtpUrl: smtp.url,
      leadsNotifyEmail: 'leasing@park.example',
      wecomWebhookUrl: wecom.url,
    });
    await submitLead(
      { db: handle.db, catalog, channels: Object.keys(channels) },
      { raw: inquiry, lang: 'zh', clientIp: '192.0.2.1', channel: 'form' },
    );
    expect(await deliverOutbox(handle.db, channels, 'http://localhost:4321')).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['leasing@park.example']);
    expect(smtp.mails[0]!.raw).toContain('Subject: =?UTF-8?');
    expect(JSON.stringify(wecom.messages[0])).toContain('天枢遥感有限公司');
    expect(JSON.stringify(wecom.messages[0])).toContain('r2-0501');
    expect(await statuses()).toEqual([
      { channel: 'email', status: 'sent', attempts: 1 },
      { channel: 'wecom', status: 'sent', attempts: 1 },
    ]);
    // Nothing is sent twice.
    expect(await deliverOutbox(handle.db, channels, 'http://localhost:4321')).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
  });

  it('retries a failing channel with backoff, then gives up and leaves the notice visible', async () => {
    const channels = configuredChannels({ wecomWebhookUrl: wecom.url });
    await submitLead(
      { db: handle.db, catalog, channels: Object.keys(channels) },
      { raw: inquiry, lang: 'zh', clientIp: '192.0.2.2', channel: 'api' },
    );
    wecom.failNext(100);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await handle.db.update(notificationOutbox).set({ nextAttemptAt: new Date(0) });
      const report = await deliverOutbox(handle.db, channels, 'http://localhost:4321');
      expect(report).toEqual(
        attempt < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 },
      );
    }
    const [row] = await handle.db.select().from(notificationOutbox);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'WeCom answered HTTP 502' });
    expect(backoffSeconds(1)).toBe(30);
    expect(backoffSeconds(3)).toBe(120);
    expect(backoffSeconds(20)).toBe(3600);
  });

  it('does not retry before the backoff has passed, and recovers when the channel does', async () => {
    const channels = configuredChannels({ wecomWebhookUrl: wecom.url });
    await submitLead(
      { db: handle.db, catalog, channels: Object.keys(channels) },
      { raw: inquiry, lang: 'zh', clientIp: '192.0.2.3', channel: 'api' },
    );
    wecom.failNext(1);
    expect(await deliverOutbox(handle.db, channels, 'http://localhost:4321')).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
    });
    expect(await deliverOutbox(handle.db, channels, 'http://localhost:4321')).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    await handle.db
      .update(notificationOutbox)
      .set({ nextAttemptAt: new Date(0) })
      .where(eq(notificationOutbox.status, 'pending'));
    expect(await deliverOutbox(handle.db, channels, 'http://localhost:4321')).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
  });

  it('turns hostile lead fields into plain words in WeCom and e-mail: the console link is the only link', async () => {
    const channels = configuredChannels({
      smtpUrl: smtp.url,
      leadsNotifyEmail: 'leasing@park.example',
      wecomWebhookUrl: wecom.url,
    });
    const hostile = {
      ...inquiry,
      companyName: '[点此核验](https://evil.example/verify) <a href="https://evil.example">公司</a>',
      contactName: '<font color="warning">系统通知</font> `管理员`',
      email: 'boss@evil.example',
      message:
        '你好\n> 编号：AIC-FAKE01\n# 紧急\n[点此核验](https://evil.example/login)\r\n**请立即** 访问 https://evil.example/a 或 www.evil.example 或 evil.example\u2028完',
    };
    const touch = {
      utm: { source: '[微信](https://evil.example/u)', campaign: 'http://evil.example/c' },
      referrer: 'https://evil.example/ref',
      landingPage: '/',
      at: '2026-11-20T02:00:00.000Z',
    };
    await submitLead(
      { db: handle.db, catalog, channels: Object.keys(channels) },
      { raw: hostile, lang: 'zh', clientIp: '192.0.2.5', channel: 'api', firstTouch: touch, lastTouch: touch },
    );
    // The team's two notices, and the acknowledgement to the address the visitor gave.
    expect(await deliverOutbox(handle.db, channels, 'https://leasing.park.example')).toEqual({
      sent: 3,
      retried: 0,
      failed: 0,
    });
    // Nothing the visitor typed goes to that address: it could be anyone's.
    const ack = smtp.mails.find((mail) => mail.to.includes('boss@evil.example'));
    expect(decodeMail(ack!.raw)).not.toMatch(/evil|系统通知|管理员|点此/);

    const markdown = (wecom.messages[0] as { markdown: { content: string } }).markdown.content;
    // One link, the console's; no HTML but the portal's own <font> per line; no code spans or emphasis from visitors.
    expect(markdown.match(/\]\(/g)).toHaveLength(1);
    expect(markdown).toMatch(/\[在控制台查看\]\(https:\/\/leasing\.park\.example\/console\/leads\/[0-9a-f-]{36}\)$/);
    expect(markdown).not.toMatch(/<a\b|<font color="warning"|`|\*\*请立即/);
    expect((markdown.match(/<font/g) ?? []).length).toBe(
      markdown.split('\n').filter((line) => line.startsWith('> ')).length,
    );
    // Every line is one the portal wrote: a visitor's line break cannot start a quote, heading or fake field.
    for (const line of markdown.split('\n'))
      expect(line).toMatch(/^(\*\*新线索：|> [^：]{1,6}：<font color="comment">|\[在控制台查看\])/);
    // No address a client would turn into a link by itself.
    for (const text of [markdown, JSON.stringify(wecom.messages[0])]) {
      expect(text).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/);
    }
    expect(markdown).toContain('点此核验');
    expect(markdown).toContain('系统通知');

    const mail = decodeMail(smtp.mails.find((m) => m.to.includes('leasing@park.example'))!.raw);
    expect(mail).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/);
    expect(mail).toContain('https://leasing.park.example/console/leads/');
    expect(mail).not.toMatch(/\n> 编号：AIC-FAKE01|\n# 紧急/);
  });

  it('sends nothing when nothing is configured, and holds the notice for the console', async () => {
    await submitLead(
      { db: handle.db, catalog, channels: [] },
      { raw: inquiry, lang: 'en', clientIp: '192.0.2.4', channel: 'api' },
    );
    expect(await deliverOutbox(handle.db, {}, 'http://localhost:4321')).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await statuses()).toEqual([{ channel: 'none', status: 'held', attempts: 0 }]);
  });
});
