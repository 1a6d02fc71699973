/**
 * Writes one audit entry in the caller's transaction: who changed what, and the values before and after.
 */
import type { Database, Tx } from '../db/open-database.ts';
import { auditLog } from '../db/schema.ts';

export interface Actor {
  id: string;
  email: string;
  role: string;
}

export async function recordAudit(
  tx: Tx | Database,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Promise<void> {
  await tx
    .insert(auditLog)
    .values({ actorId: actor.id, actorEmail: actor.email, action, entity, entityId, before, after });
}
