/**
 * Who may use which part of the console: one table, CONSOLE_ROUTES, with a row for every route file under
 * src/pages/console and src/pages/api/console and, per method, the roles that may use it. Every such path needs
 * a signed-in staff member (except the sign-in pages). A method a row does not list, and a path no row matches,
 * are refused to every role, so a new route is closed until someone writes down who may use it; the
 * end-to-end test (tests/e2e/console-access.test.ts) fails for a route file the table does not list and checks
 * every cell against the running server.
 *
 * Marketing works with attribution and counts: embeds with their views, clicks, leads and reservations, the
 * board (stages, counts, values, sources; cards without company names) and the inventory. Lead pages and every
 * endpoint that returns or changes a lead (contact person, mobile, email, messages, credit code) are for
 * leasing staff only. Every role may sign out and manage its own account (two-step sign-in).
 */
import type { StaffRole } from '../db/auth-schema.ts';

type Method = 'GET' | 'POST';

/** @internal Exported for tests/e2e/console-access.test.ts. */
export interface ConsoleRoute {
  /** The route file, relative to src/pages. */
  file: string;
  /** Roles allowed per method; a method not listed is refused to everyone. Public sign-in pages list none. */
  methods: Partial<Record<Method, readonly StaffRole[]>>;
  /** The sign-in pages, reachable without a session. */
  isPublic?: boolean;
}

const ALL: readonly StaffRole[] = ['admin', 'agent', 'marketing'];
const LEASING: readonly StaffRole[] = ['admin', 'agent'];
const ADMIN: readonly StaffRole[] = ['admin'];
const MARKETING: readonly StaffRole[] = ['admin', 'marketing'];

/** @internal Exported for tests/e2e/console-access.test.ts. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [
  { file: 'console/login/index.astro', methods: {}, isPublic: true },
  { file: 'console/login/2fa.astro', methods: {}, isPublic: true },
  { file: 'console/logout.ts', methods: { POST: ALL } },
  { file: 'console/account.astro', methods: { GET: ALL, POST: ALL } },
  { file: 'console/index.astro', methods: { GET: ALL } },
  { file: 'console/pipeline.astro', methods: { GET: ALL } },
  { file: 'console/inventory.astro', methods: { GET: ALL } },
  // Leasing rules for administrators; each agent's own hours, duty and calendar feed (manage-team.ts checks whose).
  { file: 'console/team.astro', methods: { GET: LEASING, POST: LEASING } },
  { file: 'console/embeds.astro', methods: { GET: MARKETING, POST: MARKETING } },
  { file: 'console/users.astro', methods: { GET: ADMIN, POST: ADMIN } },
  { file: 'console/audit.astro', methods: { GET: ADMIN } },
  // A lead's page shows the person behind it: leasing staff only.
  { file: 'console/leads/[id].astro', methods: { GET: LEASING } },
  { file: 'api/console/leads/[id]/[action].ts', methods: { POST: LEASING } },
  { file: 'api/console/leads/[id]/stage.ts', methods: { POST: LEASING } },
  { file: 'api/console/leads/[id]/tours/[tourId].ics.ts', methods: { GET: LEASING } },
  { file: 'api/console/leads/[id]/export.json.ts', methods: { GET: LEASING } },
  // Erasing a person's data (PIPL) is for administrators.
  { file: 'api/console/leads/[id]/erase.ts', methods: { POST: ADMIN } },
  { file: 'api/console/exports/[file].ts', methods: { GET: LEASING } },
  { file: 'api/console/inventory/[unitId].ts', methods: { POST: LEASING } },
  { file: 'api/console/deposits/[id]/refund.ts', methods: { POST: LEASING } },
];

/** The URL pattern of a route file, the way Astro routes it: `[param]` is one path segment. */
function routePattern(file: string): RegExp {
  const path = `/${file}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '');
  const source = path
    .split('/')
    .map((part) =>
      part.replace(/\[[^\]]+\]|[^[]+/g, (piece) =>
        piece.startsWith('[') ? '[^/]+' : piece.replace(/[.*+?^${}()|\\]/g, '\\$&'),
      ),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

// As in Astro's routing, a static segment wins over a parameter: `leads/[id]/erase` before `leads/[id]/[action]`.
const parameterCount = (file: string) => file.split('[').length - 1;
const MATCHERS = [...CONSOLE_ROUTES]
  .sort((a, b) => parameterCount(a.file) - parameterCount(b.file))
  .map((route) => ({ route, pattern: routePattern(route.file) }));

/** The table's row for a path (language prefix already removed), if any. */
function routeFor(path: string): ConsoleRoute | undefined {
  return MATCHERS.find((m) => m.pattern.test(path))?.route;
}

/** The sign-in pages, which must be reachable without a session (which paths are the console: http/classify-path.ts). */
export function isPublicConsolePath(path: string): boolean {
  return routeFor(path)?.isPublic === true;
}

/** Whether a role may use a console path with a method (HEAD as GET); anything the table does not list is refused. */
export function isAllowed(path: string, method: string, role: string): boolean {
  const roles = routeFor(path)?.methods[(method === 'HEAD' ? 'GET' : method) as Method];
  return (roles as readonly string[] | undefined)?.includes(role) ?? false;
}
