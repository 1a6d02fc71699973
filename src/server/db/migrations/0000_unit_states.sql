CREATE TYPE "public"."unit_status" AS ENUM('available', 'held', 'reserved', 'leased', 'unavailable');--> statement-breakpoint
CREATE TABLE "unit_states" (
	"unit_id" text PRIMARY KEY NOT NULL,
	"status" "unit_status" NOT NULL,
	"list_rent_per_sqm_day" numeric(10, 2) NOT NULL,
	"available_from" date NOT NULL,
	"seeded_status" "unit_status" NOT NULL,
	"seeded_list_rent_per_sqm_day" numeric(10, 2) NOT NULL,
	"seeded_available_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_states_rent_positive" CHECK ("unit_states"."list_rent_per_sqm_day" > 0)
);
