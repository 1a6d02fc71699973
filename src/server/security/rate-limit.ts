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

/** Keys are hashed: the table never holds an IP address, phone number or email in clear. */
function rateLimitKey(scope: string, subject: string): string {
  return `${scope}:${createHash('sha256').update(subject).digest('base64url').slice(0, 32)}`;
}

/** Counts one hit; returns whether it is allowed and, if not, how many seconds until the window ends. */
export async function hitRateLimit(
  db: Database,
  rule: RateLimit,
  subject: string,
): Promise<{ isAllowed: boolean; retryAfterSeconds: number }> {
  const key = rateLimitKey(rule.scope, subject);
  const window = `${rule.windowSeconds} seconds`;
  const [row] = await executeRows<{ count: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - ${window}::interval then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start <= now() - ${window}::interval then now() else rate_limits.window_start end
    returning count, ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as retry_after`,
  );
  return { isAllowed: Number(row!.count) <= rule.limit, retryAfterSeconds: Math.max(1, Number(row!.retry_after)) };
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
