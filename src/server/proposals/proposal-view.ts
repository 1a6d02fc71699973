/**
 * A lead's proposals as the lead page shows them, latest version first: each with its units in words, its terms,
 * its economics recomputed from the stored terms (lib/lease-economics.ts: the schedule, total rent, NER and the
 * discount to the units' list price), why it needs approval and who decided, and once sent the tenant's link.
 */
import { desc, eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { formatYuan } from '../../lib/format.ts';
import { computeEconomics } from '../../lib/lease-economics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { Database } from '../db/open-database.ts';
import { proposals } from '../db/schema.ts';
import { percent, perSqm } from './describe-proposal.ts';
import { termsOf } from './proposal-document.ts';
import { issueProposalToken } from './proposal-link.ts';

/** Divides and rounds half up (non-negative operands). */
const roundDiv = (n: bigint, d: bigint) => (n * 2n + d) / (d * 2n);

export async function leadProposals(deps: { db: Database; catalog: Catalog }, leadId: string, lang: Lang) {
  const rows = await deps.db
    .select()
    .from(proposals)
    .where(eq(proposals.leadId, leadId))
    .orderBy(desc(proposals.version));
  return Promise.all(
    rows.map(async (row) => {
      const economics = computeEconomics(termsOf(row.terms));
      const list = BigInt(row.listPerSqmDayFen);
      const ner = economics.netEffectivePerSqmDayFen;
      const yuan = (fen: bigint) => formatYuan(fen, lang);
      return {
        ...row,
        unitNames: row.unitIds.map((id) => unitDisplayName(deps.catalog, id, lang)),
        totalRent: yuan(economics.totalRentFen),
        nerDay: perSqm(ner),
        nerMonth: perSqm(economics.netEffectivePerSqmMonthFen),
        list: perSqm(list),
        discount: percent(list > ner ? roundDiv((list - ner) * 10000n, list) : 0n),
        instalments: economics.instalments.map((i) => ({ ...i, due: yuan(i.dueFen), credit: yuan(i.creditFen) })),
        securityDeposit: yuan(economics.securityDepositFen),
        endDate: economics.endDate,
        /** The tenant's link, once sent (the same link the e-mail carried). */
        token: row.expiresAt ? await issueProposalToken(deps.db, { id: row.id, expiresAt: row.expiresAt }) : undefined,
      };
    }),
  );
}
