/**
 * Lead intake: validates an inquiry, applies the abuse checks, and stores it in one transaction, as a new lead
 * in stage New or as a further inquiry of the same company or person within 90 days, together with the
 * notices to staff (outbox). Nothing is stored when anything is refused.
 */
import { and, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { parseLeadInput, type LeadFieldError, type LeadInput } from '../../lib/lead-input.ts';
import { MIN_FILL_SECONDS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { inquiries, leads } from '../db/schema.ts';
import { enqueueNotices } from '../notify/enqueue-notices.ts';
import { getAppSecret } from '../security/app-secret.ts';
import { checkFormToken } from '../security/form-token.ts';
import { hitRateLimit, LEAD_LIMITS_PER_CONTACT, LEAD_LIMITS_PER_IP } from '../security/rate-limit.ts';
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
  firstTouch?: Touch | undefined;
  lastTouch?: Touch | undefined;
  pagePath?: string | undefined;
  now?: Date;
}

export type SubmitLeadRefusal = 'invalid' | 'rejected' | 'too_fast' | 'expired_form' | 'rate_limited';

export type SubmitLeadResult =
  | { ok: true; reference: string; leadId: string; inquiryId: string; isNewLead: boolean }
  | { ok: false; reason: SubmitLeadRefusal; errors: LeadFieldError[]; retryAfterSeconds?: number };

/** HTTP status for each refusal. */
export const REFUSAL_STATUS: Record<SubmitLeadRefusal, number> = { invalid: 400, rejected: 400, too_fast: 429, expired_form: 400, rate_limited: 429 };

function refuse(reason: SubmitLeadRefusal, extra: Partial<Extract<SubmitLeadResult, { ok: false }>> = {}): Extract<SubmitLeadResult, { ok: false }> {
  return { ok: false, reason, errors: [], ...extra };
}

/** A transaction (or the database itself) to run statements in. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Stores an inquiry, or says why not. */
export async function submitLead(deps: SubmitLeadDeps, request: SubmitLeadRequest): Promise<SubmitLeadResult> {
  const screened = await screenLead(deps, request);
  if (!screened.ok) return screened;
  const stored = await deps.db.transaction((tx) => storeInquiry(tx, deps.channels, screened.lead, request, request.now ?? new Date()));
  deps.onStored?.();
  return { ok: true, ...stored };
}

/** Validation and the abuse checks, before anything is stored. */
export async function screenLead(deps: Pick<SubmitLeadDeps, 'db' | 'catalog'>, request: SubmitLeadRequest): Promise<{ ok: true; lead: LeadInput } | Extract<SubmitLeadResult, { ok: false }>> {
  const now = request.now ?? new Date();
  const parsed = parseLeadInput(request.raw, { thisMonth: todayInBeijing(now).slice(0, 7), now, isKnownUnit: (id) => deps.catalog.unitById.has(id) });
  if (!parsed.ok) return refuse('invalid', { errors: parsed.errors });
  const lead = parsed.lead;

  // A person never sees the honeypot, so never fills it.
  if (lead.website && lead.website.trim() !== '') return refuse('rejected');
  if (lead.formToken) {
    const check = checkFormToken(await getAppSecret(deps.db, FORM_TOKEN_SECRET), lead.formToken, MIN_FILL_SECONDS, now);
    if (check === 'too_fast') return refuse('too_fast', { retryAfterSeconds: MIN_FILL_SECONDS });
    if (check !== 'ok') return refuse('expired_form');
  }

  const perIp = await hitRateLimit(deps.db, LEAD_LIMITS_PER_IP, request.clientIp);
  if (!perIp.isAllowed) return refuse('rate_limited', { retryAfterSeconds: perIp.retryAfterSeconds });
  const perContact = await hitRateLimit(deps.db, LEAD_LIMITS_PER_CONTACT, lead.mobile ?? lead.email ?? '');
  if (!perContact.isAllowed) return refuse('rate_limited', { retryAfterSeconds: perContact.retryAfterSeconds });
  return { ok: true, lead };
}

/** Identities that make two inquiries the same lead. */
function identityKeys(lead: LeadInput): string[] {
  return [lead.creditCode && `credit:${lead.creditCode}`, lead.mobile && `mobile:${lead.mobile}`, lead.email && `email:${lead.email}`].filter((k): k is string => Boolean(k)).sort();
}

/**
 * Stores a screened inquiry inside the caller's transaction: a new lead, or a further inquiry of the same company
 * or person within 90 days, with its notices.
 */
export async function storeInquiry(tx: Tx, notifyChannels: readonly string[], lead: LeadInput, request: SubmitLeadRequest, now: Date) {
  const touch = request.lastTouch ?? request.firstTouch;
  // Serialise inquiries from the same company or person, so two at once still make one lead.
  for (const key of identityKeys(lead)) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);

  const same: SQL[] = [];
  if (lead.creditCode) same.push(eq(leads.creditCode, lead.creditCode));
  if (lead.mobile) same.push(eq(leads.mobile, lead.mobile));
  if (lead.email) same.push(eq(leads.email, lead.email));
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [existing] = await tx
    .select({ id: leads.id, reference: leads.reference })
    .from(leads)
    .where(and(gt(leads.lastInquiryAt, since), or(...same)))
    .orderBy(desc(leads.lastInquiryAt))
    .limit(1);

  let leadId: string;
  let reference: string;
  if (existing) {
    ({ id: leadId, reference } = existing);
    await tx
      .update(leads)
      .set({
        lastInquiryAt: now,
        updatedAt: now,
        mobile: sql`coalesce(${leads.mobile}, ${lead.mobile ?? null})`,
        email: sql`coalesce(${leads.email}, ${lead.email ?? null})`,
        creditCode: sql`coalesce(${leads.creditCode}, ${lead.creditCode ?? null})`,
        ...(request.lastTouch ? { lastTouch: request.lastTouch } : {}),
      })
      .where(eq(leads.id, leadId));
  } else {
    for (;;) {
      const [row] = await tx
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
        })
        .onConflictDoNothing({ target: leads.reference })
        .returning({ id: leads.id, reference: leads.reference });
      if (row) {
        ({ id: leadId, reference } = row);
        break;
      }
    }
  }

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

  await enqueueNotices(tx, notifyChannels, { event: existing ? 'lead.inquiry' : 'lead.created', leadId, inquiryId: inquiry!.id }, now);
  return { reference, leadId: leadId!, inquiryId: inquiry!.id, isNewLead: !existing };
}
