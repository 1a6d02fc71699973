/**
 * The owner's e-mail that units newly fit a lead's requirement (requirements/match-requirements.ts), in Chinese
 * like the team's other notices: the requirement in words, each new unit with its area and when it is free, the
 * right of first refusal where that is why, and the lead's console page.
 */
import { and, eq } from 'drizzle-orm';
import { formatArea, formatDate, todayInBeijing } from '../../lib/format.ts';
import { describeSavedSearch } from '../alerts/describe-saved-search.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import { leadRequirements, requirementMatches } from '../db/schema.ts';
import type { LeadNoticeFormatter } from './format-personal-notice.ts';
import { escapePlainText } from './escape-notice-text.ts';

/** Units an e-mail lists; a broad requirement's first sweep can fit many, which the lead page lists whole. */
const LISTED = 20;

export const formatRequirementNotice: LeadNoticeFormatter = async (db, notice, lead, siteUrl, catalog) => {
  if (!catalog || !notice.recipient) return undefined;
  // What the sweep that wrote this notice matched (a unit that stopped fitting since is left out).
  const fresh = await db
    .select()
    .from(requirementMatches)
    .where(and(eq(requirementMatches.leadId, lead.id), eq(requirementMatches.matchedAt, notice.createdAt)))
    .orderBy(requirementMatches.availableFrom);
  if (fresh.length === 0) return undefined;
  const [requirement] = await db.select().from(leadRequirements).where(eq(leadRequirements.leadId, lead.id));
  const today = todayInBeijing();
  const company = escapePlainText(lead.companyName);
  const lines = fresh.map((m) => {
    const unit = catalog.unitById.get(m.unitId);
    const when = m.availableFrom <= today ? '现可租' : `预计 ${formatDate(m.availableFrom, 'zh')} 起可租`;
    return `· ${unitDisplayName(catalog, m.unitId, 'zh')}${unit ? ` · ${formatArea(unit.grossArea, 'zh')}` : ''} · ${when}${m.byFirstRefusal ? ' · 该客户享有优先承租权，请先征询' : ''}`;
  });
  return {
    to: notice.recipient,
    markdown: '',
    subject: `【招商门户】${fresh.length} 个单元现在符合 ${company} 的需求`,
    text: [
      `${company}（${lead.reference}）`,
      requirement
        ? `需求：${describeSavedSearch(catalog, requirement.query, 'zh')}`
        : '需求：按最近一次咨询的面积与入驻时间',
      '',
      '新符合的单元：',
      ...lines.slice(0, LISTED),
      ...(lines.length > LISTED ? [`……另有 ${lines.length - LISTED} 个，见线索页面`] : []),
      '',
      new URL(`/console/leads/${lead.id}`, siteUrl).href,
    ].join('\n'),
  };
};
