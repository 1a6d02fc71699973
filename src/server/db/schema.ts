/**
 * The database schema (Drizzle). Columns are snake_case in SQL and camelCase in code.
 * Migrations in ./migrations are generated from this file by `npm run db:generate` and committed.
 */
import { sql } from 'drizzle-orm';
import { check, date, numeric, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** What a unit is doing. `held` and `reserved` only ever come from deposits, never from the catalog. */
export const unitStatus = pgEnum('unit_status', ['available', 'held', 'reserved', 'leased', 'unavailable']);

/**
 * The commercial state of each catalog unit. The `seeded_*` columns remember what the catalog said at the
 * last seed, so a re-seed can tell a value staff changed (leave it) from one nobody touched (follow the catalog).
 */
export const unitStates = pgTable(
  'unit_states',
  {
    unitId: text('unit_id').primaryKey(),
    status: unitStatus('status').notNull(),
    listRentPerSqmDay: numeric('list_rent_per_sqm_day', { precision: 10, scale: 2 }).notNull(),
    availableFrom: date('available_from', { mode: 'string' }).notNull(),
    seededStatus: unitStatus('seeded_status').notNull(),
    seededListRentPerSqmDay: numeric('seeded_list_rent_per_sqm_day', { precision: 10, scale: 2 }).notNull(),
    seededAvailableFrom: date('seeded_available_from', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('unit_states_rent_positive', sql`${table.listRentPerSqmDay} > 0`)],
);

export type UnitStateRow = typeof unitStates.$inferSelect;
export type UnitStatus = (typeof unitStatus.enumValues)[number];
