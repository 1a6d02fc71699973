/**
 * Staff accounts, managed by admins in the console (through better-auth's admin API, with the admin's own
 * session, so better-auth checks the permission too) and audited.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Database } from '../db/open-database.ts';
import { STAFF_ROLES, staffUsers } from '../db/auth-schema.ts';
import { recordAudit, type Actor } from '../audit/record-audit.ts';
import type { Auth } from './create-auth.ts';

export const newStaffInput = z.object({
  name: z.string().trim().min(1).max(80),
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  role: z.enum(STAFF_ROLES),
});

export type StaffResult =
  { ok: true; password?: string } | { ok: false; code: 'invalid' | 'exists' | 'not_found' | 'self' };

/** A password people can type from a note: 16 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function createStaff(
  db: Database,
  auth: Auth,
  actor: Actor,
  headers: Headers,
  raw: unknown,
): Promise<StaffResult> {
  const parsed = newStaffInput.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid' };
  const [existing] = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(staffUsers.email, parsed.data.email));
  if (existing) return { ok: false, code: 'exists' };
  const password = generatePassword();
  const { user } = await auth.api.createUser({ body: { ...parsed.data, password }, headers });
  await recordAudit(db, actor, 'staff.create', 'staff', user.id, null, {
    email: parsed.data.email,
    role: parsed.data.role,
  });
  return { ok: true, password };
}

export async function setStaffRole(
  db: Database,
  auth: Auth,
  actor: Actor,
  headers: Headers,
  userId: string,
  role: string,
): Promise<StaffResult> {
  if (!(STAFF_ROLES as readonly string[]).includes(role)) return { ok: false, code: 'invalid' };
  if (userId === actor.id) return { ok: false, code: 'self' };
  const [before] = await db.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, userId));
  if (!before) return { ok: false, code: 'not_found' };
  await auth.api.setRole({ body: { userId, role: role as 'admin' }, headers });
  await recordAudit(db, actor, 'staff.role', 'staff', userId, { role: before.role }, { role });
  return { ok: true };
}

export async function setStaffBanned(
  db: Database,
  auth: Auth,
  actor: Actor,
  headers: Headers,
  userId: string,
  isBanned: boolean,
): Promise<StaffResult> {
  if (userId === actor.id) return { ok: false, code: 'self' };
  const [before] = await db.select({ banned: staffUsers.banned }).from(staffUsers).where(eq(staffUsers.id, userId));
  if (!before) return { ok: false, code: 'not_found' };
  if (isBanned) await auth.api.banUser({ body: { userId, banReason: 'disabled by an administrator' }, headers });
  else await auth.api.unbanUser({ body: { userId }, headers });
  await recordAudit(
    db,
    actor,
    isBanned ? 'staff.disable' : 'staff.enable',
    'staff',
    userId,
    { banned: before.banned },
    { banned: isBanned },
  );
  return { ok: true };
}

export async function resetStaffPassword(
  db: Database,
  auth: Auth,
  actor: Actor,
  headers: Headers,
  userId: string,
): Promise<StaffResult> {
  const [user] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, userId));
  if (!user) return { ok: false, code: 'not_found' };
  const password = generatePassword();
  await auth.api.setUserPassword({ body: { userId, newPassword: password }, headers });
  await auth.api.revokeUserSessions({ body: { userId }, headers });
  await recordAudit(db, actor, 'staff.reset_password', 'staff', userId, null, null);
  return { ok: true, password };
}
