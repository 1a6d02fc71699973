/**
 * Single use of form tokens, shared by every process through the database: a token's id is recorded in the
 * transaction that stores the inquiry, so a submission that fails halfway leaves the token usable, and a replay
 * of one that succeeded finds the id taken.
 */
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/open-database.ts';
import { usedFormTokens } from '../db/schema.ts';

/** A transaction or the database. */
type Executor = Pick<Database, 'select' | 'insert' | 'delete'>;

const USED_CONSTRAINT = 'used_form_tokens_pkey';

/** Whether an error (or its cause) is the unique violation of a token used twice at the same moment. */
export function isFormTokenReuse(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === USED_CONSTRAINT) return true;
  }
  return false;
}

/** Whether a submission with this token id was already stored. */
export async function isFormTokenUsed(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: usedFormTokens.id }).from(usedFormTokens).where(eq(usedFormTokens.id, id));
  return Boolean(row);
}

/**
 * Records the token as used, in the caller's transaction. Two submissions racing with one token: the second
 * fails with a unique violation (see isFormTokenReuse) and its transaction stores nothing.
 */
export async function spendFormToken(tx: Executor, id: string, expiresAt: Date): Promise<void> {
  await tx.insert(usedFormTokens).values({ id, expiresAt });
}

/** Forgets used tokens that have expired anyway (run by the housekeeping loop). */
export async function pruneUsedFormTokens(db: Executor, now: Date = new Date()): Promise<void> {
  await db.delete(usedFormTokens).where(lt(usedFormTokens.expiresAt, now));
}
