/**
 * Saved searches with alerts, from the subscriber's side: signing up (with consent, confirmed by a double opt-in
 * e-mail), confirming, unsubscribing, deleting one subscription or every one of an address (PIPL), and listing
 * them. No account: the address proves itself by the signed link e-mailed to it (alert-link.ts).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'astro/zod';
import { ALERT_HORIZONS, savedSearchOf } from '../../lib/saved-search.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { alertSubscriptions, type AlertSubscriptionRow } from '../db/schema.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { enqueueNoticeBatch } from '../notify/enqueue-notices.ts';
import { ALERT_SIGNUPS_PER_EMAIL, ALERT_SIGNUPS_PER_IP, hitRateLimit } from '../security/rate-limit.ts';

/** The wording of the consent a subscriber agreed to (messages: alerts.consent); change it with the text. */
const CONSENT_VERSION = '2026-12';
/** An unconfirmed subscription is deleted after this long (send-alerts.ts). */
export const UNCONFIRMED_DAYS = 7;
/** An unsubscribed subscription's record is deleted after this long (send-alerts.ts). */
export const UNSUBSCRIBED_DAYS = 30;

export interface AlertDeps {
  db: Database;
  /** The park's buildings: a saved search names one of them or none. */
  catalog: Pick<Catalog, 'buildingBySlug'>;
  notifyChannels: readonly string[];
  outbox?: { kick(): void } | undefined;
}

const FIELD_MESSAGES = {
  email: { zh: '请填写有效的邮箱地址。', en: 'Enter a valid e-mail address.' },
  horizonDays: { zh: '请选择提醒范围。', en: 'Choose how far ahead to watch.' },
  consent: {
    zh: '请勾选同意：我们仅为发送房源提醒保存您的邮箱。',
    en: 'Tick the consent: we keep your address only to send these alerts.',
  },
  query: { zh: '这个搜索条件无效，请先修正搜索。', en: 'This search is not valid: correct it first.' },
} as const;

function invalid(...fields: Array<keyof typeof FIELD_MESSAGES>) {
  const errors: FieldProblem[] = fields.map((field) => ({ field, code: 'invalid', message: FIELD_MESSAGES[field] }));
  return refused('invalid', { errors });
}

const signUpInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  horizonDays: z.coerce
    .number()
    .int()
    .refine((n) => (ALERT_HORIZONS as readonly number[]).includes(n)),
  consent: z.union([z.literal('yes'), z.literal(true)]),
});

/**
 * Saves a search for an address, or says why not. The same address saving the same search again updates it (its
 * language and horizon) and, while unconfirmed, sends the confirmation again; nothing is ever sent to an address
 * before it confirms but that one e-mail.
 */
export async function subscribeToAlerts(
  deps: AlertDeps,
  input: { fields: Record<string, unknown>; lang: 'zh' | 'en'; clientIp: string },
  now: Date = new Date(),
): Promise<Outcome<{ subscriptionId: string; status: 'pending' | 'confirmed' }>> {
  const parsed = signUpInput.safeParse(input.fields);
  if (!parsed.success) return invalid(...new Set(parsed.error.issues.map((i) => i.path[0] as 'email')));
  const query = new URLSearchParams(typeof input.fields.query === 'string' ? input.fields.query : '');
  const search = savedSearchOf(query, deps.catalog.buildingBySlug);
  if (!search.ok) return 'tooBroad' in search ? refused('alert_query_too_broad') : invalid('query');
  const { email, horizonDays } = parsed.data;
  for (const [rule, subject] of [
    [ALERT_SIGNUPS_PER_IP, input.clientIp],
    [ALERT_SIGNUPS_PER_EMAIL, email],
  ] as const) {
    const limit = await hitRateLimit(deps.db, rule, subject);
    if (!limit.isAllowed) return refused('rate_limited', { retryAfterSeconds: limit.retryAfterSeconds });
  }
  const result = await deps.db.transaction(async (tx) => {
    await tx
      .insert(alertSubscriptions)
      .values({
        email,
        lang: input.lang,
        query: search.query,
        horizonDays,
        consentAt: now,
        consentVersion: CONSENT_VERSION,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(alertSubscriptions)
      .where(
        and(
          eq(alertSubscriptions.email, email),
          eq(alertSubscriptions.query, search.query),
          isNull(alertSubscriptions.unsubscribedAt),
        ),
      )
      .for('update');
    await tx
      .update(alertSubscriptions)
      .set({ lang: input.lang, horizonDays, consentAt: now, consentVersion: CONSENT_VERSION, updatedAt: now })
      .where(eq(alertSubscriptions.id, row!.id));
    if (!row!.confirmedAt)
      await enqueueNoticeBatch(tx, [
        {
          channels: deps.notifyChannels,
          subject: { event: 'alert.confirm', subscriptionId: row!.id },
          to: { address: email, lang: input.lang },
          now,
        },
      ]);
    return { subscriptionId: row!.id, status: row!.confirmedAt ? ('confirmed' as const) : ('pending' as const) };
  });
  deps.outbox?.kick();
  return { ok: true, ...result };
}

export type SubscriptionChange = 'confirm' | 'unsubscribe' | 'delete' | 'delete-all';

/** Applies what the subscriber asked for on their page, or says the subscription is gone. */
export async function changeSubscription(
  db: Database,
  subscriptionId: string,
  change: SubscriptionChange,
  now: Date = new Date(),
): Promise<Outcome<{ change: SubscriptionChange }>> {
  const [row] = await db.select().from(alertSubscriptions).where(eq(alertSubscriptions.id, subscriptionId));
  if (!row) return refused('alert_gone');
  if (change === 'confirm') {
    if (row.unsubscribedAt) return refused('alert_gone');
    await db
      .update(alertSubscriptions)
      .set({ confirmedAt: row.confirmedAt ?? now, bouncedAt: null, updatedAt: now })
      .where(eq(alertSubscriptions.id, row.id));
  } else if (change === 'unsubscribe') {
    await db
      .update(alertSubscriptions)
      .set({ unsubscribedAt: row.unsubscribedAt ?? now, updatedAt: now })
      .where(eq(alertSubscriptions.id, row.id));
  } else if (change === 'delete') {
    await db.delete(alertSubscriptions).where(eq(alertSubscriptions.id, row.id));
  } else {
    await db.delete(alertSubscriptions).where(eq(alertSubscriptions.email, row.email));
  }
  return { ok: true, change };
}

/** Every subscription of an address, oldest first (the manage page lists them; PIPL: see and erase all). */
export function subscriptionsOfAddress(db: Database, email: string): Promise<AlertSubscriptionRow[]> {
  return db
    .select()
    .from(alertSubscriptions)
    .where(eq(alertSubscriptions.email, email))
    .orderBy(asc(alertSubscriptions.createdAt));
}
