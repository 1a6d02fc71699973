CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'pending_approval', 'approved', 'rejected', 'sent', 'superseded', 'accepted', 'withdrawn');--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"unit_ids" text[] NOT NULL,
	"terms" jsonb NOT NULL,
	"total_rent_fen" bigint NOT NULL,
	"net_effective_per_sqm_day_fen" integer NOT NULL,
	"list_per_sqm_day_fen" integer NOT NULL,
	"approval_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"document_sha256" text,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"acceptance" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_version" CHECK ("proposals"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "leasing_settings" ADD COLUMN "max_rent_free_months" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_states" ADD COLUMN "floor_rent_per_sqm_day" numeric(10, 2);--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_lead_version" ON "proposals" USING btree ("lead_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_one_accepted_per_lead" ON "proposals" USING btree ("lead_id") WHERE "proposals"."status" = 'accepted';