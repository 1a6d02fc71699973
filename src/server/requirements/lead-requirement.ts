/**
 * A lead's requirement (issue 17): area range, floor load, power, clear height, building, move-in month and budget,
 * kept as a saved search's canonical query (lib/saved-search.ts) so the register matches it with the alerts' own
 * matcher. Staff set it on the lead page; until they do, it is read from the lead's latest inquiry (area range and
 * move-in month), so every lead that said what it needs is in the register from its first message.
 */
import { eq } from 'drizzle-orm';
import { savedSearchOf, type SavedSearch } from '../../lib/saved-search.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { leadRequirements, leads } from '../db/schema.ts';

/** The lead page's requirement form: its fields and the search parameter each one is. */
export const REQUIREMENT_FIELDS = {
  building: 'building',
  minArea: 'minArea',
  maxArea: 'maxArea',
  minLoad: 'minLoad',
  minCeiling: 'minCeiling',
  minPower: 'minPower',
  moveInMonth: 'availableBy',
  maxRent: 'maxRent',
} as const;
type RequirementField = keyof typeof REQUIREMENT_FIELDS;

/** What the latest inquiry said, as the requirement's query (undefined when it said nothing to match on). */
export function requirementFromInquiry(inquiry: {
  areaMin: string | null;
  areaMax: string | null;
  moveInMonth: string | null;
}): string | undefined {
  const params = new URLSearchParams();
  if (inquiry.areaMin) params.set('minArea', inquiry.areaMin);
  if (inquiry.areaMax) params.set('maxArea', inquiry.areaMax);
  if (inquiry.moveInMonth) params.set('availableBy', inquiry.moveInMonth);
  const search = savedSearchOf(params);
  return search.ok ? search.query : undefined;
}

/** A stored query back to the form's values (a move-in date shows as its month). */
export function requirementFormValues(query: string | undefined): Record<RequirementField, string> {
  const params = new URLSearchParams(query ?? '');
  const values = {} as Record<RequirementField, string>;
  for (const [field, param] of Object.entries(REQUIREMENT_FIELDS) as Array<[RequirementField, string]>) {
    const value = params.get(param) ?? '';
    values[field] = field === 'moveInMonth' ? value.slice(0, 7) : value;
  }
  return values;
}

type RequirementResult =
  { ok: true } | { ok: false; code: 'not_found' } | { ok: false; code: 'invalid'; field: string };

/** The form's fields as a saved search, or the first field at fault. */
function requirementOf(catalog: Catalog, fields: Record<string, string>): SavedSearch & { field?: string } {
  const params = new URLSearchParams();
  for (const [field, param] of Object.entries(REQUIREMENT_FIELDS)) {
    const value = (fields[field] ?? '').trim();
    if (value === '') continue;
    // A month, not a day: "2027-03". A full date is refused here so the form means what it shows.
    if (field === 'moveInMonth' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return { ok: false, errors: [], field };
    params.set(param, value);
  }
  const search = savedSearchOf(params, catalog.buildingBySlug);
  if (search.ok || 'tooBroad' in search) return search;
  const param = search.errors[0]?.field;
  const field = Object.entries(REQUIREMENT_FIELDS).find(([, p]) => p === param)?.[0] ?? 'minArea';
  return { ...search, field };
}

/**
 * Sets (or, with every field empty, clears: the latest inquiry speaks again) a lead's requirement, audited. The
 * register's next sweep (match-requirements.ts) matches it.
 */
export async function setLeadRequirement(
  deps: { db: Database; catalog: Catalog },
  actor: Actor,
  leadId: string,
  fields: Record<string, string>,
): Promise<RequirementResult> {
  const { db, catalog } = deps;
  const search = requirementOf(catalog, fields);
  if (!search.ok && !('tooBroad' in search)) return { ok: false, code: 'invalid', field: search.field ?? 'minArea' };
  return db.transaction(async (tx) => {
    const [lead] = await tx.select({ id: leads.id }).from(leads).where(eq(leads.id, leadId)).for('update');
    if (!lead) return { ok: false, code: 'not_found' } as const;
    const [before] = await tx.select().from(leadRequirements).where(eq(leadRequirements.leadId, leadId));
    if (search.ok)
      await tx
        .insert(leadRequirements)
        .values({ leadId, query: search.query, updatedBy: actor.email })
        .onConflictDoUpdate({
          target: leadRequirements.leadId,
          set: { query: search.query, updatedBy: actor.email, updatedAt: new Date() },
        });
    else await tx.delete(leadRequirements).where(eq(leadRequirements.leadId, leadId));
    await recordAudit(
      tx,
      actor,
      'lead.requirement',
      'lead',
      leadId,
      { requirement: before?.query ?? null },
      { requirement: search.ok ? search.query : null },
    );
    return { ok: true } as const;
  });
}
