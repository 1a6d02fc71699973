/**
 * POST /api/proposals: what a tenant does with a proposal link — ask a question or ask for changes (`ask`), or
 * accept the version (`accept`: name, title, company, an explicit confirmation, and the SHA-256 of the document
 * the page showed). A form from the proposal page (answer-outcome.ts sends it back there) or JSON. Every field is
 * checked and a refusal says why in both languages; the signature goes through a SignatureProvider (e-signature.ts).
 */
import type { APIContext } from 'astro';
import { z } from 'astro/zod';
import { eq } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { proposals } from '../db/schema.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { clientIp } from '../security/client-ip.ts';
import { FORM_BODY_LIMIT_BYTES, readFields } from '../security/read-fields.ts';
import { acceptProposal } from './accept-proposal.ts';
import { askAboutProposal, QUESTION_KINDS } from './ask-about-proposal.ts';
import { clickToAccept, type SignatureProvider } from './e-signature.ts';
import { checkProposalToken } from './proposal-link.ts';

export interface ProposalRequestDeps {
  db: Database;
  catalog: Catalog;
  notifyChannels: readonly string[];
  outbox?: { kick(): void } | undefined;
  /** Who signs; the built-in click-to-accept unless a licensed service is configured. */
  signatures?: SignatureProvider | undefined;
}

const FIELD_MESSAGES = {
  action: { zh: '未知的操作。', en: 'Unknown action.' },
  question: { zh: '请选择是提问还是申请修改。', en: 'Choose whether you ask a question or request changes.' },
  message: {
    zh: '请写下您的问题或修改要求（2–2000 字）。',
    en: 'Write your question or the changes (2–2000 characters).',
  },
  name: { zh: '请填写签署人姓名（最多 40 字）。', en: 'Enter the signer’s name (at most 40 characters).' },
  title: { zh: '请填写签署人职务（最多 60 字）。', en: 'Enter the signer’s title (at most 60 characters).' },
  company: { zh: '请填写公司名称（2–100 字）。', en: 'Enter the company’s name (2–100 characters).' },
  confirm: {
    zh: '请勾选确认：您有权代表公司接受本报价。',
    en: 'Tick the confirmation that you may accept this proposal for the company.',
  },
  documentSha256: {
    zh: '页面上的报价文件标识缺失或无效，请刷新页面后重试。',
    en: 'The page’s document fingerprint is missing or invalid: reload the page and try again.',
  },
} as const;
type Field = keyof typeof FIELD_MESSAGES;

function invalid(...fields: Field[]) {
  const errors: FieldProblem[] = fields.map((field) => ({ field, code: 'invalid', message: FIELD_MESSAGES[field] }));
  return refused('invalid', { errors });
}

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const askInput = z.object({ question: z.enum(QUESTION_KINDS), message: text(2, 2000) });
const acceptInput = z.object({
  name: text(1, 40),
  title: text(1, 60),
  company: text(2, 100),
  confirm: z.union([z.literal('yes'), z.literal(true)]),
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type ProposalAction = 'ask' | 'accept';

/**
 * Applies one request to the proposal the link names, or says why not.
 * @internal Exported for tests/integration/proposal-acceptance.test.ts.
 */
export async function applyProposalRequest(
  deps: ProposalRequestDeps,
  proposalId: string,
  fields: Record<string, unknown>,
  seen: { ip: string; userAgent: string },
  now: Date = new Date(),
): Promise<Outcome<{ action: ProposalAction }>> {
  const action = fields.action;
  if (action === 'ask') {
    const parsed = askInput.safeParse(fields);
    if (!parsed.success) return invalid(...new Set(parsed.error.issues.map((i) => i.path[0] as Field)));
    const result = await askAboutProposal(
      deps,
      proposalId,
      { kind: parsed.data.question, message: parsed.data.message },
      now,
    );
    if (result.ok) return { ok: true, action };
    if (result.code === 'rate_limited')
      return refused('rate_limited', { retryAfterSeconds: result.retryAfterSeconds ?? 60 });
    return refused(result.code === 'not_found' ? 'invalid_link' : result.code);
  }
  if (action !== 'accept') return invalid('action');
  const parsed = acceptInput.safeParse(fields);
  if (!parsed.success) return invalid(...new Set(parsed.error.issues.map((i) => i.path[0] as Field)));
  const input = parsed.data;
  // Asked before the signature, so nobody signs what cannot be accepted; asked again, under locks, when accepting.
  const [current] = await deps.db
    .select({ status: proposals.status, sha256: proposals.documentSha256 })
    .from(proposals)
    .where(eq(proposals.id, proposalId));
  if (!current) return refused('invalid_link');
  if (current.status === 'sent' && current.sha256 !== input.documentSha256) return refused('proposal_document_changed');
  const provider = deps.signatures ?? clickToAccept;
  const signed = await provider.sign({
    proposalId,
    documentSha256: input.documentSha256,
    signer: { name: input.name, title: input.title, company: input.company },
    ip: seen.ip,
    userAgent: seen.userAgent,
    at: now,
  });
  if (signed.status !== 'signed') return refused('proposal_signature_refused');
  const result = await acceptProposal(deps, proposalId, signed.evidence, now);
  if (result.ok) return { ok: true, action };
  if (result.code === 'not_found') return refused('invalid_link');
  if (result.code === 'proposal_unit_unavailable')
    return refused(result.code, { params: { unit: result.unitId ?? '' } });
  return refused(result.code);
}

function clientAddressOf(context: APIContext): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/** Reads the request and applies it: the outcome, the token and the language for the page a form goes back to. */
export async function receiveProposalRequest(
  context: APIContext,
  deps: ProposalRequestDeps,
  trustProxy: boolean,
): Promise<{ outcome: Outcome<{ action: ProposalAction }>; token: string; lang: Lang }> {
  const fields = await readFields(context.request, FORM_BODY_LIMIT_BYTES);
  const pageLang = context.locals.lang;
  if (typeof fields === 'string') return { outcome: refused(fields), token: '', lang: pageLang };
  const lang: Lang = fields.lang === 'en' ? 'en' : fields.lang === 'zh' ? 'zh' : pageLang;
  const token = typeof fields.token === 'string' ? fields.token : '';
  const check = await checkProposalToken(deps.db, token);
  if (check.status !== 'ok')
    return { outcome: refused(check.status === 'expired' ? 'proposal_link_expired' : 'invalid_link'), token, lang };
  const seen = {
    ip: clientIp(context.request.headers, clientAddressOf(context), trustProxy),
    userAgent: (context.request.headers.get('user-agent') ?? '').slice(0, 400),
  };
  return { outcome: await applyProposalRequest(deps, check.id, fields, seen), token, lang };
}
