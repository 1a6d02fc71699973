/**
 * A lead's proposals as the lead page shows them, latest version first: each with its units in words, its terms,
 * its economics recomputed from the stored terms (lib/lease-economics.ts: the schedule, total rent, NER and the
 * discount to list), why it needs approval and who decided.
 */
import { desc, eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { formatYuan } from '../../lib/format.ts';
import { computeEconomics, type ProposalTerms } from '../../lib/lease-economics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { proposals, type StoredProposalTerms } from '../db/schema.ts';

/** The stored terms as the economics take them (fen amounts back to bigint). */
function termsOf(stored: StoredProposalTerms): ProposalTerms {
  return { ...stored, creditFen: BigInt(stored.creditFen), fitOutAllowanceFen: BigInt(stored.fitOutAllowanceFen) };
}

const yuan = (fen: bigint, lang: Lang) => formatYuan(fen, lang);
const perSqm = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;

export async function leadProposals(deps: { db: Database; catalog: Catalog }, leadId: string, lang: Lang) {
  const rows = await deps.db
    .select()
    .from(proposals)
    .where(eq(proposals.leadId, leadId))
    .orderBy(desc(proposals.version));
  return rows.map((row) => {
    const economics = computeEconomics(termsOf(row.terms));
    return {
      ...row,
      unitNames: row.unitIds.map((id) => unitDisplayName(deps.catalog, id, lang)),
      totalRent: yuan(economics.totalRentFen, lang),
      nerDay: perSqm(economics.netEffectivePerSqmDayFen),
      nerMonth: perSqm(economics.netEffectivePerSqmMonthFen),
      list: perSqm(economics.listPerSqmDayFen),
      discount: `${perSqm(economics.discountBasisPoints)}%`,
      instalments: economics.instalments.map((i) => ({
        ...i,
        due: yuan(i.dueFen, lang),
        credit: yuan(i.creditFen, lang),
      })),
      securityDeposit: yuan(economics.securityDepositFen, lang),
      endDate: economics.endDate,
    };
  });
}
