/**
 * Single use of form tokens, shared by every process through the database: a token's id is recorded in the
 * transaction that stores the inquiry, so a submission that fails halfway leaves the token usable, and a replay
 * of one that succeeded finds the id taken.
 */
import { inArray, lt } from 'drizzle-orm';
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

/** Which of these token ids a stored submission already used. */
export async function findUsedFormTokens(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: usedFormTokens.id }).from(usedFormTokens).where(inArray(usedFormTokens.id, ids));
  return new Set(rows.map((row) => row.id));
}

/**
 * Records the tokens as used, in the caller's transaction. Two submissions racing with one token: the second
 * fails with a unique violation (see isFormTokenReuse) and its transaction stores nothing.
 */
export async function spendFormTokens(tx: Executor, tokens: Array<{ id: string; expiresAt: Date }>): Promise<void> {
  if (tokens.length > 0) await tx.insert(usedFormTokens).values(tokens);
}

/** Forgets used tokens that have expired anyway (run by the housekeeping loop). */
export async function pruneUsedFormTokens(db: Executor, now: Date = new Date()): Promise<void> {
  await db.delete(usedFormTokens).where(lt(usedFormTokens.expiresAt, now));
}
