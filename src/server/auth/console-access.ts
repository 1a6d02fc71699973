/**
 * Who may use which part of the console. Every path under /console and /api/console needs a signed-in staff
 * member (except the sign-in pages); the first matching rule says which roles may use it. Unknown console paths
 * fall under the last rule, so a new route is protected before anyone remembers to list it.
 */
import type { StaffRole } from '../db/auth-schema.ts';

interface Rule {
  pattern: RegExp;
  /** Roles for reading (GET/HEAD) and for changing (other methods). */
  read: readonly StaffRole[];
  write: readonly StaffRole[];
}

const ALL: readonly StaffRole[] = ['admin', 'agent', 'marketing'];
const LEASING: readonly StaffRole[] = ['admin', 'agent'];
const ADMIN: readonly StaffRole[] = ['admin'];
const MARKETING: readonly StaffRole[] = ['admin', 'marketing'];

export const CONSOLE_RULES: readonly Rule[] = [
  { pattern: /^\/(api\/)?console\/users(\/|$)/, read: ADMIN, write: ADMIN },
  { pattern: /^\/(api\/)?console\/audit(\/|$)/, read: ADMIN, write: ADMIN },
  { pattern: /^\/(api\/)?console\/deposits(\/|$)/, read: LEASING, write: LEASING },
  // Erasing a person's data (PIPL) is for administrators.
  { pattern: /^\/api\/console\/leads\/[^/]+\/erase$/, read: ADMIN, write: ADMIN },
  // Exports hold personal data: leasing staff only.
  { pattern: /^\/api\/console\/leads\/[^/]+\/export\.json$/, read: LEASING, write: LEASING },
  { pattern: /^\/api\/console\/exports(\/|$)/, read: LEASING, write: LEASING },
  { pattern: /^\/(api\/)?console\/embeds(\/|$)/, read: MARKETING, write: MARKETING },
  { pattern: /^\/(api\/)?console\/inventory(\/|$)/, read: ALL, write: LEASING },
  { pattern: /^\/(api\/)?console\/(leads|pipeline|tasks)(\/|$)/, read: ALL, write: LEASING },
  { pattern: /^\/(api\/)?console(\/|$)/, read: ALL, write: LEASING },
];

const PUBLIC = [/^\/console\/login(\/2fa)?$/];

/** True for console pages and console API paths (language prefix already removed). */
export function isConsolePath(path: string): boolean {
  return /^\/(api\/)?console(\/|$)/.test(path);
}

/** The sign-in pages, which must be reachable without a session. */
export function isPublicConsolePath(path: string): boolean {
  return PUBLIC.some((p) => p.test(path));
}

/** Whether a role may use a console path with a method. */
export function isAllowed(path: string, method: string, role: string): boolean {
  const rule = CONSOLE_RULES.find((r) => r.pattern.test(path));
  if (!rule) return false;
  const roles = method === 'GET' || method === 'HEAD' ? rule.read : rule.write;
  return (roles as readonly string[]).includes(role);
}
