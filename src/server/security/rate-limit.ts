/**
 * Fixed-window rate limits counted in the database, so every app process shares them. One atomic upsert per
 * hit: a new window starts when the old one is over.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { executeRows } from '../db/execute-rows.ts';

export interface RateLimit {
  /** What is limited, e.g. "lead:ip". */
  scope: string;
  limit: number;
  windowSeconds: number;
}

/** The submission limits a real park needs without ever blocking an ordinary person. */
export const LEAD_LIMITS_PER_IP: RateLimit = { scope: 'lead:ip', limit: 20, windowSeconds: 10 * 60 };
/** Stricter, for submissions without a form token (JSON integrations and scripts): no page was rendered for them. */
export const LEAD_LIMITS_PER_IP_WITHOUT_TOKEN: RateLimit = {
  scope: 'lead:ip:no-token',
  limit: 10,
  windowSeconds: 10 * 60,
};
export const LEAD_LIMITS_PER_CONTACT: RateLimit = { scope: 'lead:contact', limit: 6, windowSeconds: 60 * 60 };
/**
 * Changes to one lead's tours from its tour link (book, move, cancel, colleagues): each may e-mail the tenant,
 * colleagues and the agent, so a link cannot be used to send mail without end.
 */
export const TOUR_CHANGES_PER_LEAD: RateLimit = { scope: 'tour:lead', limit: 12, windowSeconds: 60 * 60 };
/**
 * Saved-search sign-ups: each sends a confirmation e-mail, so one address gets at most a few an hour (and one IP
 * a few dozen), and the portal cannot be used to flood somebody's inbox.
 */
export const ALERT_SIGNUPS_PER_EMAIL: RateLimit = { scope: 'alert:email', limit: 5, windowSeconds: 60 * 60 };
export const ALERT_SIGNUPS_PER_IP: RateLimit = { scope: 'alert:ip', limit: 30, windowSeconds: 60 * 60 };
/** Questions and change requests from one lead's proposal links: each tells the owner and the team. */
export const PROPOSAL_MESSAGES_PER_LEAD: RateLimit = { scope: 'proposal:lead', limit: 12, windowSeconds: 60 * 60 };

/** Keys are hashed: the table never holds an IP address, phone number or email in clear. */
function rateLimitKey(scope: string, subject: string): string {
  return `${scope}:${createHash('sha256').update(subject).digest('base64url').slice(0, 32)}`;
}

interface RateLimitHit {
  isAllowed: boolean;
  retryAfterSeconds: number;
}

/** Counts one hit; returns whether it is allowed and, if not, how many seconds until the window ends. */
export async function hitRateLimit(db: Database, rule: RateLimit, subject: string): Promise<RateLimitHit> {
  return (await hitRateLimits(db, rule, [subject]))[0]!;
}

/**
 * Counts one hit per subject (a subject may come more than once) in one statement, and answers for each in
 * order as if they had been counted one after the other: how lead intake counts a batch of inquiries.
 */
export async function hitRateLimits(
  db: Pick<Database, 'execute'>,
  rule: RateLimit,
  subjects: string[],
): Promise<RateLimitHit[]> {
  if (subjects.length === 0) return [];
  const keys = subjects.map((subject) => rateLimitKey(rule.scope, subject));
  const hits = new Map<string, number>();
  for (const key of keys) hits.set(key, (hits.get(key) ?? 0) + 1);
  // Sorted, so that two processes counting the same keys lock their rows in the same order.
  const counted = [...hits.keys()].sort();
  const window = `${rule.windowSeconds} seconds`;
  const rows = await executeRows<{ key: string; count: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits (key, window_start, count)
    select key, now(), n from unnest(${sql.param(counted)}::text[], ${sql.param(counted.map((k) => hits.get(k)!))}::int[]) as hit(key, n)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - ${window}::interval then excluded.count else rate_limits.count + excluded.count end,
      window_start = case when rate_limits.window_start <= now() - ${window}::interval then now() else rate_limits.window_start end
    returning key, count, ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as retry_after`,
  );
  // The count before this statement's hits, then one more for each subject in turn.
  const counts = new Map(rows.map((row) => [row.key, Number(row.count) - hits.get(row.key)!]));
  const retryAfter = new Map(rows.map((row) => [row.key, Math.max(1, Number(row.retry_after))]));
  return keys.map((key) => {
    const count = counts.get(key)! + 1;
    counts.set(key, count);
    return { isAllowed: count <= rule.limit, retryAfterSeconds: retryAfter.get(key)! };
  });
}

/** Deletes counters whose window ended long ago (run by the housekeeping loop). */
export async function pruneRateLimits(db: Database, olderThanSeconds = 24 * 60 * 60): Promise<void> {
  await db.execute(
    sql`delete from rate_limits where window_start < now() - ${`${olderThanSeconds} seconds`}::interval`,
  );
}

/** Takes back one hit counted by hitRateLimit (e.g. an attempt that turned out to succeed). */
export async function refundRateLimitHit(db: Database, rule: RateLimit, subject: string): Promise<void> {
  await db.execute(
    sql`update rate_limits set count = greatest(count - 1, 0) where key = ${rateLimitKey(rule.scope, subject)}`,
  );
}
