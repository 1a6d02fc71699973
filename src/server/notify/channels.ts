/**
 * Where notices go: to the team, an email address through an SMTP server and a WeCom group robot; to one person
 * (a tenant, an agent, the team lead), `mail` through the same SMTP server, with a calendar invitation when the
 * notice has one. Each is optional; without them, notices are held in the outbox for the console.
 */
import nodemailer from 'nodemailer';
import { PERSONAL_CHANNEL } from './enqueue-notices.ts';

export interface NotifyConfig {
  smtpUrl?: string | undefined;
  leadsNotifyEmail?: string | undefined;
  wecomWebhookUrl?: string | undefined;
}

export interface Notice {
  subject: string;
  /** Plain text for email. */
  text: string;
  /** Markdown for WeCom. */
  markdown: string;
  /** For a notice to one person: their address (the `mail` channel). */
  to?: string | undefined;
  /** An iCalendar invitation (text/calendar with its METHOD), shown by mail programs as one. */
  calendar?: { method: string; content: string } | undefined;
  /**
   * Where one click unsubscribes (RFC 2369 `List-Unsubscribe` with RFC 8058 `List-Unsubscribe-Post: One-Click`):
   * mail programs show an unsubscribe button that POSTs there.
   */
  unsubscribeUrl?: string | undefined;
}

export type Channel = (notice: Notice) => Promise<void>;

/** The channels that are configured, by name. */
export function configuredChannels(config: NotifyConfig): Record<string, Channel> {
  const channels: Record<string, Channel> = {};
  if (config.smtpUrl && config.leadsNotifyEmail) channels.email = emailChannel(config.smtpUrl, config.leadsNotifyEmail);
  if (config.wecomWebhookUrl) channels.wecom = wecomChannel(config.wecomWebhookUrl);
  if (config.smtpUrl) channels[PERSONAL_CHANNEL] = personalMailChannel(config.smtpUrl);
  return channels;
}

function emailChannel(smtpUrl: string, to: string): Channel {
  const transport = nodemailer.createTransport(smtpUrl);
  // The SMTP account is the natural sender; fall back to the recipient's own address.
  const user = decodeURIComponent(new URL(smtpUrl).username);
  const from = user.includes('@') ? user : to;
  return async (notice) => {
    await transport.sendMail({
      from: { name: '招商门户 Leasing portal', address: from },
      to,
      subject: notice.subject,
      text: notice.text,
    });
  };
}

/** E-mail to the one person a notice is for, from the SMTP account. */
function personalMailChannel(smtpUrl: string): Channel {
  const transport = nodemailer.createTransport(smtpUrl);
  const user = decodeURIComponent(new URL(smtpUrl).username);
  return async (notice) => {
    if (!notice.to) throw new Error('A personal notice needs a recipient');
    await transport.sendMail({
      from: {
        name: '丰台航空航天创新中心 Fengtai Aerospace Innovation Center',
        address: user.includes('@') ? user : notice.to,
      },
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      ...(notice.calendar
        ? { icalEvent: { method: notice.calendar.method, content: notice.calendar.content, filename: 'tour.ics' } }
        : {}),
      ...(notice.unsubscribeUrl
        ? {
            list: { unsubscribe: { url: notice.unsubscribeUrl } },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }
        : {}),
    });
  };
}

/**
 * A refusal by WeCom. The message (kept for the console's outbox view) may quote what was sent, so the log
 * sees only the name and the code (log.ts).
 */
function wecomError(message: string, code: string): Error {
  return Object.assign(new Error(message), { name: 'WecomError', code });
}

function wecomChannel(webhookUrl: string): Channel {
  return async (notice) => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: notice.markdown.slice(0, 4000) } }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw wecomError(`WeCom answered HTTP ${response.status}`, `http_${response.status}`);
    const body = (await response.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (body.errcode !== undefined && body.errcode !== 0)
      throw wecomError(`WeCom error ${body.errcode}: ${body.errmsg ?? ''}`, `errcode_${body.errcode}`);
  };
}
