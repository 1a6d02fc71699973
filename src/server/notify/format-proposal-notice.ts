/**
 * E-mails about a proposal to one person: the tenant gets the link to a version sent to them and the confirmation
 * of their acceptance, in their language, with none of a visitor's words but their own company's name; the owner
 * gets the tenant's question or acceptance, and the owner of a lead whose proposal was withdrawn because its
 * units were leased to someone else is told so. Written when sent, from the proposal as it is then.
 */
import { and, desc, eq } from 'drizzle-orm';
import { formatMessage } from '../../i18n/format-message.ts';
import type { Lang } from '../../i18n/lang.ts';
import { messages } from '../../i18n/messages.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import { leadEvents, proposals } from '../db/schema.ts';
import { computeEconomics } from '../../lib/lease-economics.ts';
import { termsOf } from '../proposals/proposal-document.ts';
import { proposalUrl } from '../proposals/proposal-link.ts';
import type { LeadNoticeFormatter } from './format-personal-notice.ts';
import { escapePlainText } from './escape-notice-text.ts';

export const formatProposalNotice: LeadNoticeFormatter = async (db, notice, lead, siteUrl, catalog) => {
  if (!notice.proposalId || !notice.recipient) return undefined;
  const [proposal] = await db.select().from(proposals).where(eq(proposals.id, notice.proposalId));
  if (!proposal?.expiresAt) return undefined;
  const link = { id: proposal.id, expiresAt: proposal.expiresAt };
  const isTenant = notice.recipient === lead.email;
  const lang: Lang = isTenant && notice.lang === 'en' ? 'en' : 'zh';
  const m = messages(lang).proposalMail;
  const f = formatMessage;
  const units = proposal.unitIds
    .map((id) => (catalog ? unitDisplayName(catalog, id, lang) : id))
    .join(lang === 'zh' ? '、' : ', ');
  const consoleUrl = new URL(`/console/leads/${lead.id}`, siteUrl).href;
  const company = escapePlainText(lead.companyName);
  const base = { to: notice.recipient, markdown: '' };
  const values = { version: proposal.version, units, company, reference: lead.reference };

  if (notice.event === 'proposal.sent' && isTenant) {
    const url = await proposalUrl(db, siteUrl, link, lang);
    return {
      ...base,
      subject: f(m.sentSubject, values),
      text: [
        m.greeting,
        '',
        f(m.sentBody, values),
        f(m.validUntil, { time: formatDateTime(proposal.expiresAt, lang) }),
        '',
        url,
        '',
        m.signature,
      ].join('\n'),
    };
  }
  if (notice.event === 'proposal.accepted') {
    const end = computeEconomics(termsOf(proposal.terms)).endDate;
    const period = `${formatDate(proposal.terms.startDate, lang)} – ${formatDate(end, lang)}`;
    if (isTenant) {
      const url = await proposalUrl(db, siteUrl, link, lang);
      return {
        ...base,
        subject: f(m.acceptedSubject, values),
        text: [m.greeting, '', f(m.acceptedBody, { ...values, period }), '', url, '', m.signature].join('\n'),
      };
    }
    const who = proposal.acceptance ?? {};
    return {
      ...base,
      subject: `【招商门户】客户已接受报价：${company}`,
      text: [
        `${company}（${lead.reference}）已在线接受第 ${proposal.version} 版报价。`,
        `签署人：${escapePlainText(who.name ?? '')}（${escapePlainText(who.title ?? '')}），${formatDateTime(proposal.acceptedAt ?? new Date(), 'zh')}`,
        `单元：${units}；租期 ${period}`,
        '',
        consoleUrl,
      ].join('\n'),
    };
  }
  if (notice.event === 'proposal.question') {
    const asked = await db
      .select({ data: leadEvents.data })
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.kind, 'proposal_question')))
      .orderBy(desc(leadEvents.createdAt))
      .limit(20);
    const event = asked.find((row) => row.data.proposalId === proposal.id);
    const data = event?.data ?? {};
    return {
      ...base,
      subject: `【招商门户】${data.question === 'changes' ? '客户申请修改报价' : '客户就报价提问'}：${company}`,
      text: [
        `${company}（${lead.reference}）就第 ${proposal.version} 版报价留言：`,
        '',
        escapePlainText(String(data.message ?? '')),
        '',
        consoleUrl,
      ].join('\n'),
    };
  }
  if (notice.event === 'proposal.withdrawn')
    return {
      ...base,
      subject: `【招商门户】报价已撤回：${company}`,
      text: [
        `${company}（${lead.reference}）的第 ${proposal.version} 版报价已自动撤回：单元 ${units} 已由其他客户签约。`,
        '',
        consoleUrl,
      ].join('\n'),
    };
  return undefined;
};
