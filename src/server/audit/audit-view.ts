/**
 * What the audit log page shows: the newest entries (optionally of one record, `?entity=…&id=…`), each in
 * words (describe-audit.ts).
 */
import type { Lang } from '../../i18n/lang.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Database } from '../db/open-database.ts';
import { describeAudit } from './describe-audit.ts';
import { listAudit } from './list-audit.ts';

export async function auditView(deps: { db: Database; catalog: Catalog }, query: URLSearchParams, lang: Lang) {
  const { rows, names } = await listAudit(deps.db, { entity: query.get('entity'), id: query.get('id') });
  return {
    entries: rows.map((row) => ({ row, text: describeAudit(row, names, deps.catalog, lang) })),
    isFiltered: query.has('entity') || query.has('id'),
  };
}
