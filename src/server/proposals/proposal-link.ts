/**
 * The tenant's link to a sent proposal version, `/proposals/<token>`: signed (security/signed-link.ts) and working
 * until the version's `expires_at`, so the lead page can show the same link again and nothing else is stored.
 */
import { localePath, type Lang } from '../../i18n/lang.ts';
import type { Database } from '../db/open-database.ts';
import { checkSignedToken, issueSignedToken, type SignedTokenCheck } from '../security/signed-link.ts';

/** How long a sent version can be read and accepted; after that the agent sends it again (a new version). */
export const PROPOSAL_LINK_DAYS = 30;

export function issueProposalToken(db: Database, proposal: { id: string; expiresAt: Date }): Promise<string> {
  return issueSignedToken(db, 'proposal-link', proposal.id, proposal.expiresAt);
}

export function checkProposalToken(db: Database, token: string, now: Date = new Date()): Promise<SignedTokenCheck> {
  return checkSignedToken(db, 'proposal-link', token, now);
}

/** The proposal page's address on this site, in a language. */
export async function proposalUrl(
  db: Database,
  siteUrl: string,
  proposal: { id: string; expiresAt: Date },
  lang: Lang,
): Promise<string> {
  return new URL(localePath(lang, `/proposals/${await issueProposalToken(db, proposal)}`), siteUrl).href;
}
