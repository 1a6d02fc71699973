/**
 * The console's team page (/console/team): the leasing rules (administrators) — the response target, working
 * hours, how leads are shared out, the team lead — and each agent's profile: duty, leave, lead limit, tracks and
 * buildings (administrators, for anyone) and their tour hours, phone and private calendar feed (agents, for
 * themselves). Every change is checked and audited.
 */
import { eq, inArray } from 'drizzle-orm';
import { z } from 'astro/zod';
import { calendarCovers } from '../../lib/business-time.ts';
import { INDUSTRY_TRACKS } from '../../lib/lead-fields.ts';
import { todayInBeijing } from '../../lib/format.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import type { Database } from '../db/open-database.ts';
import { agentProfiles, leasingSettings } from '../db/schema.ts';
import { refused, type Outcome } from '../errors/answer-outcome.ts';
import type { FieldProblem } from '../errors/error-catalogue.ts';
import { hasAgentFeed, issueAgentFeed, revokeAgentFeed } from '../tours/tour-calendars.ts';
import { ASSIGN_BY, forgetLeasingSettings, readLeasingSettings } from './leasing-settings.ts';

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const minuteOf = (text: string) => {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
};

/** "09:30-12:00, 13:30-17:30" as windows in minutes, or undefined when it does not read. */
function readWindows(text: string): Array<[number, number]> | undefined {
  const parts = text
    .split(/[,，;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const windows = parts.map((part) => part.split(/\s*[-–~]\s*/).map(minuteOf));
  if (windows.length === 0 || windows.length > 6) return undefined;
  if (windows.some((w) => w.length !== 2 || w.some(Number.isNaN) || w[0]! >= w[1]! || w[1]! > 1440)) return undefined;
  const sorted = (windows as Array<[number, number]>).sort((a, b) => a[0] - b[0]);
  return sorted.every((w, i) => i === 0 || sorted[i - 1]![1] <= w[0]) ? sorted : undefined;
}

const windowsText = (windows: ReadonlyArray<readonly [number, number]>) =>
  windows.map(([a, b]) => `${clock(a)}-${clock(b)}`).join(', ');

/** What the page shows the signed-in member. */
export async function teamView(db: Database, catalog: Catalog, staff: { id: string; role: string }, now = new Date()) {
  const settings = await readLeasingSettings(db);
  const members = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      banned: staffUsers.banned,
      profile: agentProfiles,
    })
    .from(staffUsers)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, staffUsers.id))
    .where(inArray(staffUsers.role, [...LEASING_ROLES]))
    .orderBy(staffUsers.name);
  const year = Number(todayInBeijing(now).slice(0, 4));
  return {
    isAdmin: staff.role === 'admin',
    settings: {
      ...settings,
      dayStart: clock(settings.hours.startMinute),
      dayEnd: clock(settings.hours.endMinute),
    },
    members: members
      .filter((m) => staff.role === 'admin' || m.id === staff.id)
      .map((m) => ({
        id: m.id,
        name: m.name,
        email: m.email,
        role: m.role,
        isBanned: Boolean(m.banned),
        isSelf: m.id === staff.id,
        /** Agents take leads and tours by default; an administrator once they have a profile. */
        takesPart: m.role === 'agent' || m.profile !== null,
        workPhone: m.profile?.workPhone ?? '',
        isOnDuty: m.profile?.isOnDuty ?? true,
        leaveFrom: m.profile?.leaveFrom ?? '',
        leaveUntil: m.profile?.leaveUntil ?? '',
        maxOpenLeads: m.profile?.maxOpenLeads ?? null,
        tracks: m.profile?.tracks ?? [],
        buildingIds: m.profile?.buildingIds ?? [],
        workWeekdays: m.profile?.workWeekdays ?? [1, 2, 3, 4, 5],
        tourWindows: windowsText(
          m.profile?.tourWindows ?? [
            [570, 720],
            [810, 1050],
          ],
        ),
        daysOff: (m.profile?.daysOff ?? []).join(', '),
        tourMinutes: m.profile?.tourMinutes ?? 45,
        bufferMinutes: m.profile?.bufferMinutes ?? 15,
      })),
    hasFeed: await hasAgentFeed(db, staff.id),
    buildings: catalog.buildings.map((b) => ({ id: b.id, name: b.name })),
    /** Years whose official holiday calendar the portal does not know yet (business time falls back to Mon–Fri). */
    unknownYears: [year, year + 1].filter((y) => !calendarCovers(y)),
  };
}

