/**
 * What the console shows of the requirement register: on a lead's page its requirement (as words and as the
 * form's values), the units that fit it, and room to grow (its units' neighbours, when each comes free, and its
 * rights of first refusal); on the inventory page, the leads each unit fits.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { formatAvailability, todayInBeijing } from '../../lib/format.ts';
import { policiesFor } from '../../lib/policy-support.ts';
import { describeSavedSearch } from '../alerts/describe-saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { adjacentUnits } from '../catalog/find-adjacent-units.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { inquiries, leadRequirements, leads, requirementMatches } from '../db/schema.ts';
import { listUnitStates } from '../inventory/list-unit-states.ts';
import { firstRefusalHolders, firstRefusalsOf, unitsHeldBy } from './first-refusals.ts';
import { requirementFormValues, requirementFromInquiry } from './lead-requirement.ts';

export async function leadRequirementView(deps: { db: Database; catalog: Catalog }, leadId: string, lang: Lang) {
  const { db, catalog } = deps;
  const today = todayInBeijing();
  const [explicit] = await db.select().from(leadRequirements).where(eq(leadRequirements.leadId, leadId));
  // Every inquiry: the latest says the need (until staff set it); the units any of them asked about come first.
  const asked = await db
    .select({
      areaMin: inquiries.areaMin,
      areaMax: inquiries.areaMax,
      moveInMonth: inquiries.moveInMonth,
      unitIds: inquiries.unitIds,
    })
    .from(inquiries)
    .where(eq(inquiries.leadId, leadId))
    .orderBy(desc(inquiries.createdAt));
  const [inquiry] = asked;
  const askedAbout = new Set(asked.flatMap((r) => r.unitIds ?? []));
  const query = explicit?.query ?? (inquiry ? requirementFromInquiry(inquiry) : undefined);
  const matches = await db
    .select()
    .from(requirementMatches)
    .where(eq(requirementMatches.leadId, leadId))
    .orderBy(requirementMatches.availableFrom, requirementMatches.unitId);
  const [lead] = await db.select({ profile: leads.policyProfile }).from(leads).where(eq(leads.id, leadId));
  const profile = lead?.profile ?? [];
  const held = await unitsHeldBy(db, leadId, today);
  const rights = await firstRefusalsOf(db, leadId);
  const neighbourIds = held.flatMap((id) => {
    const unit = catalog.unitById.get(id);
    return unit ? adjacentUnits(catalog, unit).map((n) => n.id) : [];
  });
  const states = await listUnitStates(db, [...held, ...neighbourIds]);
  const running = await firstRefusalHolders(db, neighbourIds, today);
  const availability = (unitId: string) => {
    const state = states.get(unitId);
    // Staff see a leased unit's true end, private or not (the console's inventory rule).
    return state ? formatAvailability(state.availableFrom, state.status, today, lang) : '';
  };
  return {
    /** Set by staff, or read from the latest inquiry (undefined: nothing to match on yet). */
    source: explicit ? ('staff' as const) : query ? ('inquiry' as const) : undefined,
    words: query ? describeSavedSearch(catalog, query, lang) : undefined,
    form: requirementFormValues(query),
    /** The same search on the public unit search (available now or by the move-in date). */
    searchQuery: query,
    matches: matches
      .map((m) => ({
        unitId: m.unitId,
        name: unitDisplayName(catalog, m.unitId, lang),
        area: catalog.unitById.get(m.unitId)?.grossArea ?? 0,
        availableFrom: m.availableFrom,
        isNow: m.availableFrom <= today,
        byFirstRefusal: m.byFirstRefusal,
        askedAbout: askedAbout.has(m.unitId),
      }))
      // The units asked about first (the agent's first call is about them), then soonest free (a stable sort).
      .sort((a, b) => Number(b.askedAbout) - Number(a.askedAbout)),
    /** What the company said it is (support-policy profiles), in words, and the policies it may qualify for. */
    policyProfile: catalog.policyProfiles.filter((p) => profile.includes(p.key)).map((p) => p.name[lang]),
    policies: policiesFor(catalog.policies, profile, today),
    /** The lead's own units and, for each, the neighbours it could grow into and when each is free. */
    roomToGrow: held.map((unitId) => {
      const unit = catalog.unitById.get(unitId);
      return {
        unitId,
        name: unitDisplayName(catalog, unitId, lang),
        neighbours: (unit ? adjacentUnits(catalog, unit) : []).map((n) => ({
          unitId: n.id,
          name: unitDisplayName(catalog, n.id, lang),
          area: n.grossArea,
          availability: availability(n.id),
          /** Somebody's running right on it (this lead's or another's). */
          right: running.get(n.id),
        })),
      };
    }),
    rights: rights.map((r) => ({
      ...r,
      unitName: unitDisplayName(catalog, r.unitId, lang),
      holderName: unitDisplayName(catalog, r.holderUnitId, lang),
      isRunning: r.endedAt === null && r.untilOn >= today,
    })),
  };
}

/** A lead a unit fits, for the inventory page. */
export interface FittingLead {
  leadId: string;
  reference: string;
  company: string;
  availableFrom: string;
  byFirstRefusal: boolean;
}

/** For the inventory page: the open leads each unit fits, with when it is free for them (holders first). */
export async function leadsFittingUnits(db: Database, unitIds: readonly string[]): Promise<Map<string, FittingLead[]>> {
  const byUnit = new Map<string, FittingLead[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .select({
      unitId: requirementMatches.unitId,
      leadId: leads.id,
      reference: leads.reference,
      company: leads.companyName,
      availableFrom: requirementMatches.availableFrom,
      byFirstRefusal: requirementMatches.byFirstRefusal,
    })
    .from(requirementMatches)
    .innerJoin(leads, eq(leads.id, requirementMatches.leadId))
    .where(inArray(requirementMatches.unitId, [...unitIds]))
    .orderBy(desc(requirementMatches.byFirstRefusal), leads.reference);
  for (const { unitId, ...lead } of rows) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), lead]);
  return byUnit;
}
