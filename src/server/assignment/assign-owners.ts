/**
 * Who gets a new lead (issue 15): round-robin among the leasing agents, optionally only those who cover the
 * lead's industry track or one of its buildings (leasing_settings.assign_by), skipping agents who are off duty,
 * on leave today or at their open-lead limit. The next lead goes to whoever has waited longest since their last
 * one. When no agent qualifies, the rule is relaxed (any agent on duty), then the lead goes to the team lead, so
 * a lead is never stored without an owner. In the caller's transaction, for a whole intake batch at once.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { todayInBeijing } from '../../lib/format.ts';
import { OPEN_STAGES } from '../../lib/pipeline.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { LEASING_ROLES, staffUsers } from '../db/auth-schema.ts';
import { agentProfiles, leads, type AgentProfileRow } from '../db/schema.ts';
import type { LeasingSettings } from './leasing-settings.ts';

/** What the rules look at in a lead. */
export interface LeadToAssign {
  industryTrack: string;
  /** Buildings of the units the lead asked about. */
  buildingIds: readonly string[];
}

/** A member of staff who may own leads, with what the rules need. */
export interface Candidate {
  id: string;
  role: string;
  name: string;
  email: string;
  workPhone: string | null;
  /** Whether they have a profile: administrators take leads only once they have set one up. */
  hasProfile: boolean;
  isOnDuty: boolean;
  leaveFrom: string | null;
  leaveUntil: string | null;
  maxOpenLeads: number | null;
  tracks: readonly string[];
  buildingIds: readonly string[];
  lastAssignedAt: Date | null;
  openLeads: number;
  /** The whole profile, when there is one (tour hours: tours/tour-slots.ts). */
  profile: AgentProfileRow | null;
}

/** Leasing staff with their profiles (and their open leads, when someone has a limit). */
export async function loadCandidates(tx: Database | Tx): Promise<Candidate[]> {
  const rows = await tx
    .select({
      id: staffUsers.id,
      role: staffUsers.role,
      name: staffUsers.name,
      email: staffUsers.email,
      banned: staffUsers.banned,
      profile: agentProfiles,
    })
    .from(staffUsers)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, staffUsers.id))
    .where(inArray(staffUsers.role, [...LEASING_ROLES]));
  const active = rows.filter((row) => !row.banned);
  const counts = new Map<string, number>();
  // Counting open leads reads every open lead: only when someone has a limit.
  if (active.some((row) => row.profile?.maxOpenLeads != null)) {
    const open = await tx
      .select({ ownerId: leads.ownerId, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(and(isNotNull(leads.ownerId), inArray(leads.stage, [...OPEN_STAGES])))
      .groupBy(leads.ownerId);
    for (const { ownerId, n } of open) counts.set(ownerId!, n);
  }
  return active.map(({ id, role, name, email, profile }) => ({
    id,
    role,
    name,
    email,
    workPhone: profile?.workPhone ?? null,
    hasProfile: profile !== null,
    isOnDuty: profile?.isOnDuty ?? true,
    leaveFrom: profile?.leaveFrom ?? null,
    leaveUntil: profile?.leaveUntil ?? null,
    maxOpenLeads: profile?.maxOpenLeads ?? null,
    tracks: profile?.tracks ?? [],
    buildingIds: profile?.buildingIds ?? [],
    lastAssignedAt: profile?.lastAssignedAt ?? null,
    openLeads: counts.get(id) ?? 0,
    profile,
  }));
}

/** Whether someone takes new leads today at all: on duty, not on leave, below their limit. */
function isAvailable(candidate: Candidate, today: string): boolean {
  if (candidate.role !== 'agent' && !candidate.hasProfile) return false;
  if (!candidate.isOnDuty) return false;
  const onLeave =
    (candidate.leaveFrom !== null || candidate.leaveUntil !== null) &&
    (candidate.leaveFrom ?? '0000-01-01') <= today &&
    today <= (candidate.leaveUntil ?? '9999-12-31');
  if (onLeave) return false;
  return candidate.maxOpenLeads === null || candidate.openLeads < candidate.maxOpenLeads;
}

/** Whether a candidate covers a lead under the rule: empty lists cover everything. */
function covers(candidate: Candidate, lead: LeadToAssign, assignBy: LeasingSettings['assignBy']): boolean {
  if (assignBy === 'track') return candidate.tracks.length === 0 || candidate.tracks.includes(lead.industryTrack);
  if (assignBy === 'building')
    return (
      candidate.buildingIds.length === 0 ||
      lead.buildingIds.length === 0 ||
      lead.buildingIds.some((b) => candidate.buildingIds.includes(b))
    );
  return true;
}

/** A lead's owner (none only when the portal has no leasing staff at all) and which rule chose them. */
export interface Assignment {
  owner: Candidate | undefined;
  rule: 'round_robin' | 'relaxed' | 'team_lead';
}

/** Longest waiting first; never assigned before counts as longest; then by id, so the order is stable. */
function longestWaiting(a: Candidate, b: Candidate): number {
  const at = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bt = b.lastAssignedAt?.getTime() ?? -Infinity;
  return at === bt ? a.id.localeCompare(b.id) : at - bt;
}

/**
 * The owner of each lead, in order, and how it was chosen. Pure: `candidates` is updated as leads are given out
 * (last assignment, open leads), so a batch is shared out as the same leads one by one would be.
 */
export function chooseOwners(
  leadsToAssign: readonly LeadToAssign[],
  candidates: Candidate[],
  settings: Pick<LeasingSettings, 'assignBy' | 'teamLeadId'>,
  now: Date,
): Assignment[] {
  const today = todayInBeijing(now);
  return leadsToAssign.map((lead) => {
    const available = candidates.filter((c) => isAvailable(c, today));
    let rule: 'round_robin' | 'relaxed' | 'team_lead' = 'round_robin';
    let pick = available.filter((c) => covers(c, lead, settings.assignBy)).sort(longestWaiting)[0];
    if (!pick) {
      rule = 'relaxed';
      pick = available.sort(longestWaiting)[0];
    }
    if (!pick) {
      rule = 'team_lead';
      pick =
        candidates.find((c) => c.id === settings.teamLeadId) ??
        candidates.filter((c) => c.role === 'admin').sort((a, b) => a.id.localeCompare(b.id))[0];
      return { owner: pick, rule };
    }
    // To the back of the queue: after everyone else's last lead, even when clocks or batches tie.
    const latest = Math.max(now.getTime(), ...candidates.map((c) => (c.lastAssignedAt?.getTime() ?? 0) + 1));
    pick.lastAssignedAt = new Date(latest);
    pick.openLeads += 1;
    return { owner: pick, rule };
  });
}

/** Chooses the owners of a batch and remembers each agent's last assignment, in the caller's transaction. */
export async function assignOwners(
  tx: Tx,
  leadsToAssign: readonly LeadToAssign[],
  settings: LeasingSettings,
  now: Date,
): Promise<Assignment[]> {
  if (leadsToAssign.length === 0) return [];
  const candidates = await loadCandidates(tx);
  const before = new Map(candidates.map((c) => [c.id, c.lastAssignedAt]));
  const owners = chooseOwners(leadsToAssign, candidates, settings, now);
  const changed = candidates.filter((c) => c.lastAssignedAt !== before.get(c.id));
  if (changed.length > 0)
    await tx
      .insert(agentProfiles)
      .values(changed.map((c) => ({ userId: c.id, lastAssignedAt: c.lastAssignedAt })))
      .onConflictDoUpdate({
        target: agentProfiles.userId,
        set: { lastAssignedAt: sql`excluded.last_assigned_at` },
      });
  return owners;
}
