/**
 * Lead intake: validates an inquiry, applies the abuse checks, and stores it in one transaction as a new lead in
 * stage New, together with the notices to staff (outbox). Nothing is stored when anything is refused.
 *
 * Every inquiry gets a lead and a reference of its own, even when it names the mobile, email or credit code of
 * an existing lead: the sender is not verified, so they may neither add to nor learn about someone else's lead
 * (the answer is the same either way). Such a lead is flagged `possible_duplicate_of` for staff to merge.
 */
import { and, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { parseLeadInput, type LeadInput } from '../../lib/lead-input.ts';
import type { LeadFieldError } from '../../lib/lead-field-errors.ts';
import { resolveUnitRef } from '../../lib/unit-ref.ts';
import { unitChoices } from '../catalog/unit-choices.ts';
import { MIN_FILL_SECONDS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { inquiries, leads } from '../db/schema.ts';
import { enqueueNotices } from '../notify/enqueue-notices.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { checkFormToken } from '../security/form-token.ts';
import {
  hitRateLimit,
  LEAD_LIMITS_PER_CONTACT,
  LEAD_LIMITS_PER_IP,
  LEAD_LIMITS_PER_IP_WITHOUT_TOKEN,
} from '../security/rate-limit.ts';
import { isFormTokenReuse, isFormTokenUsed, spendFormToken } from '../security/spend-form-token.ts';
import type { Touch } from './attribution.ts';
import { newLeadReference } from './lead-reference.ts';

export const DUPLICATE_WINDOW_DAYS = 90;
export const FORM_TOKEN_SECRET = 'form-token';

export interface SubmitLeadDeps {
  db: Database;
  catalog: Catalog;
  /** The notification channels configured now; none means notices are held for the console. */
  channels: readonly string[];
  /** Called after a commit so notices go out soon, without the request waiting for them. */
  onStored?: () => void;
}

export interface SubmitLeadRequest {
  raw: unknown;
  lang: Lang;
  clientIp: string;
  channel: 'form' | 'api';
  /** An HTML form post (the page's form without JavaScript, or a form body to the API): it must carry a form token. */
  isFormPost?: boolean;
  firstTouch?: Touch | undefined;
  lastTouch?: Touch | undefined;
  pagePath?: string | undefined;
  now?: Date;
}

export type SubmitLeadRefusal = 'invalid' | 'rejected' | 'too_fast' | 'expired_form' | 'used_form' | 'rate_limited';

export type SubmitLeadResult =
  | { ok: true; reference: string; leadId: string; inquiryId: string }
  | { ok: false; reason: SubmitLeadRefusal; errors: LeadFieldError[]; retryAfterSeconds?: number };

/** An inquiry that passed screening, with the form token it spends when it is stored. */
export type ScreenedLead = LeadInput & { spentToken?: { id: string; expiresAt: Date } | undefined };

function refuse(
  reason: SubmitLeadRefusal,
  extra: Partial<Extract<SubmitLeadResult, { ok: false }>> = {},
): Extract<SubmitLeadResult, { ok: false }> {
  return { ok: false, reason, errors: [], ...extra };
}

/** A transaction (or the database itself) to run statements in. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, request: SubmitLeadRequest): Promise<SubmitLeadResult> {
  const screened = await screenLead(deps, request);
  if (!screened.ok) return screened;
  let stored: Awaited<ReturnType<typeof storeInquiry>>;
  try {
    stored = await deps.db.transaction((tx) =>
      storeInquiry(tx, deps.channels, screened.lead, request, request.now ?? new Date()),
    );
  } catch (error) {
    if (isFormTokenReuse(error)) return refuse('used_form');
    throw error;
  }
  deps.onStored?.();
  return { ok: true, ...stored };
}

/** Validation and the abuse checks, before anything is stored. */
export async function screenLead(
  deps: Pick<SubmitLeadDeps, 'db' | 'catalog'>,
  request: SubmitLeadRequest,
): Promise<{ ok: true; lead: ScreenedLead } | Extract<SubmitLeadResult, { ok: false }>> {
  const now = request.now ?? new Date();
  const parsed = parseLeadInput(request.raw, {
    thisMonth: todayInBeijing(now).slice(0, 7),
    now,
    resolveUnit: (ref) => resolveUnitRef(ref, unitChoices(deps.catalog)),
  });
  if (!parsed.ok) return refuse('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuse('rejected');
  // Our own pages always send a token; a form post without one is a stale page or a bot. JSON integrations may
  // leave it out and get the stricter limits below instead.
  if (!lead.formToken && request.isFormPost) return refuse('expired_form');
  let spentToken: ScreenedLead['spentToken'];
  if (lead.formToken) {
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check.status === 'too_fast') return refuse('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check.status !== 'ok') return refuse('expired_form');
    if (await isFormTokenUsed(deps.db, check.id)) return refuse('used_form');
    spentToken = { id: check.id, expiresAt: check.expiresAt };
  }

  const ipLimits = spentToken ? [LEAD_LIMITS_PER_IP] : [LEAD_LIMITS_PER_IP, LEAD_LIMITS_PER_IP_WITHOUT_TOKEN];
  for (const rule of ipLimits) {
    const perIp = await hitRateLimit(deps.db, rule, request.clientIp);
    if (!perIp.isAllowed) return refuse('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
  }
  // Per contact *from this address*: a person re-sending is slowed down, but nobody can block someone else's mobile
  // (or learn from a 429 that that person inquired within the hour) by sending inquiries in their name.
  const perContact = await hitRateLimit(
    deps.db,
    LEAD_LIMITS_PER_CONTACT,
    `${request.clientIp}|${lead.mobile ?? lead.email ?? ''}`,
  );
  if (!perContact.isAllowed) return refuse('rate_limited', { retryAfterSeconds: perContact.retryAfterSeconds });
  return { ok: true, lead: { ...lead, spentToken } };
}

/** Something an inquiry may share with an earlier lead: the reason staff see, the value, and its condition. */
interface Identity {
  reason: 'credit_code' | 'mobile' | 'email';
  value: string;
  matches: SQL;
}

function identities(lead: LeadInput): Identity[] {
  const found: Identity[] = [];
  if (lead.creditCode)
    found.push({ reason: 'credit_code', value: lead.creditCode, matches: eq(leads.creditCode, lead.creditCode) });
  if (lead.mobile) found.push({ reason: 'mobile', value: lead.mobile, matches: eq(leads.mobile, lead.mobile) });
  if (lead.email) found.push({ reason: 'email', value: lead.email, matches: eq(leads.email, lead.email) });
  return found;
}

/**
 * Stores a screened inquiry inside the caller's transaction: always a new lead with its own reference and its own
 * contact fields, flagged when it shares an identity with a lead of the last 90 days; with its notices. Existing
 * leads are only read, never changed.
 */
export async function storeInquiry(
  tx: Tx,
  notifyChannels: readonly string[],
  lead: ScreenedLead,
  request: SubmitLeadRequest,
  now: Date,
) {
  if (lead.spentToken) await spendFormToken(tx, lead.spentToken.id, lead.spentToken.expiresAt);
  const touch = request.lastTouch ?? request.firstTouch;
  const keys = identities(lead);
  // Serialise inquiries naming the same company or person, so two sent at once still see each other.
  for (const key of [...keys].sort((a, b) => `${a.reason}:${a.value}`.localeCompare(`${b.reason}:${b.value}`))) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${key.reason}:${key.value}`}, 0))`);
  }

  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  // The schema requires a mobile or an email, so there is always at least one identity to match.
  const [earlier] = await tx
    .select({ id: leads.id, creditCode: leads.creditCode, mobile: leads.mobile, email: leads.email })
    .from(leads)
    .where(and(gt(leads.lastInquiryAt, since), or(sql`false`, ...keys.map((k) => k.matches))))
    .orderBy(desc(leads.lastInquiryAt))
    .limit(1);
  const shared = earlier
    ? keys
        .filter((k) => (k.reason === 'credit_code' ? earlier.creditCode : earlier[k.reason]) === k.value)
        .map((k) => k.reason)
    : [];

  let row: { id: string; reference: string } | undefined;
  while (!row) {
    [row] = await tx
      .insert(leads)
      .values({
        reference: newLeadReference(),
        companyName: lead.companyName,
        creditCode: lead.creditCode ?? null,
        contactName: lead.contactName,
        mobile: lead.mobile ?? null,
        email: lead.email ?? null,
        industryTrack: lead.industryTrack,
        lang: request.lang,
        firstTouch: request.firstTouch ?? touch ?? null,
        lastTouch: touch ?? null,
        createdAt: now,
        updatedAt: now,
        lastInquiryAt: now,
        possibleDuplicateOf: earlier?.id ?? null,
        duplicateReasons: shared,
      })
      .onConflictDoNothing({ target: leads.reference })
      .returning({ id: leads.id, reference: leads.reference });
  }
  const { id: leadId, reference } = row;

  const [inquiry] = await tx
    .insert(inquiries)
    .values({
      leadId,
      areaMin: lead.areaMin?.toFixed(2) ?? null,
      areaMax: lead.areaMax?.toFixed(2) ?? null,
      headcount: lead.headcount ?? null,
      moveInMonth: lead.moveInMonth ?? null,
      unitIds: lead.unitIds,
      tourTimes: lead.tourTimes.map((t) => new Date(`${t}:00+08:00`)),
      message: lead.message ?? null,
      touch: touch ?? null,
      pagePath: request.pagePath ?? null,
      channel: request.channel,
      lang: request.lang,
      createdAt: now,
    })
    .returning({ id: inquiries.id });

  await enqueueNotices(tx, notifyChannels, { event: 'lead.created', leadId, inquiryId: inquiry!.id }, now);
  return { reference, leadId, inquiryId: inquiry!.id };
}
