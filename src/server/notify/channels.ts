/**
 * Where notices about new leads go: an email address through an SMTP server, and a WeCom group robot. Each is
 * optional; with neither, notices are held in the outbox for the console.
 */
import nodemailer from 'nodemailer';

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
}

export type Channel = (notice: Notice) => Promise<void>;

/** The channels that are configured, by name. */
export function configuredChannels(config: NotifyConfig): Record<string, Channel> {
  const channels: Record<string, Channel> = {};
  if (config.smtpUrl && config.leadsNotifyEmail) channels.email = emailChannel(config.smtpUrl, config.leadsNotifyEmail);
  if (config.wecomWebhookUrl) channels.wecom = wecomChannel(config.wecomWebhookUrl);
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
