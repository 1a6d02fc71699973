ALTER TABLE "embed_events" ADD COLUMN "count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Every app process caches what unit states and embeds say; a change by any writer (another process, psql)
-- reaches them as a notification on the channel "table_changes" (db/listen-for-changes.ts), once per statement.
CREATE FUNCTION "notify_table_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('table_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "unit_states_change_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_states" FOR EACH STATEMENT EXECUTE FUNCTION "notify_table_change"();--> statement-breakpoint
CREATE TRIGGER "embeds_change_notice" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "embeds" FOR EACH STATEMENT EXECUTE FUNCTION "notify_table_change"();
