/**
 * What the tenant's proposal page (`/proposals/<token>`) and its PDF show: the version the link names as a
 * document (proposal-document.ts), its floor plans, the lead's other sent versions side by side, the tenant's
 * own questions, who their agent is, and whether it can still be accepted (sent, not superseded, not past its
 * date). A genuine link past its date still shows an accepted version, read-only: both sides keep seeing what
 * was accepted.
 */
import { asc, eq, inArray, and } from 'drizzle-orm';
import { staffUsers } from '../db/auth-schema.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, leads, proposals, type ProposalRow } from '../db/schema.ts';
import { proposalQuestions } from './ask-about-proposal.ts';
import { documentSha256, proposalDocument, type ProposalDocument } from './proposal-document.ts';
import { checkProposalToken, issueProposalToken } from './proposal-link.ts';
import { proposalPlans, type ProposalPlan } from './proposal-plans.ts';

interface VersionSummary {
  version: number;
  status: ProposalRow['status'];
  document: ProposalDocument;
  /** The version's own page (its link), for versions other than this one. */
  token: string;
}

export type ProposalPageView =
  | { status: 'invalid' | 'expired' | 'withdrawn' }
  | {
      status: 'ok';
      proposal: ProposalRow;
      document: ProposalDocument;
      sha256: string;
      plans: ProposalPlan[];
      versions: VersionSummary[];
      /** The version sent after this one, when this one was superseded. */
      newer: VersionSummary | undefined;
      /** Accept is offered: sent, and the link still works. */
      canAccept: boolean;
      /** Questions can still be asked. */
      canAsk: boolean;
      isExpired: boolean;
      agent: { name: string; phone: string | null; email: string } | undefined;
      questions: Awaited<ReturnType<typeof proposalQuestions>>;
      lang: 'zh' | 'en';
    };

const SENT = ['sent', 'superseded', 'accepted'] as const;

export async function proposalPageView(
  deps: { db: Database; catalog: Catalog },
  token: string,
  now: Date = new Date(),
): Promise<ProposalPageView> {
  const check = await checkProposalToken(deps.db, token, now);
  if (check.status === 'invalid') return { status: 'invalid' };
  const [proposal] = await deps.db.select().from(proposals).where(eq(proposals.id, check.id));
  if (!proposal || !proposal.sentAt || !proposal.expiresAt) return { status: 'invalid' };
  if (!(SENT as readonly string[]).includes(proposal.status)) return { status: 'withdrawn' };
  const isExpired = check.status === 'expired';
  if (isExpired && proposal.status !== 'accepted') return { status: 'expired' };
  const [lead] = await deps.db.select().from(leads).where(eq(leads.id, proposal.leadId));
  if (!lead) return { status: 'invalid' };
  const rows = await deps.db
    .select()
    .from(proposals)
    .where(and(eq(proposals.leadId, lead.id), inArray(proposals.status, [...SENT])))
    .orderBy(asc(proposals.version));
  const versions: VersionSummary[] = await Promise.all(
    rows.map(async (row) => ({
      version: row.version,
      status: row.status,
      document: proposalDocument({ ...row, sentAt: row.sentAt!, expiresAt: row.expiresAt! }, lead, deps.catalog),
      token: await issueProposalToken(deps.db, { id: row.id, expiresAt: row.expiresAt! }),
    })),
  );
  const document = proposalDocument(
    { ...proposal, sentAt: proposal.sentAt, expiresAt: proposal.expiresAt },
    lead,
    deps.catalog,
  );
  const [agent] = lead.ownerId
    ? await deps.db
        .select({ name: staffUsers.name, email: staffUsers.email, phone: agentProfiles.workPhone })
        .from(staffUsers)
        .leftJoin(agentProfiles, eq(agentProfiles.userId, staffUsers.id))
        .where(eq(staffUsers.id, lead.ownerId))
    : [];
  const newer =
    proposal.status === 'superseded' ? versions.filter((v) => v.version > proposal.version).at(-1) : undefined;
  return {
    status: 'ok',
    proposal,
    document,
    sha256: documentSha256(document),
    plans: proposalPlans(deps.catalog, proposal.unitIds),
    versions,
    newer,
    canAccept: proposal.status === 'sent' && !isExpired,
    canAsk: !isExpired,
    isExpired,
    agent,
    questions: await proposalQuestions(deps.db, lead.id),
    lang: lead.lang === 'en' ? 'en' : 'zh',
  };
}
