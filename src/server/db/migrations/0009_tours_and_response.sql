CREATE TYPE "public"."tour_status" AS ENUM('booked', 'cancelled', 'held', 'no_show');--> statement-breakpoint
CREATE TABLE "agent_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"work_phone" text,
	"is_on_duty" boolean DEFAULT true NOT NULL,
	"leave_from" date,
	"leave_until" date,
	"max_open_leads" integer,
	"tracks" "industry_track"[] DEFAULT '{}'::industry_track[] NOT NULL,
	"building_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"work_weekdays" integer[] DEFAULT '{1,2,3,4,5}'::integer[] NOT NULL,
	"tour_windows" jsonb DEFAULT '[[570,720],[810,1050]]'::jsonb NOT NULL,
	"days_off" date[] DEFAULT '{}'::date[] NOT NULL,
	"tour_minutes" integer DEFAULT 45 NOT NULL,
	"buffer_minutes" integer DEFAULT 15 NOT NULL,
	"last_assigned_at" timestamp with time zone,
	"calendar_token_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_profiles_calendar_token_hash_unique" UNIQUE("calendar_token_hash"),
	CONSTRAINT "agent_profiles_tour_minutes" CHECK ("agent_profiles"."tour_minutes" between 15 and 240),
	CONSTRAINT "agent_profiles_buffer" CHECK ("agent_profiles"."buffer_minutes" between 0 and 120),
	CONSTRAINT "agent_profiles_capacity" CHECK ("agent_profiles"."max_open_leads" is null or "agent_profiles"."max_open_leads" >= 0),
	CONSTRAINT "agent_profiles_leave" CHECK ("agent_profiles"."leave_from" is null or "agent_profiles"."leave_until" is null or "agent_profiles"."leave_from" <= "agent_profiles"."leave_until")
);
--> statement-breakpoint
CREATE TABLE "leasing_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"response_target_minutes" integer DEFAULT 15 NOT NULL,
	"day_start_minute" integer DEFAULT 540 NOT NULL,
	"day_end_minute" integer DEFAULT 1080 NOT NULL,
	"assign_by" text DEFAULT 'track' NOT NULL,
	"team_lead_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leasing_settings_single" CHECK ("leasing_settings"."id" = 1),
	CONSTRAINT "leasing_settings_target" CHECK ("leasing_settings"."response_target_minutes" between 1 and 480),
	CONSTRAINT "leasing_settings_day" CHECK (0 <= "leasing_settings"."day_start_minute" and "leasing_settings"."day_start_minute" < "leasing_settings"."day_end_minute" and "leasing_settings"."day_end_minute" <= 1440),
	CONSTRAINT "leasing_settings_assign_by" CHECK ("leasing_settings"."assign_by" in ('team', 'track', 'building'))
);
--> statement-breakpoint
CREATE TABLE "tours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"agent_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"unit_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"building_id" text,
	"status" "tour_status" DEFAULT 'booked' NOT NULL,
	"colleagues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"booked_by" text NOT NULL,
	"interest" text,
	"units_seen" text[],
	"next_step" text,
	"outcome_at" timestamp with time zone,
	"outcome_by" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tours_reference_unique" UNIQUE("reference"),
	CONSTRAINT "tours_time" CHECK ("tours"."ends_at" > "tours"."starts_at"),
	CONSTRAINT "tours_interest" CHECK ("tours"."interest" is null or "tours"."interest" in ('high', 'medium', 'low', 'none'))
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "escalations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "tour_id" uuid;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "recipient" text;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD COLUMN "lang" text;--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD CONSTRAINT "agent_profiles_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leasing_settings" ADD CONSTRAINT "leasing_settings_team_lead_id_staff_users_id_fk" FOREIGN KEY ("team_lead_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_agent_id_staff_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tours_lead_idx" ON "tours" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "tours_agent_time_idx" ON "tours" USING btree ("agent_id","starts_at");--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_tour_id_tours_id_fk" FOREIGN KEY ("tour_id") REFERENCES "public"."tours"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_unanswered_idx" ON "leads" USING btree ("response_due_at") WHERE "leads"."first_response_at" is null and "leads"."response_due_at" is not null;--> statement-breakpoint
-- Written by hand (Drizzle has no exclusion constraints): an agent gives one tour at a time. btree_gist lets the
-- agent's id (equality) and the tour's time range (overlap) share one GiST index; it is a trusted extension.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "tours" ADD CONSTRAINT "tours_one_at_a_time_per_agent" EXCLUDE USING gist ("agent_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled');--> statement-breakpoint
INSERT INTO "leasing_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