const settingsInput = z.object({
  responseTargetMinutes: z.coerce.number().int().min(1).max(480),
  dayStart: z.string(),
  dayEnd: z.string(),
  assignBy: z.enum(ASSIGN_BY),
  teamLeadId: z.string().max(64),
  /** Rent-free months a proposal may give without an administrator's approval; left as it is when not sent. */
  maxRentFreeMonths: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : v),
    z.coerce.number().int().min(0).max(24).optional(),
  ),
});

const date = z.iso.date().or(z.literal('').transform(() => null));

const profileInput = z.object({
  userId: z.string().min(1).max(64),
  workPhone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\d\s+()-]*$/),
  isOnDuty: z.boolean(),
  leaveFrom: date,
  leaveUntil: date,
  maxOpenLeads: z
    .string()
    .trim()
    .regex(/^\d{0,4}$/)
    .transform((v) => (v === '' ? null : Number(v))),
  tracks: z.array(z.enum(INDUSTRY_TRACKS)).max(INDUSTRY_TRACKS.length),
  buildingIds: z.array(z.string()).max(20),
  workWeekdays: z.array(z.coerce.number().int().min(1).max(5)).max(5),
  tourWindows: z.string().max(200),
  daysOff: z.string().max(2000),
  tourMinutes: z.coerce.number().int().min(15).max(240),
  bufferMinutes: z.coerce.number().int().min(0).max(120),
});

const MESSAGES: Record<string, { zh: string; en: string }> = {
  responseTargetMinutes: { zh: '响应目标须为 1–480 分钟。', en: 'The target must be 1–480 minutes.' },
  dayStart: {
    zh: '工作时间须为 HH:MM，且开始早于结束。',
    en: 'Working hours must be HH:MM, the start before the end.',
  },
  teamLeadId: { zh: '团队负责人须为招商人员。', en: 'The team lead must be leasing staff.' },
  maxRentFreeMonths: {
    zh: '免租期上限须为 0–24 个月。',
    en: 'The rent-free limit must be 0–24 months.',
  },
  assignBy: { zh: '未知的分配方式。', en: 'Unknown way of assigning.' },
  userId: { zh: '没有这位招商人员。', en: 'No such member of leasing staff.' },
  workPhone: { zh: '电话只能含数字、空格和 +()-。', en: 'A phone number has digits, spaces and +()- only.' },
  leaveFrom: {
    zh: '休假日期须为 YYYY-MM-DD，且开始不晚于结束。',
    en: 'Leave dates must be YYYY-MM-DD, the start not after the end.',
  },
  maxOpenLeads: {
    zh: '线索上限须为整数，留空表示不限。',
    en: 'The lead limit is a whole number; leave it empty for none.',
  },
  tracks: { zh: '未知的产业方向。', en: 'Unknown industry track.' },
  buildingIds: { zh: '未知的楼栋。', en: 'Unknown building.' },
  workWeekdays: { zh: '工作日须为周一至周五。', en: 'Working weekdays are Monday to Friday.' },
  tourWindows: {
    zh: '接待时间写作 09:30-12:00, 13:30-17:30：每段开始早于结束，互不重叠。',
    en: 'Write touring hours as 09:30-12:00, 13:30-17:30: each from before to after, none overlapping.',
  },
  daysOff: { zh: '休息日写作以逗号分隔的 YYYY-MM-DD。', en: 'Days off are YYYY-MM-DD dates separated by commas.' },
  tourMinutes: { zh: '每次带看 15–240 分钟。', en: 'A tour takes 15–240 minutes.' },
  bufferMinutes: { zh: '间隔 0–120 分钟。', en: 'The buffer is 0–120 minutes.' },
  feed: { zh: '未知的操作。', en: 'Unknown action.' },
};

function invalid(field: string) {
  const problem: FieldProblem = { field, code: 'invalid', message: MESSAGES[field] ?? MESSAGES.feed! };
  return refused('invalid', { errors: [problem] });
}

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : []).filter(
    (v): v is string => typeof v === 'string',
  );

