/**
 * Many rows into one table in one statement with one parameter: the rows as a JSON array, which the database
 * turns into typed records (`jsonb_populate_recordset`). Drizzle's insert binds one parameter per column per row
 * and checks each value on the way; for a batch of inquiries that is hundreds of parameters built on the thread
 * that answers every request (about a fifth of its time per inquiry under a flood, measured with --cpu-prof).
 * Lead intake stores its batches this way (leads/store-inquiries.ts).
 *
 * Each value goes in as Drizzle would send it (the column's own `mapToDriverValue`: a Date as an ISO string, an
 * array as a Postgres array literal), read by the column type's input function; JSON columns take the value
 * itself. Columns a row leaves out take their defaults, as with Drizzle's insert. Half of a UTF-16 surrogate pair,
 * which the database's JSON parser refuses, becomes U+FFFD, as the drivers' UTF-8 encoding makes it for a bound
 * parameter (request bodies holding one are refused before this, security/refuse-nul-characters.ts).
 */
import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { executeRows } from './execute-rows.ts';
import type { Tx } from './open-database.ts';

interface InsertRowsOptions {
  /** A unique column: a row that would repeat a value already stored is skipped, not an error. */
  skipConflictsOn?: Column;
}

/** JSON.stringify's replacer: every string as well-formed UTF-16. */
const wellFormed = (_key: string, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface ColumnPlan {
  key: string;
  column: Column;
  isJson: boolean;
}

/** Each table's columns by property name, read once (Drizzle's getTableColumns copies them on every call). */
const columnsOf = new WeakMap<PgTable, Record<string, Column>>();

function tableColumns(table: PgTable): Record<string, Column> {
  let columns = columnsOf.get(table);
  if (!columns) columnsOf.set(table, (columns = getTableColumns(table) as Record<string, Column>));
  return columns;
}

/**
 * Inserts `rows` (all with the same keys, as Drizzle's insert takes them) and returns the primary key `id` of each
 * row stored, in no particular order.
 */
export async function insertRows<T extends PgTable>(
  tx: Pick<Tx, 'execute'>,
  table: T,
  rows: ReadonlyArray<T['$inferInsert']>,
  options: InsertRowsOptions = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const columns = tableColumns(table);
  const plan: ColumnPlan[] = Object.keys(rows[0]!)
    .filter((key) => columns[key])
    .map((key) => ({ key, column: columns[key]!, isJson: columns[key]!.dataType === 'json' }));
  const json = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const { key, column, isJson } of plan) {
      const value = (row as Record<string, unknown>)[key];
      record[column.name] =
        value === null || value === undefined ? null : isJson ? value : column.mapToDriverValue(value);
    }
    return record;
  });
  const names = plan.map(({ column }) => quote(column.name)).join(', ');
  const target = quote(getTableName(table));
  const conflict = options.skipConflictsOn ? `on conflict (${quote(options.skipConflictsOn.name)}) do nothing` : '';
  const stored = await executeRows<{ id: string }>(
    tx,
    sql`insert into ${sql.raw(target)} (${sql.raw(names)})
      select ${sql.raw(names)} from jsonb_populate_recordset(null::${sql.raw(target)}, ${JSON.stringify(json, wellFormed)}::jsonb)
      ${sql.raw(conflict)} returning id`,
  );
  return stored.map((row) => row.id);
}
