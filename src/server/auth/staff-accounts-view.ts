/**
 * What the staff accounts page lists: every account, oldest first, with its role and whether it is disabled or
 * uses two-step sign-in, and the roles an account can have.
 */
import { asc } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { STAFF_ROLES, staffUsers, type StaffRole } from '../db/auth-schema.ts';

export interface StaffAccountRow {
  id: string;
  name: string;
  email: string;
  role: string;
  banned: boolean | null;
  twoFactorEnabled: boolean | null;
}

export async function staffAccountsView(
  db: Database,
): Promise<{ accounts: StaffAccountRow[]; roles: readonly StaffRole[] }> {
  const accounts = await db
    .select({
      id: staffUsers.id,
      name: staffUsers.name,
      email: staffUsers.email,
      role: staffUsers.role,
      banned: staffUsers.banned,
      twoFactorEnabled: staffUsers.twoFactorEnabled,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.createdAt));
  return { accounts, roles: STAFF_ROLES };
}
