/**
 * Which constraint the database refused a statement for. Drivers wrap the server's error (drizzle in `cause`), so
 * the chain is walked; `code` is PostgreSQL's SQLSTATE (23505 unique, 23P01 exclusion).
 */
export function isConstraintViolation(error: unknown, code: '23505' | '23P01', constraint: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const found = e as { code?: unknown; constraint?: unknown };
    if (found.code === code && found.constraint === constraint) return true;
  }
  return false;
}
