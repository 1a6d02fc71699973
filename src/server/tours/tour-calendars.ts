/**
 * Tours as calendars to subscribe to or download: the tenant's booked tours (from their tour link), and each
 * agent's private feed (/calendars/<secret>.ics) for Outlook, Apple Calendar, DingTalk or WeCom. An agent's
 * feed URL holds a random secret of which only the SHA-256 is stored; issuing a new one or revoking it makes the
 * old URL stop working at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gte } from 'drizzle-orm';
import type { Lang } from '../../i18n/lang.ts';
import { tourCalendar } from '../../lib/ics.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, leads, tours } from '../db/schema.ts';
import { tourEvent, tourPageUrl } from '../notify/format-personal-notice.ts';
import { checkTourToken } from './tour-link.ts';

/** The database, the catalog, and the portal's public address for the links in events. */
type Deps = { db: Database; catalog: Catalog; siteUrl: string };

/** How far back a feed keeps tours, so a week's history stays in the agent's calendar. */
const FEED_DAYS_BACK = 30;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The tenant's booked tours, or why the link does not work. */
export async function tenantCalendar(
  { db, catalog, siteUrl }: Deps,
  token: string,
  lang: Lang,
): Promise<{ status: 'ok'; ics: string; filename: string } | { status: 'invalid' | 'expired' }> {
  const check = await checkTourToken(db, token);
  if (check.status !== 'ok') return check;
  const rows = await db
    .select({ tour: tours, lead: leads, agent: { name: staffUsers.name, email: staffUsers.email } })
    .from(tours)
    .innerJoin(leads, eq(leads.id, tours.leadId))
    .innerJoin(staffUsers, eq(staffUsers.id, tours.agentId))
    .where(and(eq(tours.leadId, check.leadId), eq(tours.status, 'booked')));
  const url = await tourPageUrl(db, siteUrl, check.leadId, lang);
  const events = rows.map(({ tour, lead, agent }) =>
    tourEvent(tour, lead, { ...agent, workPhone: null }, catalog, lang, url, 'tenant'),
  );
  return { status: 'ok', ics: tourCalendar('PUBLISH', events), filename: 'tours.ics' };
}

/** Issues a new feed secret for an agent (the old URL stops working) and returns the feed's URL. */
export async function issueAgentFeed(db: Database, userId: string, siteUrl: string): Promise<string> {
  const secret = randomBytes(24).toString('base64url');
  await db
    .insert(agentProfiles)
    .values({ userId, calendarTokenHash: hash(secret) })
    .onConflictDoUpdate({
      target: agentProfiles.userId,
      set: { calendarTokenHash: hash(secret), updatedAt: new Date() },
    });
  return new URL(`/calendars/${secret}.ics`, siteUrl).href;
}

/** Turns an agent's feed off: its URL answers 404 from now on. */
export async function revokeAgentFeed(db: Database, userId: string): Promise<void> {
  await db
    .update(agentProfiles)
    .set({ calendarTokenHash: null, updatedAt: new Date() })
    .where(eq(agentProfiles.userId, userId));
}

/** Whether an agent has a feed now. */
export async function hasAgentFeed(db: Database, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ hash: agentProfiles.calendarTokenHash })
    .from(agentProfiles)
    .where(eq(agentProfiles.userId, userId));
  return Boolean(row?.hash);
}

/** The feed behind a secret: the agent's tours from FEED_DAYS_BACK ago on, or undefined for an unknown secret. */
export async function agentFeed(
  { db, catalog, siteUrl }: Deps,
  secret: string,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (!/^[\w-]{32}$/.test(secret)) return undefined;
  const [agent] = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      banned: staffUsers.banned,
      role: staffUsers.role,
    })
    .from(agentProfiles)
    .innerJoin(staffUsers, eq(staffUsers.id, agentProfiles.userId))
    .where(eq(agentProfiles.calendarTokenHash, hash(secret)));
  // A feed dies with the account's access: banned, or no longer leasing staff.
  if (!agent || agent.banned || !(LEASING_ROLES as readonly string[]).includes(agent.role)) return undefined;
  const rows = await db
    .select({ tour: tours, lead: leads })
    .from(tours)
    .innerJoin(leads, eq(leads.id, tours.leadId))
    .where(
      and(eq(tours.agentId, agent.id), gte(tours.startsAt, new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000))),
    );
  const events = rows.map(({ tour, lead }) =>
    tourEvent(
      tour,
      lead,
      { ...agent, workPhone: null },
      catalog,
      'zh',
      new URL(`/console/leads/${lead.id}`, siteUrl).href,
    ),
  );
  return tourCalendar('PUBLISH', events, { name: `带看日程 · ${agent.name}`, now });
}