/** Applies one of the page's forms (`action`: settings, profile, feed-issue, feed-revoke). */
export async function applyTeamForm(
  deps: { db: Database; catalog: Catalog; siteUrl: string },
  actor: Actor & { role: string },
  fields: Record<string, unknown>,
): Promise<Outcome<{ feedUrl?: string }>> {
  const { db } = deps;
  const action = fields.action;
  if (action === 'feed-issue') {
    const feedUrl = await issueAgentFeed(db, actor.id, deps.siteUrl);
    await recordAudit(db, actor, 'agent.feed', 'staff', actor.id, null, { issued: true });
    return { ok: true, feedUrl };
  }
  if (action === 'feed-revoke') {
    await revokeAgentFeed(db, actor.id);
    await recordAudit(db, actor, 'agent.feed', 'staff', actor.id, null, { revoked: true });
    return { ok: true };
  }
  if (action === 'settings') {
    if (actor.role !== 'admin') return refused('forbidden');
    const parsed = settingsInput.safeParse(fields);
    if (!parsed.success) return invalid(String(parsed.error.issues[0]?.path[0] ?? 'responseTargetMinutes'));
    const start = minuteOf(parsed.data.dayStart);
    const end = minuteOf(parsed.data.dayEnd);
    if (!(start < end && end <= 1440)) return invalid('dayStart');
    const teamLeadId = parsed.data.teamLeadId || null;
    if (teamLeadId) {
      const [lead] = await db.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, teamLeadId));
      if (!lead || !(LEASING_ROLES as readonly string[]).includes(lead.role)) return invalid('teamLeadId');
    }
    const before = await readLeasingSettings(db);
    const after = {
      responseTargetMinutes: parsed.data.responseTargetMinutes,
      dayStartMinute: start,
      dayEndMinute: end,
      assignBy: parsed.data.assignBy,
      teamLeadId,
      maxRentFreeMonths: parsed.data.maxRentFreeMonths ?? before.maxRentFreeMonths,
    };
    await db.transaction(async (tx) => {
      await tx
        .insert(leasingSettings)
        .values({ id: 1, ...after })
        .onConflictDoUpdate({ target: leasingSettings.id, set: { ...after, updatedAt: new Date() } });
      await recordAudit(tx, actor, 'leasing.settings', 'settings', 'leasing', { ...before }, after);
    });
    forgetLeasingSettings(db);
    return { ok: true };
  }
  if (action === 'profile') {
    const raw = {
      userId: fields.userId,
      workPhone: fields.workPhone ?? '',
      isOnDuty: fields.isOnDuty === 'on' || fields.isOnDuty === true || fields.isOnDuty === 'true',
      leaveFrom: fields.leaveFrom ?? '',
      leaveUntil: fields.leaveUntil ?? '',
      maxOpenLeads: fields.maxOpenLeads ?? '',
      tracks: list(fields.tracks),
      buildingIds: list(fields.buildingIds),
      workWeekdays: list(fields.workWeekdays),
      tourWindows: fields.tourWindows ?? '',
      daysOff: fields.daysOff ?? '',
      tourMinutes: fields.tourMinutes,
      bufferMinutes: fields.bufferMinutes,
    };
    const parsed = profileInput.safeParse(raw);
    if (!parsed.success) return invalid(String(parsed.error.issues[0]?.path[0] ?? 'userId'));
    const p = parsed.data;
    // Agents set their own profile; administrators anyone's.
    if (actor.role !== 'admin' && p.userId !== actor.id) return refused('forbidden');
    const [member] = await db.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, p.userId));
    if (!member || !(LEASING_ROLES as readonly string[]).includes(member.role)) return invalid('userId');
    if (p.leaveFrom && p.leaveUntil && p.leaveFrom > p.leaveUntil) return invalid('leaveFrom');
    if (p.buildingIds.some((id) => !deps.catalog.buildingById.has(id))) return invalid('buildingIds');
    const windows = readWindows(p.tourWindows);
    if (!windows) return invalid('tourWindows');
    const daysOff = p.daysOff
      .split(/[,，;；\s]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    if (daysOff.length > 200 || daysOff.some((d) => !z.iso.date().safeParse(d).success)) return invalid('daysOff');
    const values = {
      workPhone: p.workPhone || null,
      isOnDuty: p.isOnDuty,
      leaveFrom: p.leaveFrom,
      leaveUntil: p.leaveUntil,
      maxOpenLeads: p.maxOpenLeads,
      tracks: [...new Set(p.tracks)],
      buildingIds: [...new Set(p.buildingIds)],
      workWeekdays: [...new Set(p.workWeekdays)].sort(),
      tourWindows: windows,
      daysOff: [...new Set(daysOff)].sort(),
      tourMinutes: p.tourMinutes,
      bufferMinutes: p.bufferMinutes,
    };
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(agentProfiles).where(eq(agentProfiles.userId, p.userId));
      // Which tracks an agent covers and how many leads they hold are the administrators' to set.
      if (actor.role !== 'admin') {
        values.tracks = before?.tracks ?? [];
        values.maxOpenLeads = before?.maxOpenLeads ?? null;
      }
      await tx
        .insert(agentProfiles)
        .values({ userId: p.userId, ...values })
        .onConflictDoUpdate({ target: agentProfiles.userId, set: { ...values, updatedAt: new Date() } });
      const { calendarTokenHash: _hash, lastAssignedAt: _last, updatedAt: _updated, ...shown } = before ?? {};
      await recordAudit(tx, actor, 'agent.profile', 'staff', p.userId, before ? shown : null, values);
    });
    return { ok: true };
  }
  return invalid('feed');
}
