/**
 * The notice staff receive about a lead, in Chinese (the investment team's language), with what they need to
 * call back: company, contact, need, units, tour times, where the lead came from.
 */
import type { DepositRow, InquiryRow, LeadRow } from '../db/schema.ts';
import { formatYuan } from '../../lib/format.ts';
import type { Notice } from './channels.ts';
import { escapePlainText, escapeWecomMarkdown } from './escape-notice-text.ts';

/** A notice quotes the start of a long message; the console shows all of it. */
const MESSAGE_CHARS = 500;

const TRACKS: Record<string, string> = {
  'satellite-communications': '卫星通信',
  navigation: '卫星导航',
  'remote-sensing': '卫星遥感',
  'other-aerospace': '其他航空航天',
  other: '其他',
};

const DUPLICATE_REASONS: Record<string, string> = {
  credit_code: '与较早线索的统一社会信用代码相同',
  mobile: '与较早线索的手机号码相同',
  email: '与较早线索的邮箱相同',
};

function beijingTime(date: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Subject, text and markdown for a new lead or a repeat inquiry. */
export function formatLeadNotice(
  event: string,
  lead: LeadRow,
  inquiry: InquiryRow | undefined,
  consoleUrl: string,
): Notice {
  const titles: Record<string, string> = {
    'lead.inquiry': '再次咨询',
    'lead.escalated': '超时未响应',
    'proposal.accepted': '客户已在线接受报价，已签约',
    'proposal.question': '客户就报价留言，请尽快回复',
  };
  const need = [
    inquiry?.areaMin || inquiry?.areaMax ? `面积 ${inquiry.areaMin ?? '?'}–${inquiry.areaMax ?? '?'} ㎡` : '',
    inquiry?.headcount ? `${inquiry.headcount} 人` : '',
    inquiry?.moveInMonth ? `${inquiry.moveInMonth} 入驻` : '',
  ]
    .filter(Boolean)
    .join('，');
  const touch = lead.lastTouch ?? lead.firstTouch;
  const source = touch
    ? [touch.utm?.source, touch.utm?.campaign, touch.embed ? `嵌入 ${touch.embed.id}` : '', touch.referrer]
        .filter(Boolean)
        .join(' / ')
    : '';
  const lines: Array<[string, string]> = [
    ['编号', lead.reference],
    ['公司', lead.companyName + (lead.creditCode ? `（${lead.creditCode}）` : '')],
    ['联系人', lead.contactName],
    ['手机', lead.mobile ?? ''],
    ['邮箱', lead.email ?? ''],
    ['方向', TRACKS[lead.industryTrack] ?? lead.industryTrack],
    ['需求', need],
    ['意向单元', inquiry?.unitIds.join('、') ?? ''],
    ['看房时间', inquiry?.tourTimes.map(beijingTime).join('；') ?? ''],
    ['留言', shorten(inquiry?.message ?? '', MESSAGE_CHARS)],
    ['来源', source || '直接访问'],
    ['可能重复', lead.duplicateReasons.map((r) => DUPLICATE_REASONS[r] ?? r).join('、')],
    ['应答期限', event === 'lead.escalated' && lead.responseDueAt ? beijingTime(lead.responseDueAt) : ''],
  ];
  return composeNotice(
    `${titles[event] ?? '新线索'}：`,
    lead.companyName,
    lines.filter(([, value]) => value),
    consoleUrl,
  );
}

function shorten(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}

/**
 * The notice in each channel's form. `title` and the labels are ours; `subjectName` and every value may come
 * from a visitor and are escaped for each channel (escape-notice-text.ts). The only link is the console's.
 */
function composeNotice(
  title: string,
  subjectName: string,
  lines: ReadonlyArray<readonly [string, string]>,
  consoleUrl: string,
): Notice {
  const plain = `${title}${escapePlainText(subjectName)}`;
  const markdown = `${title}${escapeWecomMarkdown(subjectName)}`;
  return {
    subject: `【招商门户】${plain}`,
    text: `${plain}\n\n${lines.map(([k, v]) => `${k}：${escapePlainText(v)}`).join('\n')}\n\n${consoleUrl}`,
    markdown: `**${markdown}**\n${lines.map(([k, v]) => `> ${k}：<font color="comment">${escapeWecomMarkdown(v)}</font>`).join('\n')}\n[在控制台查看](${consoleUrl})`,
  };
}

const DEPOSIT_TITLES: Record<string, string> = {
  'deposit.paid': '意向金已支付，单元已预订',
  'deposit.late_payment': '意向金支付晚于锁定期，单元已被他人预订，系统将自动退款',
  'deposit.refunded': '意向金已退款',
  'deposit.refund_failed': '意向金退款失败，请人工处理',
};

/** The notice for a deposit event: which unit, how much, and what happens next. */
export function formatDepositNotice(event: string, lead: LeadRow, deposit: DepositRow, consoleUrl: string): Notice {
  const amount = `${formatYuan(BigInt(deposit.amountFen), 'zh')}${deposit.mode === 'demo' ? '（演示，未实际扣款）' : ''}`;
  const lines: Array<[string, string]> = [
    ['编号', lead.reference],
    ['单元', deposit.unitId],
    ['金额', amount],
    ['联系人', `${lead.contactName} ${lead.mobile ?? ''} ${lead.email ?? ''}`.trim()],
    ...(deposit.refundError ? ([['退款错误', deposit.refundError]] as Array<[string, string]>) : []),
  ];
  return composeNotice(`${DEPOSIT_TITLES[event] ?? event}：`, lead.companyName, lines, consoleUrl);
}
