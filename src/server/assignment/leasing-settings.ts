/**
 * The leasing team's rules (one row of leasing_settings): the first-response target in business minutes, the
 * working hours it counts in (Beijing), how leads are shared out, and who hears when one waits too long.
 */
import { eq } from 'drizzle-orm';
import { addBusinessMinutes, type BusinessHours } from '../../lib/business-time.ts';
import type { Database, Tx } from '../db/open-database.ts';
import { leasingSettings } from '../db/schema.ts';

export const ASSIGN_BY = ['team', 'track', 'building'] as const;

export interface LeasingSettings {
  responseTargetMinutes: number;
  hours: BusinessHours;
  assignBy: (typeof ASSIGN_BY)[number];
  teamLeadId: string | null;
  /** Rent-free months a proposal may give without an administrator's approval. */
  maxRentFreeMonths: number;
}

const DEFAULTS: LeasingSettings = {
  responseTargetMinutes: 15,
  hours: { startMinute: 540, endMinute: 1080 },
  assignBy: 'track',
  teamLeadId: null,
  maxRentFreeMonths: 3,
};

/**
 * How long a process keeps the settings it read: every inquiry needs them, and they change a few times a year. A
 * change made in this process applies at once (`forgetLeasingSettings`); another process's within this time.
 */
const KEEP_MS = 10_000;
const kept = new WeakMap<object, { at: number; settings: LeasingSettings }>();

/** Makes the next read ask the database (after the team page saved new rules). */
export function forgetLeasingSettings(db: Database): void {
  kept.delete(db);
}

/** The settings now (the migration writes the row; its defaults stand in should it be missing). */
export async function readLeasingSettings(db: Database | Tx): Promise<LeasingSettings> {
  const known = kept.get(db);
  if (known && Date.now() - known.at < KEEP_MS) return known.settings;
  const settings = await readSettingsRow(db);
  kept.set(db, { at: Date.now(), settings });
  return settings;
}

async function readSettingsRow(db: Database | Tx): Promise<LeasingSettings> {
  const [row] = await db.select().from(leasingSettings).where(eq(leasingSettings.id, 1));
  if (!row) return DEFAULTS;
  return {
    responseTargetMinutes: row.responseTargetMinutes,
    hours: { startMinute: row.dayStartMinute, endMinute: row.dayEndMinute },
    assignBy: (ASSIGN_BY as readonly string[]).includes(row.assignBy)
      ? (row.assignBy as LeasingSettings['assignBy'])
      : 'team',
    teamLeadId: row.teamLeadId,
    maxRentFreeMonths: row.maxRentFreeMonths,
  };
}

/** When the first answer to a lead that came in at `at` is due. */
export function responseDueAt(settings: LeasingSettings, at: Date): Date {
  return addBusinessMinutes(at, settings.responseTargetMinutes, settings.hours);
}
