CREATE TABLE "first_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"holder_unit_id" text NOT NULL,
	"until_on" date NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "lead_requirements" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"query" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_matches" (
	"lead_id" uuid NOT NULL,
	"unit_id" text NOT NULL,
	"available_from" date NOT NULL,
	"by_first_refusal" boolean DEFAULT false NOT NULL,
	"matched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "requirement_matches_lead_id_unit_id_pk" PRIMARY KEY("lead_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "policy_profile" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_leases" ADD COLUMN "expiry_public" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "first_refusals" ADD CONSTRAINT "first_refusals_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_requirements" ADD CONSTRAINT "lead_requirements_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_matches" ADD CONSTRAINT "requirement_matches_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "first_refusals_unit_idx" ON "first_refusals" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "first_refusals_one_per_unit" ON "first_refusals" USING btree ("unit_id") WHERE "first_refusals"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "requirement_matches_unit_idx" ON "requirement_matches" USING btree ("unit_id");