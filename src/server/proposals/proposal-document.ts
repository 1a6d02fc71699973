/**
 * A proposal version as a document: what the tenant reads on the proposal page and in the PDF, and what an
 * acceptance accepts. Its SHA-256 is taken over a canonical JSON form (keys sorted, money as fen strings) when the
 * version is sent and stored with it; the page, the PDF and the acceptance evidence all carry it, and an
 * acceptance is refused unless the document it names is the one stored (proposals/accept-proposal.ts).
 */
import { createHash } from 'node:crypto';
import { computeEconomics, type Economics, type ProposalTerms } from '../../lib/lease-economics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { unitDisplayName } from '../catalog/name-unit.ts';
import type { ProposalRow, StoredProposalTerms } from '../db/schema.ts';

/** The stored terms as the economics take them (fen amounts back to bigint). */
export function termsOf(stored: StoredProposalTerms): ProposalTerms {
  return { ...stored, creditFen: BigInt(stored.creditFen), fitOutAllowanceFen: BigInt(stored.fitOutAllowanceFen) };
}

export interface ProposalDocument {
  proposalId: string;
  version: number;
  park: { zh: string; en: string };
  tenant: { company: string; reference: string };
  units: Array<{ id: string; zh: string; en: string; area: string }>;
  terms: StoredProposalTerms;
  economics: Economics;
  /** The units' list rent per ㎡ per day in fen, and the NER's discount to it in basis points (1 % = 100). */
  listPerSqmDayFen: bigint;
  discountToListBasisPoints: bigint;
  sentAt: string;
  expiresAt: string;
}

/** Divides and rounds half up (non-negative operands). */
const roundDiv = (n: bigint, d: bigint) => (n * 2n + d) / (d * 2n);

/** The document of a version that has been (or is being) sent: `sentAt` and `expiresAt` are set. */
export function proposalDocument(
  row: Pick<ProposalRow, 'id' | 'version' | 'unitIds' | 'terms' | 'listPerSqmDayFen'> & {
    sentAt: Date;
    expiresAt: Date;
  },
  lead: { companyName: string; reference: string },
  catalog: Catalog,
): ProposalDocument {
  const economics = computeEconomics(termsOf(row.terms));
  const list = BigInt(row.listPerSqmDayFen);
  const ner = economics.netEffectivePerSqmDayFen;
  return {
    proposalId: row.id,
    version: row.version,
    park: { zh: catalog.park.name.zh, en: catalog.park.name.en },
    tenant: { company: lead.companyName, reference: lead.reference },
    units: row.unitIds.map((id) => ({
      id,
      zh: unitDisplayName(catalog, id, 'zh'),
      en: unitDisplayName(catalog, id, 'en'),
      area: (catalog.unitById.get(id)?.grossArea ?? 0).toFixed(2),
    })),
    terms: row.terms,
    economics,
    listPerSqmDayFen: list,
    discountToListBasisPoints: list > ner ? roundDiv((list - ner) * 10000n, list) : 0n,
    sentAt: row.sentAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** JSON with object keys sorted at every level and bigints as strings: one text for one document. */
function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The document's SHA-256, lower-case hex. */
export function documentSha256(document: ProposalDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
